// Registry data formats: CSV import columns, API JSON, HSDS 3.0 and the CSV export.
#include "modules/registry/formats.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "modules/registry/rules.hpp"
#include "platform/i18n/i18n.hpp"
#include "platform/text/csv.hpp"
#include "platform/text/text.hpp"

namespace syn::registry::formats {

namespace {

using nlohmann::json;

// Positions in import_columns(); keep in step with the table below.
enum Col : std::size_t {
    kOfficialName, kDistinctiveTitle, kKind, kSubtype, kAfm, kGemi, kKalo, kCourt, kFounding, kAreas,
    kDescription, kSeat, kNeighbourhood, kPostal, kLatitude, kLongitude, kEmail, kPhone, kWebsite, kSocial,
    kDeclaredMembers, kPresident, kSecretary, kTreasurer, kBoardMembers, kVerified, kColumnCount
};

const std::vector<Column>& columns() {
    static const std::vector<Column> table{
        {"official_name", N_("Official name"), {"Επωνυμία", "Επίσημη επωνυμία", "Επωνυμία φορέα"}, true},
        {"distinctive_title", N_("Distinctive title"), {"Διακριτικός τίτλος", "Τίτλος"}, false},
        {"kind", N_("Kind"), {"Είδος", "Κατηγορία"}, true},
        {"subtype", N_("Type or legal form"), {"Τύπος", "Νομική μορφή", "Υποκατηγορία"}, true},
        {"afm", N_("Tax number (AFM)"), {"ΑΦΜ", "Α.Φ.Μ."}, true},
        {"gemi_number", N_("GEMI number"), {"ΓΕΜΗ", "Αριθμός ΓΕΜΗ", "Αρ. ΓΕΜΗ"}, false},
        {"kalo_registry_number", N_("KAlO registry number"), {"Μητρώο ΚΑλΟ", "Αριθμός Μητρώου ΚΑλΟ"}, false},
        {"court_registry_number", N_("Court registry number"),
         {"Αριθμός μητρώου πρωτοδικείου", "Μητρώο πρωτοδικείου", "Αριθμός μητρώου δικαστηρίου"}, false},
        {"founding_date", N_("Founding date"), {"Ημερομηνία ίδρυσης", "Ίδρυση"}, false},
        {"areas", N_("Areas of action"), {"Τομείς δράσης", "Πεδία δράσης"}, true},
        {"description", N_("Description"), {"Περιγραφή"}, false},
        {"seat_address", N_("Seat address"), {"Διεύθυνση έδρας", "Έδρα", "Διεύθυνση"}, true},
        {"neighbourhood", N_("Neighbourhood"), {"Γειτονιά", "Συνοικία", "Περιοχή"}, false},
        {"postal_code", N_("Postal code"), {"ΤΚ", "Τ.Κ.", "Ταχυδρομικός κώδικας"}, false},
        {"latitude", N_("Latitude"), {"Γεωγραφικό πλάτος", "Πλάτος"}, false},
        {"longitude", N_("Longitude"), {"Γεωγραφικό μήκος", "Μήκος"}, false},
        {"email", N_("E-mail"), {"Ηλεκτρονικό ταχυδρομείο", "Email", "E-mail"}, false},
        {"phone", N_("Phone"), {"Τηλέφωνο"}, false},
        {"website", N_("Web site"), {"Ιστότοπος", "Ιστοσελίδα"}, false},
        {"social_links", N_("Social media links"), {"Κοινωνικά δίκτυα", "Μέσα κοινωνικής δικτύωσης"}, false},
        {"declared_members", N_("Declared members"), {"Δηλωμένα μέλη", "Αριθμός μελών", "Μέλη"}, false},
        {"president", N_("President"), {"Πρόεδρος"}, false},
        {"secretary", N_("Secretary"), {"Γραμματέας"}, false},
        {"treasurer", N_("Treasurer"), {"Ταμίας"}, false},
        {"board_members", N_("Other board members"), {"Μέλη ΔΣ", "Μέλη Δ.Σ.", "Λοιπά μέλη ΔΣ"}, false},
        {"verified", N_("Verified"), {"Πιστοποιημένος", "Επαληθευμένος", "Πιστοποίηση"}, false},
    };
    return table;
}

std::string folded(std::string_view s) { return text::fold(s); }

std::string translated(const Translate& tr, const char* msgid) { return tr ? tr(msgid) : std::string(msgid); }

// The code of an option whose code or label (English, or in tr's language) the value names.
const char* match_option(std::span<const Option> options, const std::string& value, const Translate& tr) {
    const auto f = folded(value);
    for (const auto& o : options) {
        if (f == folded(o.code) || f == folded(o.label) || (tr && f == folded(tr(o.label)))) return o.code;
    }
    return nullptr;
}

std::vector<std::string> split_list(const std::string& cell) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= cell.size()) {
        auto end = cell.find(kListSeparator, start);
        if (end == std::string::npos) end = cell.size();
        auto item = text::trim(std::string_view(cell).substr(start, end - start));
        if (!item.empty()) out.push_back(std::move(item));
        start = end + 1;
    }
    return out;
}

