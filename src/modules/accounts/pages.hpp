#pragma once
#include "platform/web/app.hpp"

namespace syn::accounts {
void register_pages(web::App& app);          // pages/login.cpp: registration, log-in, reset
void register_account_pages(web::App& app);  // pages/account.cpp: the account page
void register_second_factor_pages(web::App& app);  // pages/second_factor.cpp: two-step log-in
void register_api(web::App& app);            // api.cpp

// The page an e-mailed link opens: one button that POSTs the link's token to `action`.
http::Response token_confirm_page(web::Context& ctx, const std::string& title, const std::string& action, const std::string& button);
}  // namespace syn::accounts
