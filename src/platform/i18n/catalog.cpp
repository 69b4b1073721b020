// Message catalogs: the .mo files compiled into the binary (platform/embed), loaded once into
// two std::locale objects that live until the process ends. A Tr is then a language and a
// pointer, cheap to make per request, and a lookup is one hash probe in an immutable table,
// safe from any number of threads at once.
#include "platform/embed/embedded.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/i18n/locales.hpp"

#include <boost/locale/generator.hpp>
#include <boost/locale/gnu_gettext.hpp>
#include <boost/locale/localization_backend.hpp>

#include <array>
#include <climits>
#include <string>
#include <vector>

namespace syn::i18n {

namespace {

using Messages = boost::locale::message_format<char>;

constexpr const char* kDomain = "synergeia";
// Boost.Locale asks for "<path>/<lang>/LC_MESSAGES/synergeia.mo"; this made-up path prefix
// lets the callback recognise its own requests and serve them from the embedded files.
constexpr std::string_view kEmbeddedPrefix = "embedded:/";

struct Catalog {
    std::locale locale;
    const Messages* messages = nullptr;  // owned by `locale`
};

std::vector<char> embedded_file(const std::string& path, const std::string& /*encoding*/) {
    if (!path.starts_with(kEmbeddedPrefix)) return {};
    const std::string_view rel = std::string_view(path).substr(kEmbeddedPrefix.size());
    for (const auto& f : embed::catalogs())
        if (f.path == rel) return {f.data.begin(), f.data.end()};
    return {};  // Boost.Locale then tries the next folder ("el_GR" before "el"), then gives up
}

Catalog load(Lang lang) {
    // The ICU backend, explicitly: collation, dates and numbers through std::locale must follow
    // CLDR, not whatever the C library of the host happens to have installed.
    auto backends = boost::locale::localization_backend_manager::global();
    backends.select("icu");
    boost::locale::generator gen(backends);
    const std::string name = std::string(detail::icu_locale_id(lang)) + ".UTF-8";
    const std::locale base = gen(name);

    boost::locale::gnu_gettext::messages_info info;
    info.language = std::string(code(lang));
    info.country = lang == Lang::En ? "GB" : "GR";
    info.encoding = "UTF-8";
    info.domains.emplace_back(kDomain);
    info.paths.emplace_back(kEmbeddedPrefix.substr(0, kEmbeddedPrefix.size() - 1));
    info.callback = embedded_file;

    Messages* messages = boost::locale::gnu_gettext::create_messages_facet<char>(info);
    return Catalog{std::locale(base, messages), messages};
}

const std::array<Catalog, 2>& catalogs() {
    // A function-local static is initialised exactly once, thread-safely; afterwards this is a
    // single guard check.
    static const std::array<Catalog, 2> all = {load(Lang::El), load(Lang::En)};
    return all;
}

const Catalog& catalog(Lang l) { return catalogs()[detail::index(l)]; }

int plural_count(long n) {
    // gettext plural rules take an int; clamping keeps the rule's answer for huge counts.
    if (n > INT_MAX) return INT_MAX;
    if (n < -INT_MAX) return -INT_MAX;
    return static_cast<int>(n);
}

}  // namespace

void init() { (void)catalogs(); }

Tr::Tr(Lang lang) : lang_(lang), loc_(&catalog(lang).locale) {}

std::string Tr::operator()(const char* msgid) const {
    if (msgid == nullptr || *msgid == '\0') return {};  // "" would return the catalog header
    const char* t = catalog(lang_).messages->get(0, nullptr, msgid);
    return t ? t : msgid;
}

std::string Tr::tn(const char* singular, const char* plural, long n) const {
    const char* english = n == 1 ? singular : plural;
    const char* t = catalog(lang_).messages->get(0, nullptr, singular, plural_count(n));
    if (t != nullptr) {
        try {
            return fmt::format(fmt::runtime(t), n);
        } catch (const fmt::format_error&) {
            // A translator's typo must not take the page down; show the English instead.
            // scripts/i18n-check refuses such catalogs, so this is a last resort.
        }
    }
    return fmt::format(fmt::runtime(english), n);
}

}  // namespace syn::i18n