std::string join_list(const std::vector<std::string>& items) {
    std::string out;
    for (const auto& i : items) {
        if (!out.empty()) out += kListSeparator;
        out += i;
    }
    return out;
}

// Undoes our export's formula guard ('=…), which a spreadsheet keeps as part of the text.
std::string unguarded(const std::string& cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@").find(cell[1]) != std::string_view::npos)
        return cell.substr(1);
    return cell;
}

bool is_public(const OrganisationInput& in, const char* field) { return visibility_of(in, field) == Visibility::Public; }

const char* visibility_code(Visibility v) { return v == Visibility::Public ? "public" : "municipality"; }

// The ASCII addresses JSON Schema's "email" format accepts; an internationalised address is
// left out of HSDS rather than making the file invalid.
bool schema_email(const std::string& s) {
    const auto at = s.find('@');
    if (at == std::string::npos || at == 0 || at + 1 >= s.size() || s.find('@', at + 1) != std::string::npos) return false;
    const std::string_view local(s.data(), at), domain(s.data() + at + 1, s.size() - at - 1);
    const std::string_view local_ok = "!#$%&'*+/=?^_`{|}~.-";
    for (unsigned char c : local)
        if (!std::isalnum(c) && local_ok.find(static_cast<char>(c)) == std::string_view::npos) return false;
    std::size_t label = 0;
    for (std::size_t i = 0; i <= domain.size(); ++i) {
        if (i == domain.size() || domain[i] == '.') {
            if (label == 0 || label > 63 || domain[i - 1] == '-' || domain[i - label] == '-') return false;
            label = 0;
            continue;
        }
        const auto c = static_cast<unsigned char>(domain[i]);
        if (!std::isalnum(c) && c != '-') return false;
        ++label;
    }
    return true;
}

json string_or_null(const std::string& s) { return s.empty() ? json(nullptr) : json(s); }

json time_or_null(const std::optional<std::int64_t>& t) { return t ? json(*t) : json(nullptr); }

}  // namespace

// ---------------------------------------------------------------- CSV import

std::span<const Column> import_columns() { return columns(); }

Header read_header(std::span<const std::string> cells) {
    const auto& cols = columns();
    Header h;
    h.index.assign(cols.size(), -1);
    h.width = cells.size();
    for (std::size_t i = 0; i < cells.size(); ++i) {
        const auto name = text::trim(cells[i]);
        const auto f = folded(name);
        if (f.empty()) continue;  // a trailing delimiter, or a spacer column
        auto it = std::find_if(cols.begin(), cols.end(), [&](const Column& c) {
            if (f == folded(c.code)) return true;
            return std::any_of(c.greek.begin(), c.greek.end(), [&](const char* g) { return f == folded(g); });
        });
        if (it == cols.end()) {
            const bool export_only = std::any_of(std::begin(kExportOnlyColumns), std::end(kExportOnlyColumns),
                                                 [&](const char* c) { return f == c; });
            if (!export_only) h.problems.push_back({HeaderProblem::Unknown, name});
            continue;
        }
        auto& slot = h.index[static_cast<std::size_t>(it - cols.begin())];
        if (slot >= 0) h.problems.push_back({HeaderProblem::Duplicate, name});
        else slot = static_cast<int>(i);
    }
    for (std::size_t c = 0; c < cols.size(); ++c)
        if (cols[c].required && h.index[c] < 0) h.problems.push_back({HeaderProblem::Missing, cols[c].code});
    return h;
}

