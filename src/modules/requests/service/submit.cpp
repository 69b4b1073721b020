// Filing a request: by a logged-in account on the web or the JSON API (submit), and by an
// Open311 client with an API key (submit_open311). Everything is checked before anything is
// written; attachments are stored as blobs first and removed again when the transaction fails.
#include <algorithm>
#include <charconv>
#include <cmath>

#include <nlohmann/json.hpp>

#include "modules/requests/rules.hpp"
#include "modules/requests/service.hpp"
#include "modules/requests/service/shared.hpp"
#include "modules/requests/store.hpp"
#include "platform/i18n/day_text.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/db/search_refill.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/i18n/calendar.hpp"
#include "platform/text/text.hpp"
#include "platform/i18n/working_days.hpp"
#include "platform/web/holidays.hpp"
#include "platform/web/places.hpp"

namespace syn::requests {

namespace {

// A number as typed: "37.98" or, as Greek keyboards write it, "37,98".
std::optional<double> parse_number(std::string_view typed) {
    std::string t = text::trim(typed);
    for (auto& c : t)
        if (c == ',') c = '.';
    if (t.empty()) return std::nullopt;
    double v = 0;
    auto [p, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || p != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

bool all_digits(std::string_view s) {
    return !s.empty() && s.size() <= 18 && std::all_of(s.begin(), s.end(), [](unsigned char c) { return c >= '0' && c <= '9'; });
}

// The first n characters of s, cut at a word boundary when one is near, never inside a UTF-8
// sequence.
std::string first_characters(const std::string& s, std::size_t n) {
    std::size_t chars = 0, i = 0;
    while (i < s.size() && chars < n) {
        const unsigned char c = static_cast<unsigned char>(s[i]);
        i += c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
        ++chars;
    }
    if (i >= s.size()) return s;
    std::string cut = s.substr(0, i);
    if (auto sp = cut.rfind(' '); sp != std::string::npos && sp > cut.size() / 2) cut.resize(sp);
    return text::trim(cut) + "…";
}

// Coordinates: both or neither, numbers, inside Greece. Adds errors to e.
void check_coordinates(const web::Scope& scope, html::Errors& e, const std::string& lat_text, const std::string& lon_text,
                       const char* lat_field, const char* lon_field, Location& out) {
    const bool has_lat = !text::trim(lat_text).empty(), has_lon = !text::trim(lon_text).empty();
    if (!has_lat && !has_lon) return;
    if (has_lat != has_lon) {
        e.add(has_lat ? lon_field : lat_field, scope.tr("Give both latitude and longitude, or neither"));
        return;
    }
    const auto lat = parse_number(lat_text), lon = parse_number(lon_text);
    if (!lat) e.add(lat_field, scope.tr("The latitude must be a number, such as 37.0391"));
    if (!lon) e.add(lon_field, scope.tr("The longitude must be a number, such as 22.1142"));
    if (!lat || !lon) return;
    if (*lat < 34 || *lat > 42 || *lon < 19 || *lon > 30) {
        e.add(lat_field, scope.tr("The location must be in Greece"));
        return;
    }
    out.latitude = *lat;
    out.longitude = *lon;
}

// Title and description: trimmed, valid text, within the lengths.
void check_text(const web::Scope& scope, html::Errors& e, const char* field, const std::string& value, std::size_t min,
                std::size_t max, const char* length_msgid) {
    if (!text::valid_utf8_text(value)) {
        e.add(field, scope.tr("The text contains characters that are not allowed"));
        return;
    }
    const auto n = text::characters(value);
    if (n < min || n > max) e.add(field, scope.tr(length_msgid));
}

// The type a form (by id) or an API call (by code) names, when it is active.
std::optional<RequestType> chosen_type(soci::session& s, std::int64_t mid, const std::string& typed) {
    const std::string t = text::trim(typed);
    if (t.empty()) return std::nullopt;
    std::optional<RequestType> type;
    if (all_digits(t)) type = store::type_by_id(s, mid, std::stoll(t));
    if (!type) type = store::type_by_code(s, mid, t);
    if (!type || !type->active) return std::nullopt;
    return type;
}

// The municipality's own holidays count like the national ones (kept in memory: no read here).
Day due_for(const web::Scope& scope, std::int64_t submitted_at, int deadline_days) {
    return i18n::add_working_days(i18n::athens_day(submitted_at), deadline_days, *web::local_holiday_days(scope));
}

}  // namespace

std::int64_t submit(const web::Scope& scope, const RequestInput& in, const std::vector<http::Part>& files) {
    scope.require_login();
    // The organisations the person administers come from the registry, on its own connection.
    std::optional<std::int64_t> organisation_id;
    html::Errors e(scope.tr);
    if (const auto org = text::trim(in.organisation_id); !org.empty()) {
        const auto mine = detail::administered_organisations(scope);
        if (all_digits(org) && std::find(mine.begin(), mine.end(), std::stoll(org)) != mine.end())
            organisation_id = std::stoll(org);
        else
            e.add("organisation_id", scope.tr("Choose an organisation that you administer, or file the request in your own name"));
    }

    std::string area = in.area;
    bool known_area = true;
    const std::string typed_area = text::trim(in.area);
    auto [type, contact] = scope.db.read([&](soci::session& s) {
        auto t = chosen_type(s, scope.tenant.id, in.type);
        std::optional<store::Contact> c;
        if (scope.session) c = store::Contact{scope.session->display_name, scope.session->email};
        else c = store::contact(s, scope.principal.user_id);
        known_area = web::spell_as_place(s, scope.tenant.id, area);
        return std::make_pair(t, c);
    });
    if (!type) e.add("type", scope.tr("Choose the type of your request"));

    Request r;
    r.title = text::trim(in.title);
    r.description = text::trim(in.description);
    check_text(scope, e, "title", r.title, 3, 200, N_("The title must be 3 to 200 characters long"));
    check_text(scope, e, "description", r.description, 10, 5000, N_("The description must be 10 to 5,000 characters long"));

    r.location.address = text::trim(in.address);
    r.location.postal_code = text::trim(in.postal_code);
    if (!text::valid_utf8_text(r.location.address) || text::characters(r.location.address) > 300)
        e.add("address", scope.tr("The address must be 300 characters or fewer"));
    if (!r.location.postal_code.empty() && !text::valid_postal_code(r.location.postal_code))
        e.add("postal_code", scope.tr("The postal code must be 5 digits, such as 24100"));
    check_coordinates(scope, e, in.latitude, in.longitude, "latitude", "longitude", r.location);
    // One spelling per area: what was typed becomes the area's own name.
    if (!known_area) e.add("area", scope.tr("Choose the area from the municipality's list of areas"));
    else r.location.area = area;
    const bool has_location = !r.location.address.empty() || !r.location.postal_code.empty() || !typed_area.empty() ||
                              !text::trim(in.latitude).empty() || !text::trim(in.longitude).empty();
    if (type && has_location && !type->takes_location)
        e.add("address", scope.tr("This type of request does not take a location; describe the place in the description instead"));

    std::vector<detail::CheckedFile> checked;
    if (type) checked = detail::check_files(scope, e, *type, files);
    if (!e.empty()) throw web::Invalid(std::move(e));

    const std::int64_t at = scope.now();
    r.municipality_id = scope.tenant.id;
    r.type_id = type->id;
    r.type_code = type->code;
    r.department_id = type->department_id;
    r.requester_user_id = scope.principal.user_id;
    r.organisation_id = organisation_id;
    if (contact) {
        r.requester_name = contact->name;
        r.requester_email = contact->email;
    }
    r.is_public = in.is_public.value_or(type->public_default);
    r.state = State::Submitted;
    r.source = scope.via_api_token ? Source::Api : Source::Web;
    r.submitted_at = r.updated_at = at;
    r.due = due_for(scope, at, type->deadline_days);

    files::BlobStore blobs(scope.cfg.files_dir);
    detail::NewBlobs fresh(blobs);
    auto attachments = detail::stored_attachments(fresh, checked, at);

    const auto id = scope.db.transact([&](soci::session& s) {
        const auto id = store::insert_request(s, r, request_search_text(r));
        detail::add_history(s, scope, r, EntryKind::Submitted, std::nullopt, State::Submitted, "", true);
        for (auto& a : attachments) {
            a.request_id = id;
            a.id = store::add_attachment(s, scope.tenant.id, a, scope.principal.user_id);
        }
        // A receipt, so the requester knows it arrived and has the link.
        // In the language of the page it was filed on (an Open311 report: Greek).
        detail::tell_in(s, scope, scope.logged_in() ? scope.tr.lang() : i18n::Lang::El, std::nullopt, r.requester_email,
                        [&](const i18n::Tr& tr) {
                            return detail::Message{tr.tf("We received your request «{}»", r.title),
                                                   tr.tf("Your request «{}» was filed with number {}. It must be answered by {}.", r.title, id,
                                                         i18n::on_day(tr, r.due)) +
                                                       "\n\n" + tr.tf("Follow your request: {}", detail::request_url(scope, id)) + "\n"};
                        },
                        "");
        return id;
    });
    fresh.commit();
    return id;
}

std::pair<std::int64_t, std::string> submit_open311(const web::Scope& scope, std::int64_t /*api_key_id: checked by the caller*/, const Open311Input& in) {
    html::Errors e(scope.tr);
    Request r;
    r.description = text::trim(in.description);
    if (r.description.empty()) e.add("description", scope.tr("Describe the problem in the description"));
    else check_text(scope, e, "description", r.description, 1, 5000, N_("The description must be 5,000 characters or fewer"));
    const std::string email = text::trim(in.email);
    if (!email.empty() && !text::valid_email(email)) e.add("email", scope.tr("The e-mail address is not valid"));
    std::string name = text::trim(text::trim(in.first_name) + " " + text::trim(in.last_name));
    const std::string phone = text::trim(in.phone);
    if (!text::valid_utf8_text(name) || text::characters(name) > 200) e.add("first_name", scope.tr("The name must be 200 characters or fewer"));
    if (!text::valid_utf8_text(phone) || text::characters(phone) > 40) e.add("phone", scope.tr("The phone number must be 40 characters or fewer"));
    std::string address = text::trim(in.address_string);
    if (address.empty()) address = text::trim(in.address_id);
    if (!text::valid_utf8_text(address) || text::characters(address) > 300)
        e.add("address_string", scope.tr("The address must be 300 characters or fewer"));
    Location located;
    check_coordinates(scope, e, in.lat, in.lon, "lat", "long", located);
    const std::string code = text::trim(in.service_code);
    if (code.empty()) e.add("service_code", scope.tr("Give the service_code of the request type"));
    if (!e.empty()) throw web::Invalid(std::move(e));

    const std::int64_t at = scope.now();
    r.municipality_id = scope.tenant.id;
    r.title = first_characters(r.description, 80);
    r.requester_name = name;
    r.requester_email = email;
    r.requester_phone = phone;
    r.state = State::Submitted;
    r.source = Source::Open311;
    r.submitted_at = r.updated_at = at;
    const std::string token = auth::random_token();

    // The type from the municipality's cached list, not a read inside the transaction below: the
    // commit is shared, so whatever runs inside it runs one POST after another. A type withdrawn
    // by another copy of the program is refused here once that list expires (at most 30 s).
    const auto types = request_types(scope);
    const auto type = std::find_if(types.begin(), types.end(), [&](const RequestType& t) { return t.code == code; });
    if (type == types.end()) detail::invalid(scope, "service_code", N_("There is no active request type with this service_code"));
    if (type->takes_location) {
        if (!located.latitude && address.empty())
            detail::invalid(scope, "lat", N_("This request type needs a location: give lat and long, or address_string"));
        r.location = located;
        r.location.address = address;
    }
    r.type_id = type->id;
    r.type_code = type->code;
    r.department_id = type->department_id;
    r.is_public = type->public_default;
    r.due = due_for(scope, at, type->deadline_days);
    const store::NewRequestExtras extras{request_search_text(r), token};
    HistoryEntry h;
    h.kind = EntryKind::Submitted;
    h.to = State::Submitted;
    h.is_public = true;
    h.at = at;

    // One short transaction — the row and its history line — shared with the other POSTs
    // arriving meanwhile (group commit): under synchronous=FULL every COMMIT is an fsync, which
    // would otherwise cap Open311 at the disk's commit rate. The full-text entry is left to the
    // index_new_requests() job. The key's last use is noted by check_api_key().
    const auto id = scope.db.transact_grouped([&](soci::session& s) {
        store::BulkWriter w(s);
        const auto id = w.insert_request(r, extras);
        w.add_event(scope.tenant.id, id, h);
        return id;
    });
    return {id, token};
}

std::size_t index_new_requests(db::Database& db) {
    constexpr std::size_t kBatch = 2000;  // a batch holds the write lock for tens of milliseconds
    std::size_t total = 0;
    // Texts emptied by an upgrade that changed what is indexed are computed again first.
    db::refill_search(db, "requests", 500, [](soci::session& s, std::size_t batch) { return store::refill_search_texts(s, batch); });
    // The read first: a quiet server takes no write lock at all.
    while (db.read([](soci::session& s) { return store::unindexed_requests(s); }) > 0) {
        const auto n = db.transact([&](soci::session& s) { return store::index_new_requests(s, kBatch); });
        total += n;
        if (n < kBatch) break;
    }
    return total;
}

}  // namespace syn::requests
