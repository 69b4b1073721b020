// The CSV import of an existing register (a municipality's Excel file). All or nothing by
// default: one bad row and nothing is imported, so the operator fixes the file and runs it
// again instead of hunting for which half went in. Problems name the line where the record
// starts in the file, as a spreadsheet shows it.
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>

#include "modules/registry/formats.hpp"
#include "modules/registry/rules.hpp"
#include "modules/registry/service.hpp"
#include "modules/registry/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/text/csv.hpp"
#include "platform/web/places.hpp"

namespace syn::registry {

namespace {

// A large municipality has about 2,000 organisations; a file far beyond that is a mistake.
constexpr std::size_t kMaxImportRows = 10'000;

struct Candidate {
    std::size_t line = 0;
    OrganisationInput input;
    bool verified = false;
};

// The rows of the file, each validated; `valid` holds the ones that may be imported.
struct Reading {
    ImportReport report;
    std::vector<Candidate> valid;
};

void add(ImportReport& r, std::size_t line, std::string field, std::string message) {
    // One message per column and line: three bad areas on a line say it once.
    auto same = [&](const ImportProblem& p) { return p.line == line && p.field == field && p.message == message; };
    if (std::none_of(r.problems.begin(), r.problems.end(), same)) r.problems.push_back({line, std::move(field), std::move(message)});
}

std::string parse_error(const i18n::Tr& tr, text::csv::Error e) {
    using text::csv::Error;
    switch (e) {
        case Error::UnterminatedQuote:
            return tr("A quoted field starting on this line is never closed: a closing quote mark (\") is missing");
        case Error::TextAfterQuote:
            return tr("After a closing quote mark there must be a delimiter or the end of the line");
        case Error::TooManyRecords:
            return tr.tf("The file has more than {} rows: split it into smaller files", kMaxImportRows);
        case Error::FieldTooLong: return tr("A field on this line is too long");
        case Error::None: break;
    }
    return {};
}

// Reads and validates every row. The ΑΦΜ must be free in the municipality (s) and appear only
// once in the file.
Reading read_file(const web::Scope& scope, soci::session& s, std::string_view csv) {
    const auto& tr = scope.tr;
    Reading out;
    auto& rep = out.report;

    const auto utf8 = text::csv::to_utf8(csv);
    if (!utf8) {
        add(rep, 1, "", tr("The file's text encoding cannot be read: save it from Excel as «CSV UTF-8»"));
        return out;
    }
    text::csv::ParseOptions po;
    po.max_records = kMaxImportRows + 1;  // + the header
    const auto parsed = text::csv::parse(*utf8, po);
    if (!parsed.ok()) {
        add(rep, parsed.error_line, "", parse_error(tr, parsed.error));
        return out;
    }
    if (parsed.records.empty()) {
        add(rep, 1, "", tr("The file is empty: the first line must name the columns"));
        return out;
    }

    const auto& head = parsed.records.front();
    const auto header = formats::read_header(head.fields);
    for (const auto& p : header.problems) {
        using K = formats::HeaderProblem;
        if (p.kind == K::Unknown) add(rep, head.line, p.column, tr.tf("The column «{}» is not one we know", p.column));
        else if (p.kind == K::Missing) add(rep, head.line, p.column, tr.tf("The required column «{}» is missing", p.column));
        else add(rep, head.line, p.column, tr.tf("The column «{}» appears more than once", p.column));
    }
    if (!header.ok()) return out;  // rows cannot be read reliably against a wrong header

    const formats::Translate translate = [&](const char* msgid) { return tr(msgid); };
    const auto now = scope.now();
    std::map<std::string, std::size_t> afm_lines;  // ΑΦΜ → the line that has it first
    for (std::size_t i = 1; i < parsed.records.size(); ++i) {
        const auto& rec = parsed.records[i];
        if (formats::blank_record(rec.fields)) continue;
        ++rep.rows;
        auto row = formats::read_row(header, rec.fields, translate);
        const auto before = rep.problems.size();
        for (const auto& p : row.problems) add(rep, rec.line, p.field, tr(p.msgid));
        OrganisationInput in = normalised(std::move(row.input));
        bool afm_problem = false;
        for (const auto& p : check(in, now)) {
            afm_problem = afm_problem || p.field == "afm";
            add(rep, rec.line, formats::column_of(p.field), tr(p.msgid));
        }
        if (!web::spell_as_place(s, scope.tenant.id, in.neighbourhood))
            add(rep, rec.line, formats::column_of("neighbourhood"), tr("Choose the neighbourhood from the municipality's list of areas"));
        if (!afm_problem && !in.afm.empty()) {
            if (auto [it, first] = afm_lines.emplace(in.afm, rec.line); !first)
                add(rep, rec.line, "afm", tr.tf("The same tax number (ΑΦΜ) is already on line {} of the file", it->second));
            else if (store::afm_taken(s, scope.tenant.id, in.afm, 0))
                add(rep, rec.line, "afm", tr("An organisation with this tax number (ΑΦΜ) is already registered in the municipality"));
        }
        if (rep.problems.size() == before) out.valid.push_back({rec.line, std::move(in), row.verified});
    }
    rep.valid = out.valid.size();
    if (rep.rows == 0) add(rep, head.line, "", tr("The file has no organisations below the header line"));
    return out;
}

// Imported organisations join the directory straight away: verified ones as verified (the
// municipality's register already vouches for them), the others as submitted, in the staff
// queue. They have no members yet; staff invite their people later.
std::int64_t insert(soci::session& s, const web::Scope& scope, const Candidate& c, std::int64_t now) {
    Organisation o;
    o.municipality_id = scope.tenant.id;
    o.profile = c.input;
    o.created_at = o.updated_at = now;
    o.submitted_at = now;
    o.state = c.verified ? State::Verified : State::Submitted;
    if (c.verified) {
        o.verified_at = now;
        o.expires_at = verification_expires_at(now, static_cast<int>(scope.cfg.verification_months));
    }
    const auto id = store::insert(s, o);
    HistoryEntry h;
    h.actor_id = scope.principal.user_id;
    h.action = "import";
    h.to_state = state_code(o.state);
    h.at = now;
    store::add_history(s, scope.tenant.id, id, h);
    return id;
}

}  // namespace

ImportReport import_csv(const web::Scope& scope, std::string_view csv, bool dry_run, bool skip_invalid) {
    scope.require(kPermImport);
    if (dry_run)
        return scope.db.read([&](soci::session& s) { return read_file(scope, s, csv).report; });

    // Validation and insertion in one transaction, so the ΑΦΜ checks hold for what is written.
    return scope.db.transact([&](soci::session& s) {
        auto reading = read_file(scope, s, csv);
        auto& rep = reading.report;
        const bool blocked = rep.valid < rep.rows && !skip_invalid;
        if (blocked || reading.valid.empty()) return rep;  // nothing written: the transaction commits empty
        const auto now = scope.now();
        for (const auto& c : reading.valid) insert(s, scope, c, now);
        rep.imported = reading.valid.size();
        const auto verified = std::count_if(reading.valid.begin(), reading.valid.end(), [](const Candidate& c) { return c.verified; });
        audit::append(s, {scope.tenant.id, scope.principal.user_id, "registry.import", "municipality:" + std::to_string(scope.tenant.id),
                          nlohmann::json{{"rows", rep.rows},
                                         {"imported", rep.imported},
                                         {"verified", verified},
                                         {"skipped_invalid", rep.rows - rep.valid}}
                              .dump()});
        return rep;
    });
}

}  // namespace syn::registry