bool blank_record(std::span<const std::string> cells) {
    return std::all_of(cells.begin(), cells.end(), [](const std::string& c) { return text::trim(c).empty(); });
}

Row read_row(const Header& header, std::span<const std::string> cells, const Translate& tr) {
    Row r;
    auto cell = [&](Col c) -> std::string {
        const int i = c < header.index.size() ? header.index[c] : -1;
        if (i < 0 || static_cast<std::size_t>(i) >= cells.size()) return {};
        return unguarded(cells[static_cast<std::size_t>(i)]);
    };
    auto& in = r.input;
    in.official_name = cell(kOfficialName);
    in.distinctive_title = cell(kDistinctiveTitle);

    // Codes or labels; what names nothing is kept as typed, and check() says what is wrong.
    in.kind = text::trim(cell(kKind));
    if (auto* k = match_option(kinds(), in.kind, tr)) in.kind = k;
    in.subtype = text::trim(cell(kSubtype));
    if (auto* st = match_option(subtypes(in.kind), in.subtype, tr)) in.subtype = st;
    for (auto& a : split_list(cell(kAreas))) {
        if (auto* code = match_option(areas(), a, tr)) a = code;
        in.areas.push_back(std::move(a));
    }

    in.afm = cell(kAfm);
    in.gemi_number = cell(kGemi);
    in.kalo_registry_number = cell(kKalo);
    in.court_registry_number = cell(kCourt);
    in.founding_date = cell(kFounding);
    in.description_markdown = cell(kDescription);
    in.seat_address = cell(kSeat);
    in.neighbourhood = cell(kNeighbourhood);
    in.postal_code = cell(kPostal);
    in.latitude = cell(kLatitude);
    in.longitude = cell(kLongitude);
    in.email = cell(kEmail);
    in.phone = cell(kPhone);
    in.website = cell(kWebsite);
    in.social_links = split_list(cell(kSocial));
    in.declared_members = cell(kDeclaredMembers);
    in.board.president = cell(kPresident);
    in.board.secretary = cell(kSecretary);
    in.board.treasurer = cell(kTreasurer);
    in.board.members = split_list(cell(kBoardMembers));

    const auto v = folded(cell(kVerified));
    if (v == "yes" || v == "ναι" || v == "y" || v == "ν" || v == "true" || v == "1") r.verified = true;
    else if (!(v.empty() || v == "no" || v == "οχι" || v == "n" || v == "ο" || v == "false" || v == "0"))
        r.problems.push_back({"verified", N_("Write yes or no (ναι or όχι)")});

    // Cells beyond the header would be silently lost.
    for (std::size_t i = header.width; i < cells.size(); ++i) {
        if (!text::trim(cells[i]).empty()) {
            r.problems.push_back({"", N_("This line has more fields than the header; check for an unquoted delimiter")});
            break;
        }
    }
    return r;
}

std::string column_of(std::string_view field) {
    auto base = field.substr(0, field.find('.'));
    if (field.starts_with("board.")) {
        auto rest = field.substr(6);
        if (rest.starts_with("members")) return "board_members";
        return std::string(rest.substr(0, rest.find('.')));
    }
    if (base == "description_markdown") return "description";
    if (base == "visibility") return "";
    return std::string(base);
}

