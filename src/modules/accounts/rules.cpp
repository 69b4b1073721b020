#include "modules/accounts/rules.hpp"

#include <algorithm>

#include "platform/i18n/i18n.hpp"
#include "platform/text/text.hpp"

namespace syn::accounts {

std::string normalise_email(const std::string& email) {
    std::string e = text::trim(email);
    std::transform(e.begin(), e.end(), e.begin(), [](unsigned char c) { return std::tolower(c); });
    return e;
}

std::vector<Problem> check_display_name(const std::string& raw) {
    std::vector<Problem> out;
    const std::string name = text::trim(raw);
    if (name.empty()) out.push_back({"display_name", N_("Enter your name")});
    else if (name.size() > 120) out.push_back({"display_name", N_("Your name must be 120 characters or fewer")});
    else if (!text::valid_utf8_text(name) || name.find('\n') != std::string::npos)
        out.push_back({"display_name", N_("Your name contains characters we cannot accept")});
    return out;
}

void check_new_password(const std::string& pw, const std::string& confirm, const std::string& email,
                        std::vector<Problem>& out, const std::string& field, const std::string& confirm_field) {
    if (pw.empty()) out.push_back({field, N_("Enter a password")});
    else if (text::characters(pw) < kMinPassword) out.push_back({field, N_("Your password must be at least 10 characters long")});
    else if (text::characters(pw) > kMaxPassword) out.push_back({field, N_("Your password must be 256 characters or fewer")});
    else if (!text::valid_utf8_text(pw)) out.push_back({field, N_("Your password contains characters we cannot accept")});
    else if (!email.empty() && normalise_email(pw) == normalise_email(email))
        out.push_back({field, N_("Your password must not be your e-mail address")});
    else if (pw != confirm) out.push_back({confirm_field, N_("The two passwords do not match")});
}

std::vector<Problem> check_registration(const RegisterInput& in) {
    auto out = check_display_name(in.display_name);
    const auto email = normalise_email(in.email);
    if (email.empty()) out.push_back({"email", N_("Enter your e-mail address")});
    else if (!text::valid_email(email)) out.push_back({"email", N_("Enter an e-mail address in the correct format, like name@example.gr")});
    check_new_password(in.password, in.password_confirm, email, out);
    if (!in.accept_terms) out.push_back({"accept_terms", N_("Confirm that you have read the privacy notice")});
    return out;
}

}  // namespace syn::accounts
