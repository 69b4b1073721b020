// A municipality's requests configuration: departments and their staff, request types, and the
// Open311 API keys. Only the tenant admin changes it ("requests.configure"); every change is one
// transaction with its audit entry, so the log shows who routed what where.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <mutex>
#include <unordered_map>

#include "modules/requests/service.hpp"
#include "modules/requests/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/auth/crypto.hpp"
#include "platform/cache/read_cache.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

std::uint64_t configuration_version() { return store::config_generation(); }

namespace {

using nlohmann::json;

constexpr std::size_t kMaxDescription = 2000;
// The configuration is read by every queue page and form, and changes a few times a year: it is
// kept while unchanged in this process and for at most this long (changes made by other copies).
constexpr std::chrono::seconds kConfigTtl{30};

[[noreturn]] void invalid(const web::Scope& scope, const char* field, const char* msgid) {
    html::Errors e(scope.tr);
    e.add(field, scope.tr(msgid));
    throw web::Invalid(std::move(e));
}

bool one_line(const std::string& s) { return text::valid_utf8_text(s) && s.find_first_of("\r\n\t") == std::string::npos; }

// A required or optional one-line name of min–max characters.
void check_name(html::Errors& e, const char* field, const std::string& v, std::size_t min, std::size_t max, bool required,
                const char* missing_msgid, const char* length_msgid) {
    if (v.empty()) {
        if (required) e.add(field, e.tr ? (*e.tr)(missing_msgid) : missing_msgid);
        return;
    }
    const auto n = text::characters(v);
    if (!one_line(v) || n < min || n > max) e.add(field, e.tr ? (*e.tr)(length_msgid) : length_msgid);
}

// A whole number typed into a form, in [lo, hi].
std::optional<int> parse_int(const std::string& v, int lo, int hi) {
    int x = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || x < lo || x > hi) return std::nullopt;
    return x;
}

