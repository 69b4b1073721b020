#include "platform/auth/language.hpp"

#include <string>

namespace syn::auth {

i18n::Lang language_of(soci::session& s, std::int64_t user_id) {
    long long u = user_id;
    std::string code;
    soci::indicator ind = soci::i_null;
    s << "SELECT language FROM users WHERE id = :u", soci::use(u), soci::into(code, ind);
    if (ind != soci::i_ok) return i18n::Lang::El;
    return i18n::parse_lang(code).value_or(i18n::Lang::El);
}

i18n::Lang language_of(soci::session& s, std::optional<std::int64_t> user_id) {
    return user_id ? language_of(s, *user_id) : i18n::Lang::El;
}

void set_language(soci::session& s, std::int64_t user_id, i18n::Lang lang) {
    long long u = user_id;
    const std::string code(i18n::code(lang));
    s << "UPDATE users SET language = :l WHERE id = :u", soci::use(code), soci::use(u);
}

}  // namespace syn::auth
