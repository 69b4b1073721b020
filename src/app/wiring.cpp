#include "app/wiring.hpp"

#include "modules/accounts/module.hpp"
#include "modules/auditlog/module.hpp"
#include "modules/home/module.hpp"
#include "modules/registry/module.hpp"
#include "modules/requests/module.hpp"
#include "modules/settings/module.hpp"

namespace syn::app {

void install_modules(web::App& app) {
    home::install(app);
    accounts::install(app);
    auditlog::install(app);
    settings::install(app);
    registry::install(app);
    requests::install(app);
}

}  // namespace syn::app
