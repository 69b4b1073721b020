#include "app/wiring.hpp"

#include "modules/accounts/module.hpp"
#include "modules/auditlog/module.hpp"
#include "modules/demomail/module.hpp"
#include "modules/home/module.hpp"
#include "modules/people/module.hpp"
#include "modules/registry/module.hpp"
#include "modules/requests/module.hpp"
#include "modules/settings/module.hpp"

namespace syn::app {

std::span<const web::Module> modules() {
    static const web::Module list[] = {
        {"home", home::install},
        {"accounts", accounts::install, accounts::commands},
        {"auditlog", auditlog::install},
        {"settings", settings::install},
        {"people", people::install},
        {"registry", registry::install, registry::commands},
        {"requests", requests::install, requests::commands},
        {"demomail", demomail::install},
    };
    return list;
}

void install_modules(web::App& app) {
    for (const auto& m : modules()) m.install(app);
}

}  // namespace syn::app
