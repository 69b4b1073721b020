// Validation of organisation input and the verification checklist. Each field gets its own
// message so that the form can show it next to the field (architecture rule 8).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <set>

#include "modules/registry/rules.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/text.hpp"

namespace syn::registry {

namespace {

bool all_digits(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

bool one_line(std::string_view s) { return s.find_first_of("\r\n") == std::string_view::npos; }

// Fields that are plain one-line text: name-like values and numbers typed by people.
enum class LineCheck { Ok, TooLong, Bad };
LineCheck check_line(const std::string& value, std::size_t max_chars) {
    if (!text::valid_utf8_text(value) || !one_line(value)) return LineCheck::Bad;
    if (text::characters(value) > max_chars) return LineCheck::TooLong;
    return LineCheck::Ok;
}

// "YYYY-MM-DD" that names a real day.
std::optional<std::chrono::sys_days> parse_date(std::string_view s) {
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') return std::nullopt;
    if (!all_digits(s.substr(0, 4)) || !all_digits(s.substr(5, 2)) || !all_digits(s.substr(8, 2))) return std::nullopt;
    int y = 0;
    unsigned m = 0, d = 0;
    std::from_chars(s.data(), s.data() + 4, y);
    std::from_chars(s.data() + 5, s.data() + 7, m);
    std::from_chars(s.data() + 8, s.data() + 10, d);
    const std::chrono::year_month_day ymd{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
    if (!ymd.ok()) return std::nullopt;
    return std::chrono::sys_days{ymd};
}

void check_identity(const OrganisationInput& in, std::int64_t now, std::vector<Problem>& out) {
    const auto name = text::trim(in.official_name);
    if (name.empty()) out.push_back({"official_name", N_("Enter the organisation's official name")});
    else if (auto r = check_line(name, kMaxName); r == LineCheck::Bad)
        out.push_back({"official_name", N_("The official name must be one line of ordinary text")});
    else if (r == LineCheck::TooLong)
        out.push_back({"official_name", N_("The official name must be 200 characters or fewer")});

    const auto title = text::trim(in.distinctive_title);
    if (auto r = check_line(title, kMaxName); r == LineCheck::Bad)
        out.push_back({"distinctive_title", N_("The distinctive title must be one line of ordinary text")});
    else if (r == LineCheck::TooLong)
        out.push_back({"distinctive_title", N_("The distinctive title must be 200 characters or fewer")});

    if (in.kind.empty()) out.push_back({"kind", N_("Choose what kind of organisation this is")});
    else if (!kind_label(in.kind)) out.push_back({"kind", N_("Choose a kind of organisation from the list")});
    else if (in.subtype.empty()) out.push_back({"subtype", N_("Choose the type or legal form of the organisation")});
    else if (!subtype_label(in.kind, in.subtype))
        out.push_back({"subtype", N_("This type or legal form does not belong to the kind chosen")});

    // Every legal person has an ΑΦΜ; only an informal group has none. If one is given anyway it
    // must still be valid.
    const auto afm = text::trim(in.afm);
    const bool informal = in.kind == kKindCivilSociety && in.subtype == kSubtypeInformalGroup;
    if (afm.empty()) {
        if (!informal) out.push_back({"afm", N_("Enter the organisation's tax number (AFM)")});
    } else if (!text::valid_afm(afm)) {
        out.push_back({"afm", N_("This tax number (AFM) is not valid: it must be 9 digits with a correct check digit")});
    }

    const auto gemi = text::trim(in.gemi_number);
    if (!gemi.empty() && (!all_digits(gemi) || gemi.size() < 9 || gemi.size() > 12))
        out.push_back({"gemi_number", N_("The GEMI number must be 9 to 12 digits")});

    const auto kalo = text::trim(in.kalo_registry_number);
    if (auto r = check_line(kalo, 30); r != LineCheck::Ok)
        out.push_back({"kalo_registry_number", N_("The KAlO registry number must be one line of at most 30 characters")});

    const auto court = text::trim(in.court_registry_number);
    if (auto r = check_line(court, 50); r != LineCheck::Ok)
        out.push_back({"court_registry_number", N_("The court registry number must be one line of at most 50 characters")});

    const auto founded = text::trim(in.founding_date);
    if (!founded.empty()) {
        const auto day = parse_date(founded);
        // One day of slack: `now` is UTC, but "today" for the user is in Athens (UTC+2/+3).
        const auto latest = std::chrono::floor<std::chrono::days>(
                                std::chrono::sys_seconds{std::chrono::seconds{now}}) + std::chrono::days{1};
        const auto earliest = std::chrono::sys_days{std::chrono::year{1800} / 1 / 1};
        if (!day) out.push_back({"founding_date", N_("Enter the founding date as a real date, like 2015-03-25")});
        else if (*day > latest) out.push_back({"founding_date", N_("The founding date cannot be in the future")});
        else if (*day < earliest) out.push_back({"founding_date", N_("The founding date must be after 1800")});
    }
}

void check_profile(const OrganisationInput& in, std::vector<Problem>& out) {
    if (in.areas.empty()) out.push_back({"areas", N_("Choose at least one area of action")});
    std::set<std::string> seen;
    for (std::size_t i = 0; i < in.areas.size(); ++i) {
        const std::string field = "areas." + std::to_string(i);
        if (!area_label(in.areas[i])) out.push_back({field, N_("Choose areas of action from the list")});
        else if (!seen.insert(in.areas[i]).second) out.push_back({field, N_("Each area of action can be chosen only once")});
    }

    if (!text::valid_utf8_text(in.description_markdown))
        out.push_back({"description_markdown", N_("The description contains characters we cannot accept")});
    else if (text::characters(in.description_markdown) > kMaxDescription)
        out.push_back({"description_markdown", N_("The description must be 10,000 characters or fewer")});

    const bool informal = in.kind == kKindCivilSociety && in.subtype == kSubtypeInformalGroup;
    const auto seat = text::trim(in.seat_address);
    if (seat.empty()) {
        // The seat is what staff check against the municipality; an informal group may have none.
        if (!informal) out.push_back({"seat_address", N_("Enter the address of the organisation's seat")});
    } else if (check_line(seat, kMaxName) != LineCheck::Ok) {
        out.push_back({"seat_address", N_("The seat address must be one line of at most 200 characters")});
    }

    if (check_line(text::trim(in.neighbourhood), 100) != LineCheck::Ok)
        out.push_back({"neighbourhood", N_("The neighbourhood must be one line of at most 100 characters")});

    const auto tk = text::trim(in.postal_code);
    if (!tk.empty() && !text::valid_postal_code(tk))
        out.push_back({"postal_code", N_("Enter a Greek postal code of 5 digits, like 24100")});

    const auto lat_s = text::trim(in.latitude), lon_s = text::trim(in.longitude);
    if (lat_s.empty() != lon_s.empty()) {
        out.push_back({lat_s.empty() ? "latitude" : "longitude",
                       N_("Give both latitude and longitude, or neither")});
    } else if (!lat_s.empty()) {
        const auto lat = parse_coordinate(lat_s), lon = parse_coordinate(lon_s);
        if (!lat) out.push_back({"latitude", N_("Enter the latitude as a decimal number, like 37.0389")});
        else if (*lat < kMinLatitude || *lat > kMaxLatitude)
            out.push_back({"latitude", N_("The latitude must be within Greece (34.7 to 41.8)")});
        if (!lon) out.push_back({"longitude", N_("Enter the longitude as a decimal number, like 22.1142")});
        else if (*lon < kMinLongitude || *lon > kMaxLongitude)
            out.push_back({"longitude", N_("The longitude must be within Greece (19.3 to 29.7)")});
    }
}

void check_contact(const OrganisationInput& in, std::vector<Problem>& out) {
    const auto email = text::trim(in.email);
    if (!email.empty() && !text::valid_email(email))
        out.push_back({"email", N_("Enter the organisation's e-mail address in the correct format, like info@example.gr")});

    const auto phone = text::trim(in.phone);
    if (!phone.empty() && !text::valid_greek_phone(phone))
        out.push_back({"phone", N_("Enter a Greek phone number of 10 digits, like 2721012345 or 6912345678")});

    const auto web = text::trim(in.website);
    if (!web.empty() && !valid_web_url(web))
        out.push_back({"website", N_("Enter the web site as an address, like www.example.gr")});

    if (in.social_links.size() > kMaxSocialLinks)
        out.push_back({"social_links", N_("Give at most 10 social media links")});
    std::set<std::string> seen;
    for (std::size_t i = 0; i < in.social_links.size() && i < kMaxSocialLinks; ++i) {
        const auto link = text::trim(in.social_links[i]);
        const std::string field = "social_links." + std::to_string(i);
        if (!valid_web_url(link, true)) out.push_back({field, N_("Enter each social media link as an address starting with https://")});
        else if (!seen.insert(link).second) out.push_back({field, N_("This social media link is given twice")});
    }
}

void check_people(const OrganisationInput& in, std::vector<Problem>& out) {
    const auto members = text::trim(in.declared_members);
    if (!members.empty()) {
        long long n = -1;
        const auto* end = members.data() + members.size();
        const auto [p, ec] = std::from_chars(members.data(), end, n);
        if (!all_digits(members) || ec != std::errc{} || p != end || n > kMaxDeclaredMembers)
            out.push_back({"declared_members", N_("Enter the number of members as a whole number from 0 to 1,000,000")});
    }

    auto person = [&](const std::string& field, const std::string& raw) {
        if (auto r = check_line(text::trim(raw), kMaxPersonName); r != LineCheck::Ok)
            out.push_back({field, N_("Each board member's name must be one line of at most 120 characters")});
    };
    person("board.president", in.board.president);
    person("board.secretary", in.board.secretary);
    person("board.treasurer", in.board.treasurer);
    if (in.board.members.size() > kMaxBoardMembers)
        out.push_back({"board.members", N_("List at most 50 other board members")});
    for (std::size_t i = 0; i < in.board.members.size() && i < kMaxBoardMembers; ++i) {
        if (text::trim(in.board.members[i]).empty())
            out.push_back({"board.members." + std::to_string(i), N_("Remove the empty board member line or enter a name")});
        else
            person("board.members." + std::to_string(i), in.board.members[i]);
    }

    const auto fields = visibility_fields();
    for (const auto& [field, vis] : in.visibility) {
        (void)vis;
        if (std::find(fields.begin(), fields.end(), field) == fields.end())
            out.push_back({"visibility", N_("Only the listed fields can be hidden from the public")});
    }
}

}  // namespace

// An absolute http(s) URL with a host, and nothing a browser could run or re-interpret: the
// scheme is compared before anything else, so javascript:, data:, vbscript:, file: and
// scheme-relative "//host" are all refused. Printable ASCII only (IDN hosts in punycode), as
// the value is put in href attributes and in JSON-LD.
bool valid_web_url(std::string_view url, bool https_only) {
    if (url.size() > kMaxUrl) return false;
    auto starts = [&](std::string_view prefix) {
        if (url.size() < prefix.size()) return false;
        for (std::size_t i = 0; i < prefix.size(); ++i)
            if (std::tolower(static_cast<unsigned char>(url[i])) != prefix[i]) return false;
        return true;
    };
    std::size_t rest = 0;
    if (starts("https://")) rest = 8;
    else if (!https_only && starts("http://")) rest = 7;
    else return false;
    if (!std::all_of(url.begin(), url.end(), [](unsigned char c) { return c > 0x20 && c < 0x7f; })) return false;
    if (url.find_first_of("<>\"'`\\") != std::string_view::npos) return false;
    const auto host_end = url.find_first_of("/?#", rest);
    std::string_view authority = url.substr(rest, host_end == std::string_view::npos ? std::string_view::npos : host_end - rest);
    if (authority.find('@') != std::string_view::npos) return false;  // user@host hides the real host
    const auto colon = authority.find(':');
    const std::string_view host = authority.substr(0, colon);
    if (colon != std::string_view::npos && !all_digits(authority.substr(colon + 1))) return false;
    if (host.empty() || host.find('.') == std::string_view::npos || host.front() == '.' || host.back() == '.' ||
        host.find("..") != std::string_view::npos)
        return false;
    return std::all_of(host.begin(), host.end(),
                       [](unsigned char c) { return std::isalnum(c) || c == '-' || c == '.'; });
}

std::optional<double> parse_coordinate(std::string_view s) {
    std::string v(s);
    std::replace(v.begin(), v.end(), ',', '.');  // Greek users write decimals with a comma
    if (v.empty() || v.size() > 20) return std::nullopt;
    const auto body = v.front() == '-' ? std::string_view(v).substr(1) : std::string_view(v);
    const auto dot = body.find('.');
    const auto whole = body.substr(0, dot);
    if (!all_digits(whole)) return std::nullopt;
    if (dot != std::string_view::npos && !all_digits(body.substr(dot + 1))) return std::nullopt;
    double d = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
    if (ec != std::errc{} || p != v.data() + v.size()) return std::nullopt;
    return d;
}

std::vector<Problem> check(const OrganisationInput& in, std::int64_t now) {
    std::vector<Problem> out;
    check_identity(in, now, out);
    check_profile(in, out);
    check_contact(in, out);
    check_people(in, out);
    return out;
}

std::vector<const char*> checklist_failures(const Checklist& c) {
    std::vector<const char*> out;
    if (!c.documents_present) out.push_back(N_("The required documents are missing"));
    if (!c.afm_valid) out.push_back(N_("The tax number (AFM) has not been confirmed as valid"));
    if (!c.seat_in_municipality) out.push_back(N_("The seat has not been confirmed to be within the municipality"));
    if (!c.no_duplicate) out.push_back(N_("It has not been confirmed that the organisation is not already registered"));
    return out;
}

}  // namespace syn::registry

namespace syn::registry {

OrganisationInput normalised(OrganisationInput in) {
    for (auto* f : {&in.official_name, &in.distinctive_title, &in.kind, &in.subtype, &in.afm, &in.gemi_number,
                    &in.kalo_registry_number, &in.court_registry_number, &in.founding_date, &in.seat_address,
                    &in.neighbourhood, &in.postal_code, &in.latitude, &in.longitude, &in.email, &in.phone,
                    &in.website, &in.declared_members, &in.board.president, &in.board.secretary, &in.board.treasurer})
        *f = text::trim(*f);
    // Keep the description's own line structure (Markdown); only trim its ends.
    in.description_markdown = text::trim(in.description_markdown);
    if (!in.phone.empty()) {
        if (auto p = text::normalise_greek_phone(in.phone); !p.empty()) in.phone = p;
    }
    for (auto* c : {&in.latitude, &in.longitude})
        if (auto v = parse_coordinate(*c)) std::replace(c->begin(), c->end(), ',', '.');
    auto tidy_list = [](std::vector<std::string>& v) {
        std::vector<std::string> out;
        for (auto& x : v) {
            auto t = text::trim(x);
            if (!t.empty() && std::find(out.begin(), out.end(), t) == out.end()) out.push_back(std::move(t));
        }
        v = std::move(out);
    };
    tidy_list(in.areas);
    tidy_list(in.social_links);
    // People type "www.example.gr" or "facebook.com/page" as browsers show them: an address
    // with no scheme gets https://, which the checks then judge as any other address.
    const auto with_scheme = [](std::string& url) {
        if (!url.empty() && url.find("://") == std::string::npos && url.find(':') == std::string::npos) url = "https://" + url;
    };
    with_scheme(in.website);
    for (auto& link : in.social_links) with_scheme(link);
    tidy_list(in.board.members);
    return in;
}

}  // namespace syn::registry
