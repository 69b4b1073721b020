#pragma once
// Pure validation of account input.
#include <string>
#include <vector>

#include "modules/accounts/model.hpp"

namespace syn::accounts {

std::string normalise_email(const std::string& email);  // trimmed, lower-case
std::vector<Problem> check_registration(const RegisterInput& in);
// Password rules shared by registration, reset and change.
void check_new_password(const std::string& pw, const std::string& confirm, const std::string& email,
                        std::vector<Problem>& out, const std::string& field = "password",
                        const std::string& confirm_field = "password_confirm");
std::vector<Problem> check_display_name(const std::string& name);

}  // namespace syn::accounts
