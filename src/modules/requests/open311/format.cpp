#include "modules/requests/open311/format.hpp"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <chrono>
#include <stdexcept>

#include "platform/i18n/calendar.hpp"

namespace syn::requests::open311 {

namespace {

// JSON is always UTF-8 and RFC 8259 defines no charset parameter; text/xml without one would be
// US-ASCII to a strict reader (RFC 7303 §3.2), so XML names it.
constexpr std::string_view kJsonType = "application/json";
constexpr std::string_view kXmlType = "text/xml; charset=utf-8";

// The Spark convention's containers and the name their children repeat.
constexpr std::array<std::pair<std::string_view, std::string_view>, 7> kItems{{
    {"services", "service"},
    {"service_requests", "request"},
    {"errors", "error"},
    {"endpoints", "endpoint"},
    {"formats", "format"},
    {"attributes", "attribute"},
    {"values", "value"},
}};

std::string_view item_name(std::string_view container) {
    for (const auto& [c, item] : kItems)
        if (c == container) return item;
    throw std::logic_error("open311: no element name for the items of <" + std::string(container) + ">");
}

// Text content: the markup characters escaped; a carriage return kept as a reference (a parser
// would otherwise turn "\r\n" into "\n"); the C0 controls XML 1.0 forbids, and U+FFFE/U+FFFF,
// dropped, since no document containing them is well-formed.
void escape_text(std::string& out, std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '\r': out += "&#xD;"; break;
            case '\t':
            case '\n': out += static_cast<char>(c); break;
            default:
                if (c < 0x20) break;
                if (c == 0xEF && i + 2 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xBF &&
                    (static_cast<unsigned char>(s[i + 2]) == 0xBE || static_cast<unsigned char>(s[i + 2]) == 0xBF)) {
                    i += 2;
                    break;
                }
                out += static_cast<char>(c);
        }
    }
}

void write_element(std::string& out, std::string_view name, const Json& v) {
    if (v.is_null()) {
        fmt::format_to(std::back_inserter(out), "<{}/>", name);
        return;
    }
    fmt::format_to(std::back_inserter(out), "<{}>", name);
    if (v.is_object()) {
        for (auto it = v.begin(); it != v.end(); ++it) write_element(out, it.key(), it.value());
    } else if (v.is_array()) {
        const auto item = v.empty() ? std::string_view() : item_name(name);
        for (const auto& x : v) write_element(out, item, x);
    } else if (v.is_string()) {
        escape_text(out, v.get_ref<const std::string&>());
    } else {
        out += v.dump();  // numbers and booleans, written exactly as in the JSON answer
    }
    fmt::format_to(std::back_inserter(out), "</{}>", name);
}

// ---------------------------------------------------------------- date-times

struct Cursor {
    std::string_view s;
    std::size_t i = 0;
    bool at_end() const { return i >= s.size(); }
    char peek() const { return at_end() ? '\0' : s[i]; }
    bool eat(char c) {
        if (peek() != c) return false;
        ++i;
        return true;
    }
    // Exactly n digits.
    std::optional<int> digits(std::size_t n) {
        if (i + n > s.size()) return std::nullopt;
        int v = 0;
        for (std::size_t k = 0; k < n; ++k) {
            const char c = s[i + k];
            if (c < '0' || c > '9') return std::nullopt;
            v = v * 10 + (c - '0');
        }
        i += n;
        return v;
    }
};

}  // namespace

std::optional<std::pair<std::string, Format>> split_format(std::string_view file) {
    const auto dot = file.rfind('.');
    if (dot == std::string_view::npos || dot == 0) return std::nullopt;
    const auto ext = file.substr(dot + 1);
    if (ext == "json") return std::pair{std::string(file.substr(0, dot)), Format::Json};
    if (ext == "xml") return std::pair{std::string(file.substr(0, dot)), Format::Xml};
    return std::nullopt;
}

std::string to_xml(const Json& value, std::string_view root) {
    // The spec: "the root element must be preceded with the XML declaration including the
    // encoding="UTF-8" attribute".
    std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
    write_element(out, root, value);
    out += '\n';
    return out;
}

