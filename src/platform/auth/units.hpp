#pragma once
// The municipality's units: its departments (Διευθύνσεις, Τμήματα), its structures (a social
// grocery, a counselling centre, a ΚΑΠΗ) and its committees, nested, each with a shared mailbox.
// Roles are granted on them (permissions.hpp); the tenant admin keeps them (modules/accounts);
// every module reads them here. Requests call the unit that answers a request type its
// department.
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "platform/db/database.hpp"

namespace syn::auth {

inline constexpr std::string_view kUnitKinds[] = {"department", "structure", "committee"};
bool is_unit_kind(std::string_view kind);

// Every member has a default, so {.name_el = …} leaves the rest as they would be.
struct Unit {
    std::int64_t id = 0;
    std::optional<std::int64_t> parent_id = std::nullopt;
    std::string kind = "department";
    std::string name_el = {}, name_en = {};
    std::string email = {};  // the shared mailbox, may be empty
    bool retired = false;

    const std::string& name(std::string_view lang) const { return lang == "en" && !name_en.empty() ? name_en : name_el; }
};

// Every unit of the municipality, retired ones too, by name.
std::vector<Unit> list_units(soci::session& s, std::int64_t municipality_id);
std::optional<Unit> find_unit(soci::session& s, std::int64_t municipality_id, std::int64_t id);
// Inside the caller's transaction; call units_changed() once it has committed. add_unit throws
// db::UniqueViolation when the municipality has a unit of that Greek name already.
std::int64_t add_unit(soci::session& s, std::int64_t municipality_id, const Unit& unit);
void update_unit(soci::session& s, std::int64_t municipality_id, const Unit& unit);  // names, mailbox, kind, parent
void set_unit_retired(soci::session& s, std::int64_t municipality_id, std::int64_t id, bool retired);
void units_changed();
std::uint64_t units_generation();

// Why a unit may not be retired yet, as a module sees it (request types it answers, open
// cases): an N_-marked msgid, or nullptr when the module holds nothing of the unit. Modules
// define theirs in module.cpp.
using UnitUse = std::function<const char*(soci::session& s, std::int64_t municipality_id, std::int64_t unit_id)>;
// `name` is the module's: defining it again (another App in the same process) replaces it.
void define_unit_use(std::string name, UnitUse use);
// The first reason any module gives, or nullptr.
const char* unit_in_use(soci::session& s, std::int64_t municipality_id, std::int64_t unit_id);

// Who is above whom. Built from list_units; kept per municipality (unit_tree()).
class UnitTree {
public:
    UnitTree() = default;
    explicit UnitTree(const std::vector<Unit>& units);
    // `upper` is `unit` or one of the units above it.
    bool covers(std::int64_t upper, std::int64_t unit) const;
    // The unit and every unit below it, in no particular order.
    std::vector<std::int64_t> with_units_below(std::int64_t unit) const;
    bool contains(std::int64_t unit) const { return parent_.contains(unit); }
    // Whether making `parent` the parent of `unit` would put the unit below itself.
    bool would_loop(std::int64_t unit, std::int64_t parent) const { return covers(unit, parent); }

private:
    std::unordered_map<std::int64_t, std::int64_t> parent_;  // 0: at the top
};

// The municipality's tree as read at most a few seconds ago, and not before a change in this
// process (another copy's change shows within 5 seconds). Inside a transaction, pass its session:
// a Database may not be asked again from inside one of its own transactions.
std::shared_ptr<const UnitTree> unit_tree(db::Database& db, std::int64_t municipality_id);
std::shared_ptr<const UnitTree> unit_tree(soci::session& s, std::int64_t municipality_id);

}  // namespace syn::auth