std::string import_template() {
    std::vector<std::string> header;
    for (const auto& c : columns()) header.push_back(c.code);
    const std::vector<std::string> example{
        "Πολιτιστικός Σύλλογος Βέργας", "Η Βέργα", "association", "cultural", "090000045", "", "", "123/1985",
        "1985-05-12", "culture|education", "Χορευτικά τμήματα και εκδηλώσεις για όλες τις ηλικίες.",
        "Αριστομένους 10, Καλαμάτα", "Βέργα", "24100", "37.0389", "22.1142", "info@example.gr", "2721012345",
        "https://example.gr", "https://www.facebook.com/example", "120", "Μαρία Παπαδοπούλου", "Γιώργος Νικολάου",
        "Ελένη Γεωργίου", "Νίκος Ιωάννου|Σοφία Δημητρίου", "όχι"};
    text::csv::WriteOptions o;
    o.formula_guard = false;
    return text::csv::row(header, o) + text::csv::row(example, o);
}

// ---------------------------------------------------------------- API JSON

json to_api_json(const Organisation& original, bool full, const std::string& profile_url, const std::string& logo_url) {
    const Organisation o = full ? original : redact_for_public(original);
    const auto& p = o.profile;
    // The public view leaves out what the public may not see, rather than sending it empty.
    auto shown = [&](const char* field) { return full || is_public(p, field); };

    json j = {
        {"id", o.id},
        {"slug", o.slug},
        {"url", profile_url},
        {"state", state_code(o.state)},
        {"verified", o.state == State::Verified},
        {"official_name", p.official_name},
        {"distinctive_title", p.distinctive_title},
        {"kind", p.kind},
        {"subtype", p.subtype},
        {"areas", p.areas},
        {"logo_url", string_or_null(logo_url)},
    };
    if (shown("afm")) j["afm"] = p.afm;
    if (shown("gemi_number")) j["gemi_number"] = p.gemi_number;
    if (shown("kalo_registry_number")) j["kalo_registry_number"] = p.kalo_registry_number;
    if (shown("court_registry_number")) j["court_registry_number"] = p.court_registry_number;
    if (shown("founding_date")) j["founding_date"] = string_or_null(p.founding_date);
    if (shown("description_markdown")) j["description"] = p.description_markdown;
    if (shown("seat_address")) j["seat_address"] = p.seat_address;
    if (shown("neighbourhood")) j["neighbourhood"] = p.neighbourhood;
    if (shown("postal_code")) j["postal_code"] = p.postal_code;
    if (shown("coordinates")) {
        j["latitude"] = o.latitude ? json(*o.latitude) : json(nullptr);
        j["longitude"] = o.longitude ? json(*o.longitude) : json(nullptr);
    }
    if (shown("email")) j["email"] = p.email;
    if (shown("phone")) j["phone"] = p.phone;
    if (shown("website")) j["website"] = p.website;
    if (shown("social_links")) j["social_links"] = p.social_links;
    if (shown("declared_members")) {
        const auto& d = p.declared_members;
        const bool number = !d.empty() && d.size() < 12 && std::all_of(d.begin(), d.end(), ::isdigit);
        j["declared_members"] = number ? json(std::stoll(d)) : json(nullptr);
    }
    if (shown("board"))
        j["board"] = {{"president", p.board.president},
                      {"secretary", p.board.secretary},
                      {"treasurer", p.board.treasurer},
                      {"members", p.board.members}};
    j["submitted_at"] = time_or_null(o.submitted_at);
    j["verified_at"] = time_or_null(o.verified_at);
    j["expires_at"] = time_or_null(o.expires_at);
    if (full) {
        json vis = json::object();
        for (const char* f : visibility_fields()) vis[f] = visibility_code(visibility_of(p, f));
        j["visibility"] = vis;
        j["return_reasons"] = o.return_reasons;
        j["created_at"] = o.created_at;
        j["updated_at"] = o.updated_at;
    }
    return j;
}

