// Dates, numbers and collation through ICU directly. Boost.Locale's stream formatters would
// build an ICU formatter per stream, per call; here each thread builds its formatters once
// (ICU date formats and collators are not documented as safe for concurrent use) and number
// formatters, which ICU documents as immutable and thread-safe, are shared.
#include "platform/i18n/i18n.hpp"
#include "platform/i18n/locales.hpp"

#include <unicode/coll.h>
#include <unicode/numberformatter.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>

#include <array>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace syn::i18n {

namespace {

constexpr int kMaxDecimals = 6;

void check(UErrorCode status, const char* what) {
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU: ") + what + ": " + u_errorName(status));
}

std::string utf8(const icu::UnicodeString& u) {
    std::string s;
    u.toUTF8String(s);
    return s;
}

// Rule 7: times are shown in Europe/Athens, whatever TZ the server runs with.
icu::TimeZone* athens() {
    icu::TimeZone* tz = icu::TimeZone::createTimeZone("Europe/Athens");
    icu::UnicodeString id;
    if (tz == nullptr || tz->getID(id) == icu::UnicodeString("Etc/Unknown"))
        throw std::runtime_error("ICU has no Europe/Athens time zone data");
    return tz;
}

std::unique_ptr<icu::SimpleDateFormat> make_date_format(Lang l, const char* pattern) {
    UErrorCode status = U_ZERO_ERROR;
    auto f = std::make_unique<icu::SimpleDateFormat>(icu::UnicodeString::fromUTF8(pattern),
                                                     icu::Locale(detail::icu_locale_id(l)), status);
    check(status, "date format");
    f->adoptTimeZone(athens());
    return f;
}

// The patterns are fixed rather than the locale's "full"/"short" styles so that pages look the
// same after an ICU upgrade. MMMM is the format (genitive) month in Greek: "22 Νοεμβρίου";
// LLLL would give the nominative "Νοέμβριος", which is wrong inside a date.
struct DateFormats {
    std::array<std::unique_ptr<icu::SimpleDateFormat>, 2> date, datetime;
    DateFormats() {
        for (Lang l : {Lang::El, Lang::En}) {
            date[detail::index(l)] = make_date_format(l, "EEEE, d MMMM y");
            datetime[detail::index(l)] = make_date_format(l, l == Lang::En ? "dd/MM/y, HH:mm" : "dd/MM/y HH:mm");
        }
    }
};

DateFormats& date_formats() {
    thread_local DateFormats formats;
    return formats;
}

std::string format_with(const icu::SimpleDateFormat& f, std::int64_t unix_seconds) {
    icu::UnicodeString out;
    f.format(static_cast<UDate>(unix_seconds) * 1000.0, out);
    return utf8(out);
}

using NumberFormatters = std::array<std::array<icu::number::LocalizedNumberFormatter, kMaxDecimals + 1>, 2>;

NumberFormatters make_number_formatters() {
    NumberFormatters all;
    for (Lang l : {Lang::El, Lang::En})
        for (int d = 0; d <= kMaxDecimals; ++d)
            // Half-up, as people round by hand; ICU's default half-even would show 2.5 as "2".
            all[detail::index(l)][static_cast<std::size_t>(d)] =
                icu::number::NumberFormatter::withLocale(icu::Locale(detail::icu_locale_id(l)))
                    .precision(icu::number::Precision::fixedFraction(d))
                    .roundingMode(UNUM_ROUND_HALFUP);
    return all;
}

const icu::number::LocalizedNumberFormatter& number_formatter(Lang l, int decimals) {
    static const NumberFormatters all = make_number_formatters();
    const int d = decimals < 0 ? 0 : (decimals > kMaxDecimals ? kMaxDecimals : decimals);
    return all[detail::index(l)][static_cast<std::size_t>(d)];
}

icu::Collator& collator(Lang l) {
    thread_local std::array<std::unique_ptr<icu::Collator>, 2> collators = [] {
        std::array<std::unique_ptr<icu::Collator>, 2> c;
        for (Lang lang : {Lang::El, Lang::En}) {
            UErrorCode status = U_ZERO_ERROR;
            // Default (tertiary) strength: letters decide first, then accents, then case, so
            // "Άλφα" < "Βήτα" and accent/case variants of one word sort next to each other.
            c[detail::index(lang)].reset(icu::Collator::createInstance(icu::Locale(detail::icu_locale_id(lang)), status));
            check(status, "collator");
            // Numbers by value, as people count: "9ου Δημοτικού" before "10ου Δημοτικού".
            c[detail::index(lang)]->setAttribute(UCOL_NUMERIC_COLLATION, UCOL_ON, status);
            check(status, "numeric collation");
        }
        return c;
    }();
    return *collators[detail::index(l)];
}

}  // namespace

std::string format_date(const Tr& tr, std::int64_t unix_seconds) {
    // ICU takes some 10 µs per date, and a staff queue page shows a hundred of them: each thread
    // keeps what it formatted, by UTC hour — Athens is a whole number of hours from UTC, so every
    // second of one UTC hour falls on the same Athens day.
    thread_local std::array<std::unordered_map<std::int64_t, std::string>, 2> memo;
    auto& m = memo[detail::index(tr.lang())];
    const std::int64_t hour = unix_seconds >= 0 ? unix_seconds / 3600 : (unix_seconds - 3599) / 3600;
    if (auto it = m.find(hour); it != m.end()) return it->second;
    if (m.size() >= 20000) m.clear();  // bounded: a few years of hours
    return m.emplace(hour, format_with(*date_formats().date[detail::index(tr.lang())], unix_seconds)).first->second;
}

std::string format_datetime(const Tr& tr, std::int64_t unix_seconds) {
    return format_with(*date_formats().datetime[detail::index(tr.lang())], unix_seconds);
}

std::string format_number(const Tr& tr, double value, int decimals) {
    UErrorCode status = U_ZERO_ERROR;
    const auto formatted = number_formatter(tr.lang(), decimals).formatDouble(value, status);
    check(status, "number format");
    const icu::UnicodeString s = formatted.toString(status);
    check(status, "number format");
    return utf8(s);
}

int collate(const Tr& tr, std::string_view a, std::string_view b) {
    UErrorCode status = U_ZERO_ERROR;
    const UCollationResult r = collator(tr.lang()).compareUTF8(
        icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
        icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), status);
    check(status, "collate");
    return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

}  // namespace syn::i18n

namespace syn::i18n {

std::string sort_key(Lang lang, std::string_view s) {
    const icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
    std::string key(64, '\0');
    for (;;) {
        const int32_t n = collator(lang).getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
        if (n <= static_cast<int32_t>(key.size())) {
            key.resize(n > 0 ? static_cast<std::size_t>(n - 1) : 0);  // drop the terminating 0
            break;
        }
        key.resize(static_cast<std::size_t>(n));
    }
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(key.size() * 2);
    for (unsigned char c : key) {
        out.push_back(hex[c >> 4]);
        out.push_back(hex[c & 15]);
    }
    return out;
}

}  // namespace syn::i18n