http::Response respond(int status, Format f, const Json& body, std::string_view xml_root) {
    if (f == Format::Xml) return http::Response::text(status, to_xml(body, xml_root), std::string(kXmlType));
    // Invalid UTF-8 cannot come from our validated input; should it ever, U+FFFD beats a 500.
    return http::Response::text(status, body.dump(-1, ' ', false, Json::error_handler_t::replace), std::string(kJsonType));
}

http::Response errors(Format f, int status, const std::vector<Error>& list) {
    Json body = Json::array();
    for (const auto& e : list) body.push_back(Json{{"code", e.code}, {"description", e.description}});
    return respond(status, f, body, "errors");
}

std::string w3c_time(std::int64_t unix_seconds) {
    using namespace std::chrono;
    const sys_seconds t{seconds{unix_seconds}};
    const auto day = floor<days>(t);
    const year_month_day ymd{day};
    const hh_mm_ss hms{t - day};
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()), hms.hours().count(), hms.minutes().count(), hms.seconds().count());
}

namespace {

// A day and a time of it in Europe/Athens, with the offset in force at `offset_day`'s start.
std::string w3c_athens(Day d, std::string_view time, Day offset_day) {
    using namespace std::chrono;
    const auto offset = duration_cast<seconds>(sys_days{offset_day}.time_since_epoch()).count() - i18n::athens_day_start(offset_day);
    const auto abs = offset < 0 ? -offset : offset;
    return fmt::format("{:04}-{:02}-{:02}T{}{}{:02}:{:02}", static_cast<int>(d.year()), static_cast<unsigned>(d.month()),
                       static_cast<unsigned>(d.day()), time, offset < 0 ? '-' : '+', abs / 3600, (abs % 3600) / 60);
}

}  // namespace

std::string w3c_start_of_day(Day d) { return w3c_athens(d, "00:00:00", d); }

std::string w3c_end_of_day(Day d) {
    using namespace std::chrono;
    // Athens is ahead of UTC, so its day starts before UTC's: the offset at the end of `d` is
    // the one at the start of the next day (clocks change at 03:00/04:00, never at midnight).
    return w3c_athens(d, "23:59:59", year_month_day{sys_days{d} + days{1}});
}

std::optional<std::int64_t> parse_w3c(std::string_view text) {
    using namespace std::chrono;
    Cursor c{text};
    const auto y = c.digits(4);
    if (!y || !c.eat('-')) return std::nullopt;
    const auto mo = c.digits(2);
    if (!mo || !c.eat('-')) return std::nullopt;
    const auto d = c.digits(2);
    if (!d || *y < 1970) return std::nullopt;
    const year_month_day day{year{*y}, month{static_cast<unsigned>(*mo)}, std::chrono::day{static_cast<unsigned>(*d)}};
    if (!day.ok()) return std::nullopt;
    if (c.at_end()) return i18n::athens_day_start(day);

    if (!c.eat('T')) return std::nullopt;
    const auto hh = c.digits(2);
    if (!hh || !c.eat(':')) return std::nullopt;
    const auto mm = c.digits(2);
    if (!mm || *hh > 23 || *mm > 59) return std::nullopt;
    int ss = 0;
    if (c.eat(':')) {
        const auto s = c.digits(2);
        if (!s || *s > 59) return std::nullopt;
        ss = *s;
        if (c.eat('.')) {  // a fraction of a second: read, and dropped (whole seconds are stored)
            const auto start = c.i;
            while (!c.at_end() && c.peek() >= '0' && c.peek() <= '9') ++c.i;
            if (c.i == start) return std::nullopt;
        }
    }
    std::int64_t offset = 0;
    if (c.eat('Z') || c.eat('z')) {
    } else {
        // A '+' sent unencoded in a query string arrives as a space: read it as the '+' it was.
        int sign = 0;
        if (c.eat('+') || c.eat(' ')) sign = 1;
        else if (c.eat('-')) sign = -1;
        else return std::nullopt;  // the spec: timezone information must be included
        const auto oh = c.digits(2);
        if (!oh || !c.eat(':')) return std::nullopt;
        const auto om = c.digits(2);
        if (!om || *oh > 23 || *om > 59) return std::nullopt;
        offset = sign * (*oh * 3600 + *om * 60);
    }
    if (!c.at_end()) return std::nullopt;
    const auto midnight = duration_cast<seconds>(sys_days{day}.time_since_epoch()).count();
    return midnight + *hh * 3600 + *mm * 60 + ss - offset;
}

}  // namespace syn::requests::open311