std::vector<Problem> apply_json(const json& body, OrganisationInput& in) {
    std::vector<Problem> problems;
    if (!body.is_object()) {
        problems.push_back({"", N_("Send the organisation as a JSON object")});
        return problems;
    }
    auto text_member = [&](const json& v, const std::string& name, std::string& out, bool numbers_too = false) {
        if (v.is_string()) out = v.get<std::string>();
        else if (v.is_null()) out.clear();
        else if (numbers_too && v.is_number_integer()) out = std::to_string(v.get<long long>());
        else if (numbers_too && v.is_number()) out = fmt::format("{}", v.get<double>());
        else problems.push_back({name, numbers_too ? N_("This must be a number or text") : N_("This must be text")});
    };
    auto list_member = [&](const json& v, const std::string& name, std::vector<std::string>& out) {
        if (v.is_null()) { out.clear(); return; }
        if (!v.is_array()) { problems.push_back({name, N_("This must be a list of texts")}); return; }
        std::vector<std::string> items;
        for (const auto& x : v) {
            if (!x.is_string()) { problems.push_back({name, N_("This must be a list of texts")}); return; }
            items.push_back(x.get<std::string>());
        }
        out = std::move(items);
    };

    struct TextField { const char* name; std::string OrganisationInput::*member; bool numbers; };
    static const TextField kTexts[] = {
        {"official_name", &OrganisationInput::official_name, false},
        {"distinctive_title", &OrganisationInput::distinctive_title, false},
        {"kind", &OrganisationInput::kind, false},
        {"subtype", &OrganisationInput::subtype, false},
        {"afm", &OrganisationInput::afm, true},
        {"gemi_number", &OrganisationInput::gemi_number, true},
        {"kalo_registry_number", &OrganisationInput::kalo_registry_number, true},
        {"court_registry_number", &OrganisationInput::court_registry_number, false},
        {"founding_date", &OrganisationInput::founding_date, false},
        {"description", &OrganisationInput::description_markdown, false},
        {"seat_address", &OrganisationInput::seat_address, false},
        {"neighbourhood", &OrganisationInput::neighbourhood, false},
        {"postal_code", &OrganisationInput::postal_code, true},
        {"latitude", &OrganisationInput::latitude, true},
        {"longitude", &OrganisationInput::longitude, true},
        {"email", &OrganisationInput::email, false},
        {"phone", &OrganisationInput::phone, false},
        {"website", &OrganisationInput::website, false},
        {"declared_members", &OrganisationInput::declared_members, true},
    };
    // Read-only members of to_api_json, accepted so that a GET can be edited and sent back.
    static const char* const kReadOnly[] = {"id", "slug", "url", "state", "verified", "logo_url", "submitted_at",
                                            "verified_at", "expires_at", "return_reasons", "created_at", "updated_at"};

    for (auto it = body.begin(); it != body.end(); ++it) {
        const std::string& key = it.key();
        const json& v = it.value();
        if (auto t = std::find_if(std::begin(kTexts), std::end(kTexts), [&](const TextField& f) { return key == f.name; });
            t != std::end(kTexts)) {
            text_member(v, key, in.*(t->member), t->numbers);
        } else if (key == "areas") {
            list_member(v, key, in.areas);
        } else if (key == "social_links") {
            list_member(v, key, in.social_links);
        } else if (key == "board") {
            if (v.is_null()) { in.board = {}; continue; }
            if (!v.is_object()) { problems.push_back({"board", N_("This must be an object")}); continue; }
            for (auto b = v.begin(); b != v.end(); ++b) {
                const std::string name = "board." + b.key();
                if (b.key() == "president") text_member(b.value(), name, in.board.president);
                else if (b.key() == "secretary") text_member(b.value(), name, in.board.secretary);
                else if (b.key() == "treasurer") text_member(b.value(), name, in.board.treasurer);
                else if (b.key() == "members") list_member(b.value(), name, in.board.members);
                else problems.push_back({name, N_("This field is not part of an organisation")});
            }
        } else if (key == "visibility") {
            if (!v.is_object()) { problems.push_back({"visibility", N_("This must be an object")}); continue; }
            for (auto f = v.begin(); f != v.end(); ++f) {
                const std::string name = "visibility." + f.key();
                if (f.value() == "public") in.visibility[f.key()] = Visibility::Public;
                else if (f.value() == "municipality") in.visibility[f.key()] = Visibility::Municipality;
                else problems.push_back({name, N_("Write \"public\" or \"municipality\"")});
            }
        } else if (std::find_if(std::begin(kReadOnly), std::end(kReadOnly), [&](const char* r) { return key == r; }) ==
                   std::end(kReadOnly)) {
            problems.push_back({key, N_("This field is not part of an organisation")});
        }
    }
    return problems;
}