bool valid_code(const std::string& c) {
    if (c.empty() || c.size() > 40) return false;
    return std::all_of(c.begin(), c.end(), [](char ch) { return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-'; });
}

std::string lower_trimmed(const std::string& s) {
    auto out = text::trim(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

void record(soci::session& s, const web::Scope& scope, const char* action, const std::string& subject, const json& details) {
    audit::append(s, {scope.tenant.id, scope.principal.user_id, action, subject, details.dump()});
}

std::string subject(const char* kind, std::int64_t id) { return std::string(kind) + ":" + std::to_string(id); }

// "Last used" is for the admin's eye (is this key still in use?), so a minute's precision is
// plenty. Writing it on every Open311 POST would add a write lock per submission at 1,500/s;
// this process writes it at most once a minute per key instead.
bool due_for_touch(std::int64_t key_id, std::int64_t now) {
    static std::mutex mu;
    static std::unordered_map<std::int64_t, std::int64_t> last_touch;
    std::lock_guard lock(mu);
    auto& last = last_touch[key_id];
    if (now - last < 60) return false;
    last = now;
    return true;
}

}  // namespace

// ---------------------------------------------------------------- departments

std::vector<Department> departments(const web::Scope& scope) {
    static cache::ReadCache<std::vector<Department>> cache(1000, kConfigTtl);
    return cache.get(std::to_string(scope.tenant.id), store::config_generation(),
                     [&] { return scope.db.read([&](soci::session& s) { return store::departments(s, scope.tenant.id); }); });
}

std::int64_t save_department(const web::Scope& scope, std::optional<std::int64_t> id, const Department& in) {
    scope.require(kPermConfigure);
    Department d;
    d.name_el = text::trim(in.name_el);
    d.name_en = text::trim(in.name_en);
    d.email = lower_trimmed(in.email);
    html::Errors e(scope.tr);
    check_name(e, "name_el", d.name_el, 2, 120, true, N_("Enter the department's name in Greek"),
               N_("The name must be one line of 2 to 120 characters"));
    check_name(e, "name_en", d.name_en, 2, 120, false, "", N_("The name must be one line of 2 to 120 characters"));
    if (!d.email.empty() && !text::valid_email(d.email))
        e.add("email", scope.tr("Enter an e-mail address in the correct format, like name@example.gr"));
    if (!e.empty()) throw web::Invalid(std::move(e));
    try {
        return scope.db.transact([&](soci::session& s) {
            if (id) {
                if (!store::department(s, scope.tenant.id, *id)) throw web::NotFound();
                d.id = *id;
                store::update_department(s, scope.tenant.id, d);
            } else {
                d.id = store::insert_department(s, scope.tenant.id, d);
            }
            record(s, scope, "requests.department.saved", subject("request_department", d.id),
                   {{"name_el", d.name_el}, {"name_en", d.name_en}, {"email", d.email}, {"created", !id}});
            return d.id;
        });
    } catch (const db::UniqueViolation&) {
        invalid(scope, "name_el", N_("A department with this name already exists"));
    }
}

std::vector<DepartmentStaff> department_staff(const web::Scope& scope) {
    scope.require(kPermRead);
    // Names and e-mails of accounts change elsewhere too: they show within the ttl.
    static cache::ReadCache<std::vector<DepartmentStaff>> cache(1000, kConfigTtl);
    return cache.get(std::to_string(scope.tenant.id), store::config_generation(),
                     [&] { return scope.db.read([&](soci::session& s) { return store::department_staff(s, scope.tenant.id); }); });
}

void add_department_staff(const web::Scope& scope, std::int64_t department_id, const std::string& email, bool supervisor) {
    scope.require(kPermConfigure);
    const auto address = lower_trimmed(email);
    if (address.empty()) invalid(scope, "email", N_("Enter the e-mail address of the member of staff"));
    scope.db.transact([&](soci::session& s) {
        const auto d = store::department(s, scope.tenant.id, department_id);
        if (!d || d->retired) throw web::NotFound();
        const auto user = store::municipality_account(s, scope.tenant.id, address);
        if (!user)
            invalid(scope, "email",
                    N_("There is no account of this municipality with this e-mail address. Invite the person on the "
                       "People page; the invitation can name this department."));
        store::put_department_staff(s, scope.tenant.id, department_id, *user, supervisor);
        record(s, scope, "requests.department.staff_added", subject("request_department", department_id),
               {{"user_id", *user}, {"supervisor", supervisor}});
    });
}

void remove_department_staff(const web::Scope& scope, std::int64_t department_id, std::int64_t user_id) {
    scope.require(kPermConfigure);
    scope.db.transact([&](soci::session& s) {
        if (!store::remove_department_staff(s, scope.tenant.id, department_id, user_id)) throw web::NotFound();
        return_to_queue(s, scope, user_id);
        record(s, scope, "requests.department.staff_removed", subject("request_department", department_id),
               {{"user_id", user_id}});
    });
}

// ---------------------------------------------------------------- request types

std::vector<RequestType> request_types(const web::Scope& scope, bool all) {
    if (all) scope.require(kPermConfigure);
    static cache::ReadCache<std::vector<RequestType>> cache(1000, kConfigTtl);
    return cache.get(std::to_string(scope.tenant.id) + (all ? "|all" : "|active"), store::config_generation(),
                     [&] { return scope.db.read([&](soci::session& s) { return store::types(s, scope.tenant.id, !all); }); });
}

std::optional<RequestType> request_type_by_code(const web::Scope& scope, std::string_view code) {
    auto t = scope.db.read([&](soci::session& s) { return store::type_by_code(s, scope.tenant.id, code); });
    // A withdrawn type is still the admin's to see; for everyone else it no longer exists.
    if (t && !t->active && !scope.can(kPermConfigure)) return std::nullopt;
    return t;
}

std::int64_t save_request_type(const web::Scope& scope, std::optional<std::int64_t> id, const RequestTypeInput& in) {
    scope.require(kPermConfigure);
    auto& tr = scope.tr;
    RequestType t;
    t.code = text::trim(in.code);
    t.name_el = text::trim(in.name_el);
    t.name_en = text::trim(in.name_en);
    t.description_el = text::trim(in.description_el);
    t.description_en = text::trim(in.description_en);
    t.takes_location = in.takes_location;
    t.takes_attachments = in.takes_attachments;
    t.public_default = in.public_default;
    t.active = in.active;

    html::Errors e(tr);
    if (t.code.empty()) e.add("code", tr("Enter a code"));
    else if (!valid_code(t.code))
        e.add("code", tr("The code may have up to 40 lower-case Latin letters, digits and hyphens, like local-problem"));
    check_name(e, "name_el", t.name_el, 2, 120, true, N_("Enter the name in Greek"), N_("The name must be one line of 2 to 120 characters"));
    check_name(e, "name_en", t.name_en, 2, 120, true, N_("Enter the name in English"), N_("The name must be one line of 2 to 120 characters"));
    for (auto [field, value] : {std::pair{"description_el", &t.description_el}, std::pair{"description_en", &t.description_en}})
        if (!text::valid_utf8_text(*value) || text::characters(*value) > kMaxDescription)
            e.add(field, tr("The description must be 2,000 characters or fewer"));
    std::int64_t department = 0;
    {
        const auto v = text::trim(in.department_id);
        const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), department);
        if (v.empty() || ec != std::errc{} || p != v.data() + v.size()) department = 0;
    }
    // Checked here, in the form's order, so the error summary lists the fields as the form does;
    // and again in the transaction below, against a department removed meanwhile.
    const auto known = scope.db.read([&](soci::session& s) { return store::departments(s, scope.tenant.id); });
    if (std::none_of(known.begin(), known.end(), [&](const Department& d) { return d.id == department && !d.retired; }))
        e.add("department_id", tr("Choose the department that answers these requests"));
    if (auto d = parse_int(text::trim(in.deadline_days), 1, 365)) t.deadline_days = *d;
    else e.add("deadline_days", tr("Enter the deadline as a whole number of working days from 1 to 365"));
    const auto position_text = text::trim(in.position);
    if (position_text.empty()) t.position = 0;
    else if (auto p = parse_int(position_text, 0, 1000)) t.position = *p;
    else e.add("position", tr("Enter the position as a whole number from 0 to 1000"));
    if (!e.empty()) throw web::Invalid(std::move(e));

    try {
        return scope.db.transact([&](soci::session& s) {
            if (auto d = store::department(s, scope.tenant.id, department); !d || d->retired)
                invalid(scope, "department_id", N_("Choose the department that answers these requests"));
            t.department_id = department;
            if (id) {
                if (!store::type_by_id(s, scope.tenant.id, *id)) throw web::NotFound();
                t.id = *id;
                store::update_type(s, scope.tenant.id, t);
            } else {
                t.id = store::insert_type(s, scope.tenant.id, t);
            }
            record(s, scope, "requests.type.saved", subject("request_type", t.id),
                   {{"code", t.code}, {"name_el", t.name_el}, {"department_id", t.department_id},
                    {"deadline_days", t.deadline_days}, {"takes_location", t.takes_location},
                    {"takes_attachments", t.takes_attachments}, {"public_default", t.public_default},
                    {"active", t.active}, {"position", t.position}, {"created", !id}});
            return t.id;
        });
    } catch (const db::UniqueViolation&) {
        invalid(scope, "code", N_("Another request type already has this code"));
    }
}

// ---------------------------------------------------------------- Open311 API keys

std::vector<ApiKey> api_keys(const web::Scope& scope) {
    scope.require(kPermConfigure);
    return scope.db.read([&](soci::session& s) { return store::api_keys(s, scope.tenant.id); });
}

std::string create_api_key(const web::Scope& scope, const std::string& name_typed) {
    scope.require(kPermConfigure);
    const auto name = text::trim(name_typed);
    html::Errors e(scope.tr);
    check_name(e, "name", name, 2, 80, true, N_("Enter a name for the key, such as the application that will use it"),
               N_("The name must be one line of 2 to 80 characters"));
    if (!e.empty()) throw web::Invalid(std::move(e));
    // The prefix tells a leaked key apart in logs and secret scanners; the rest is 256 random bits.
    const std::string key = "o311_" + auth::random_token();
    const auto hash = auth::sha256_hex(key);
    scope.db.transact([&](soci::session& s) {
        const auto at = scope.now();
        const auto id = store::insert_api_key(s, scope.tenant.id, name, hash, scope.principal.user_id, at);
        record(s, scope, "requests.api_key.created", subject("open311_key", id), {{"name", name}});
    });
    return key;
}

void revoke_api_key(const web::Scope& scope, std::int64_t id) {
    scope.require(kPermConfigure);
    scope.db.transact([&](soci::session& s) {
        if (!store::revoke_api_key(s, scope.tenant.id, id, scope.now())) {
            // Revoking twice (a double click) is not an error; a key of another municipality is unknown.
            const auto keys = store::api_keys(s, scope.tenant.id);
            if (std::none_of(keys.begin(), keys.end(), [&](const ApiKey& k) { return k.id == id; })) throw web::NotFound();
            return;
        }
        record(s, scope, "requests.api_key.revoked", subject("open311_key", id), json::object());
    });
}

std::optional<std::int64_t> check_api_key(const web::Scope& scope, std::string_view key) {
    // Keys are "o311_" + 43 characters; anything else is not worth a query.
    if (key.size() < 10 || key.size() > 100 || !key.starts_with("o311_")) return std::nullopt;
    const auto hash = auth::sha256_hex(key);
    // Autocommit statements on a leased connection: call this BEFORE the submission's own
    // transaction (a second connection inside it would wait for the first one's write lock).
    // The lookup is one probe of the UNIQUE key_hash index, and the hot path stays read-only.
    return scope.db.read([&](soci::session& s) -> std::optional<std::int64_t> {
        auto id = store::live_api_key(s, scope.tenant.id, hash);
        if (id) {
            const auto now = scope.now();
            if (due_for_touch(*id, now)) store::touch_api_key(s, *id, now);
        }
        return id;
    });
}

}  // namespace syn::requests
