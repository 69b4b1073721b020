#pragma once
// Data in and out of the registry, as pure functions (no I/O, no clock, no translation of our
// own: callers pass a Translate so that labels come out in the request's language):
//   - the CSV import: its columns, header check, and one record → OrganisationInput;
//   - the JSON of the API: an organisation out, an organisation's fields in;
//   - the open-data exports of the public directory: HSDS 3.0 `organization` objects and CSV.
// Every export function redacts the organisation for the public itself (redact_for_public),
// so handing it an unredacted record cannot leak a municipality-only field.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "modules/registry/model.hpp"

namespace syn::registry::formats {

// A msgid → text in the reader's language (e.g. ctx.tr). An empty one returns the msgid.
using Translate = std::function<std::string(const char*)>;

// ---------------------------------------------------------------- CSV import

// Header names are these English codes; the Greek labels (any case, with or without accents)
// are accepted too, as people type them in Excel. Lists ('|' between items): areas,
// social_links, board_members.
struct Column {
    const char* code;                  // "official_name"
    const char* label;                 // msgid for people ("Official name")
    std::vector<const char*> greek;    // Greek header names accepted ("Επωνυμία", …)
    bool required;                     // the header must have it (its value may still be blank)
};
std::span<const Column> import_columns();

// Known columns the export writes that the import ignores, so an export can be re-imported.
inline constexpr const char* kExportOnlyColumns[] = {"url"};
inline constexpr char kListSeparator = '|';

struct HeaderProblem {
    enum Kind { Unknown, Missing, Duplicate } kind;
    std::string column;  // as written in the file (Unknown, Duplicate) or the code (Missing)
};
struct Header {
    std::vector<int> index;  // per import_columns() entry: its position in a record, or -1
    std::size_t width = 0;   // cells in the header line
    std::vector<HeaderProblem> problems;
    bool ok() const { return problems.empty(); }
};
Header read_header(std::span<const std::string> cells);

// A record with nothing in any cell (Excel writes ";;;;" for rows once formatted).
bool blank_record(std::span<const std::string> cells);

struct Row {
    OrganisationInput input;
    bool verified = false;
    // What could not even be read into the input, by column code: a yes/no that is neither,
    // a code or label that names nothing (kept as typed so check() words the problem), cells
    // beyond the header. Validation proper is check()'s job.
    std::vector<Problem> problems;
};
// Codes are matched case-insensitively; kind, subtype and area labels in English or in the
// tr language too ("Πολιτιστικός σύλλογος"). A cell written as '=… '+… '-… '@… (our own
// export's formula guard) loses the apostrophe.
Row read_row(const Header& header, std::span<const std::string> cells, const Translate& tr = {});

// The CSV column of a check() field ("board.members.2" → "board_members",
// "description_markdown" → "description", "areas.0" → "areas").
std::string column_of(std::string_view field);

// A header line and one example row, for people preparing a file.
std::string import_template();

// ---------------------------------------------------------------- API JSON

// An organisation as the API returns it. full=false: the public view (the organisation is
// redacted, municipality-only fields are left out rather than sent empty, no lifecycle
// bookkeeping); full=true: every field, the visibility settings and the return reasons, for
// members and staff. profile_url and logo_url are absolute or site-relative links ("" for none).
nlohmann::json to_api_json(const Organisation& o, bool full, const std::string& profile_url, const std::string& logo_url);

// Applies the JSON object's members to `in`: members absent from the object keep their value
// (PATCH), so a POST starts from an empty input. Member names are those of to_api_json
// ("description", "board": {…}, "visibility": {"phone": "public"}). Numbers are accepted for
// latitude, longitude and declared_members. Returns the members that had the wrong JSON type
// or are unknown, as Problems (validation of values is check()'s job).
std::vector<Problem> apply_json(const nlohmann::json& body, OrganisationInput& in);

// ---------------------------------------------------------------- open data

// Where the organisations are: used for HSDS ids and addresses.
struct Place {
    std::string elstat_code;     // the municipality's ELSTAT code: makes ids unique across installs
    std::int64_t municipality_id = 0;
    std::string city;            // "Δήμος Καλαμάτας"
    std::string region;          // the tenant's region
};

// A stable UUID (version 8, RFC 9562) for an entity of an organisation: the municipality's
// ELSTAT code, the entity kind and the organisation id, readable in the hex. The same
// organisation always gets the same id, so consumers can follow it between exports.
enum class HsdsEntity : std::uint16_t {
    Organization = 0x0001, Location = 0x0002, Address = 0x0003, Phone = 0x0004,
    IdentifierAfm = 0x0011, IdentifierGemi = 0x0012, IdentifierKalo = 0x0013, IdentifierCourt = 0x0014,
    Contact = 0x0020,  // + the board position (0–3 officers, then members)
};
std::string hsds_id(const Place& place, std::int64_t organisation_id, HsdsEntity entity, unsigned offset = 0);

// An HSDS 3.0 `organization` object of the public profile. description_text is the
// description as plain text (required by HSDS; may be empty).
nlohmann::json hsds_organization(const Organisation& o, const Place& place, const std::string& profile_url,
                                  const std::string& logo_url, const std::string& description_text,
                                  const Translate& tr = {});

// The CSV export: the import's columns (so a file can be re-imported elsewhere) plus "url".
// Municipality-only fields are written empty.
std::vector<std::string> export_header();
std::vector<std::string> export_row(const Organisation& o, const std::string& profile_url);

}  // namespace syn::registry::formats