// ---------------------------------------------------------------- open data

std::string hsds_id(const Place& place, std::int64_t organisation_id, HsdsEntity entity, unsigned offset) {
    // mmmmmmmm-eeee-8000-8000-oooooooooooo: the ELSTAT code's digits (they are valid hex) or,
    // without one, the municipality id in hex; version 8 and the RFC 9562 variant are fixed.
    std::string m = place.elstat_code;
    const bool digits = !m.empty() && m.size() <= 8 && std::all_of(m.begin(), m.end(), ::isdigit);
    m = digits ? std::string(8 - m.size(), '0') + m
               : fmt::format("{:08x}", static_cast<std::uint32_t>(place.municipality_id));
    const auto e = static_cast<unsigned>(static_cast<std::uint16_t>(entity) + offset) & 0xFFFFu;
    return fmt::format("{}-{:04x}-8000-8000-{:012x}", m, e,
                       static_cast<std::uint64_t>(organisation_id) & 0xFFFFFFFFFFFFull);
}

json hsds_organization(const Organisation& original, const Place& place, const std::string& profile_url,
                       const std::string& logo_url, const std::string& description_text, const Translate& tr) {
    const Organisation o = redact_for_public(original);
    const auto& p = o.profile;
    const auto id = [&](HsdsEntity e, unsigned k = 0) { return hsds_id(place, o.id, e, k); };
    const std::string org_id = id(HsdsEntity::Organization);

    json j = {{"id", org_id}, {"name", p.official_name}, {"description", description_text}};
    if (!p.distinctive_title.empty()) j["alternate_name"] = p.distinctive_title;
    if (!p.email.empty() && is_public(p, "email") && schema_email(p.email)) j["email"] = p.email;
    if (!p.website.empty() && is_public(p, "website")) j["website"] = p.website;
    if (const auto& d = p.founding_date;
        d.size() >= 4 && std::all_of(d.begin(), d.begin() + 4, ::isdigit) && is_public(p, "founding_date"))
        j["year_incorporated"] = std::stoi(d.substr(0, 4));
    if (const char* st = subtype_label(p.kind, p.subtype)) j["legal_status"] = translated(tr, st);
    if (!logo_url.empty()) j["logo"] = logo_url;
    if (!profile_url.empty()) j["uri"] = profile_url;

    // Registry numbers: the ΑΦΜ (tax number), ΓΕΜΗ (business registry), Μητρώο ΚΑλΟ and the
    // court's registry of societies. identifier_type names them as Greek administrations do.
    json ids = json::array();
    auto identifier = [&](HsdsEntity e, const char* field, const std::string& value, const char* type) {
        if (value.empty() || !is_public(p, field)) return;
        ids.push_back({{"id", id(e)}, {"organization_id", org_id}, {"identifier_type", type}, {"identifier", value}});
    };
    identifier(HsdsEntity::IdentifierAfm, "afm", p.afm, "ΑΦΜ");
    identifier(HsdsEntity::IdentifierGemi, "gemi_number", p.gemi_number, "ΓΕΜΗ");
    identifier(HsdsEntity::IdentifierKalo, "kalo_registry_number", p.kalo_registry_number, "Μητρώο ΚΑλΟ");
    identifier(HsdsEntity::IdentifierCourt, "court_registry_number", p.court_registry_number, "Μητρώο Πρωτοδικείου");
    if (!ids.empty()) j["organization_identifiers"] = ids;

    if (!p.phone.empty() && is_public(p, "phone"))
        j["phones"] = json::array({{{"id", id(HsdsEntity::Phone)}, {"organization_id", org_id}, {"number", p.phone}}});

    // The board, when the organisation shows it, as named contacts with their position.
    if (is_public(p, "board")) {
        json contacts = json::array();
        unsigned k = 0;
        auto contact = [&](const std::string& name, const char* title) {
            const unsigned position = k++;
            if (name.empty()) return;
            contacts.push_back({{"id", id(HsdsEntity::Contact, position)}, {"organization_id", org_id}, {"name", name},
                                {"title", translated(tr, title)}});
        };
        contact(p.board.president, N_("President"));
        contact(p.board.secretary, N_("Secretary"));
        contact(p.board.treasurer, N_("Treasurer"));
        k = 3;
        for (const auto& m : p.board.members) contact(m, N_("Board member"));
        if (!contacts.empty()) j["contacts"] = contacts;
    }

    // The seat: a physical location, with its coordinates and address when they are public.
    const bool has_coordinates = o.latitude && o.longitude && is_public(p, "coordinates");
    const bool has_address = !p.seat_address.empty() && is_public(p, "seat_address");
    if (has_coordinates || has_address) {
        const std::string loc_id = id(HsdsEntity::Location);
        json loc = {{"id", loc_id}, {"location_type", "physical"}, {"organization_id", org_id}, {"name", p.official_name}};
        if (has_coordinates) {
            loc["latitude"] = *o.latitude;
            loc["longitude"] = *o.longitude;
        }
        if (has_address) {
            loc["addresses"] = json::array({{
                {"id", id(HsdsEntity::Address)},
                {"location_id", loc_id},
                {"address_1", p.seat_address},
                {"city", place.city},
                {"state_province", place.region},
                {"postal_code", is_public(p, "postal_code") ? p.postal_code : std::string()},
                {"country", "GR"},
                {"address_type", "physical"},
            }});
        }
        j["locations"] = json::array({loc});
    }
    return j;
}

