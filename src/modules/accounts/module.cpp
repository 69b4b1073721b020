#include "modules/accounts/module.hpp"

#include "modules/accounts/pages.hpp"

namespace syn::accounts {

void install(web::App& app) {
    register_pages(app);
    register_api(app);
}

}  // namespace syn::accounts
