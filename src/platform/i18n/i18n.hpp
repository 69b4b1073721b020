#pragma once
// Per-request translation with Boost.Locale over gettext catalogs embedded in the binary.
// msgids are English. Strings are marked for xgettext with these keywords only:
//   tr("...")                      a message
//   tr.tf("... {} ...", args...)   a message formatted with fmt after translation
//   tr.tn("one {}", "{} many", n)  a plural message (n is also the first format argument)
//   N_("...")                      marks a msgid in a table; translate it later with tr(x)
#include <fmt/format.h>

#include <cstdint>
#include <locale>
#include <optional>
#include <string>
#include <string_view>

#define N_(x) x

namespace syn::i18n {

enum class Lang { El, En };

std::string_view code(Lang l);                           // "el", "en"
std::optional<Lang> parse_lang(std::string_view code);   // accepts "el", "en", "el-GR", …
// The language for a request: the "lang" cookie if valid, then Accept-Language (q-values
// honoured), and Greek when neither names a language we have.
Lang negotiate(std::optional<std::string_view> cookie, std::optional<std::string_view> accept_language);

// Loads the embedded catalogs once; safe to call repeatedly.
void init();

class Tr {
public:
    explicit Tr(Lang lang = Lang::El);
    Lang lang() const { return lang_; }
    const std::locale& locale() const { return *loc_; }

    std::string operator()(const char* msgid) const;
    std::string tn(const char* singular, const char* plural, long n) const;  // formats n into "{}"
    template <class... A>
    std::string tf(const char* msgid, const A&... args) const {
        return fmt::vformat((*this)(msgid), fmt::make_format_args(args...));
    }

private:
    Lang lang_;
    const std::locale* loc_;
};

// Dates and numbers, shown in Europe/Athens whatever the server's zone (rule 7).
std::string format_date(const Tr& tr, std::int64_t unix_seconds);      // "Κυριακή, 22 Νοεμβρίου 2026"
std::string format_datetime(const Tr& tr, std::int64_t unix_seconds);  // "22/11/2026 14:05" (el) / "22/11/2026, 14:05"
std::string format_number(const Tr& tr, double value, int decimals = 0);  // "1.234,5" (el) / "1,234.5" (en)
// Collation in the language's rules (ICU): <0, 0, >0.
int collate(const Tr& tr, std::string_view a, std::string_view b);
// The ICU sort key of s as lower-case hex: comparing two keys byte by byte (SQL ORDER BY under
// a binary collation) orders the strings as collate() does, so the database can sort by it.
std::string sort_key(Lang lang, std::string_view s);

}  // namespace syn::i18n