std::vector<std::string> export_header() {
    std::vector<std::string> h;
    for (const auto& c : columns()) h.push_back(c.code);
    h.push_back("url");
    return h;
}

std::vector<std::string> export_row(const Organisation& original, const std::string& profile_url) {
    const Organisation o = redact_for_public(original);
    const auto& p = o.profile;
    std::vector<std::string> r(kColumnCount);
    r[kOfficialName] = p.official_name;
    r[kDistinctiveTitle] = p.distinctive_title;
    r[kKind] = p.kind;
    r[kSubtype] = p.subtype;
    r[kAfm] = p.afm;
    r[kGemi] = p.gemi_number;
    r[kKalo] = p.kalo_registry_number;
    r[kCourt] = p.court_registry_number;
    r[kFounding] = p.founding_date;
    r[kAreas] = join_list(p.areas);
    r[kDescription] = p.description_markdown;
    r[kSeat] = p.seat_address;
    r[kNeighbourhood] = p.neighbourhood;
    r[kPostal] = p.postal_code;
    r[kLatitude] = p.latitude;
    r[kLongitude] = p.longitude;
    r[kEmail] = p.email;
    r[kPhone] = p.phone;
    r[kWebsite] = p.website;
    r[kSocial] = join_list(p.social_links);
    r[kDeclaredMembers] = p.declared_members;
    r[kPresident] = p.board.president;
    r[kSecretary] = p.board.secretary;
    r[kTreasurer] = p.board.treasurer;
    r[kBoardMembers] = join_list(p.board.members);
    r[kVerified] = o.state == State::Verified ? "yes" : "no";
    r.push_back(profile_url);
    return r;
}

}  // namespace syn::registry::formats
