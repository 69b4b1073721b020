#pragma once
#include "platform/web/app.hpp"

namespace syn::accounts {
void register_pages(web::App& app);          // pages.cpp: registration, log-in, reset
void register_account_pages(web::App& app);  // account_pages.cpp: the account page
void register_api(web::App& app);            // api.cpp
}  // namespace syn::accounts
