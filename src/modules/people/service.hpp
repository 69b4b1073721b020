#pragma once
// The municipality's people as use cases on a Scope, for its administrator ("people.manage"):
// the units (departments, structures, committees), the people who hold roles, invitations, and
// giving and withdrawing roles. Each change is one transaction with its audit entry; a withdrawn
// role stops working on the holder's next page.
#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "modules/people/model.hpp"
#include "platform/auth/units.hpp"
#include "platform/web/scope.hpp"

namespace syn::people {

inline constexpr const char* kPermManage = "people.manage";

// ---------------------------------------------------------------- units (service/units.cpp)

// Every unit of the municipality, retired ones too, in tree order (each followed by the units
// below it), with its depth.
struct UnitRow {
    auth::Unit unit;
    int depth = 0;
};
// Kept per municipality while the units are unchanged (at most a few seconds for another
// copy's change).
std::vector<UnitRow> units(const web::Scope& scope);
std::optional<auth::Unit> unit(const web::Scope& scope, std::int64_t id);
// Adds (no id) or changes a unit; throws web::Invalid with the problems, or for a Greek name in
// use.
std::int64_t save_unit(const web::Scope& scope, std::optional<std::int64_t> id, const UnitInput& in);
// Refused (web::Invalid) while people hold roles on it, units below it are in use, or a module
// still needs it (open requests, request types it answers).
void retire_unit(const web::Scope& scope, std::int64_t id);
void reinstate_unit(const web::Scope& scope, std::int64_t id);

// ---------------------------------------------------------------- people (service/people.cpp)

// The people holding a role in the municipality that match the query, by name. The list is read
// once per change of roles (at most every few seconds for another copy's) and searched in
// memory: `matches` point into `all`, which the result keeps alive.
struct PeopleList {
    std::shared_ptr<const std::vector<Person>> all;
    std::vector<const Person*> matches;
};
PeopleList people(const web::Scope& scope, const PeopleQuery& q);
// NotFound unless the account holds a role in the municipality.
Person person(const web::Scope& scope, std::int64_t user_id);
// Gives a role; web::Invalid when the input is wrong or the person holds it already.
void grant(const web::Scope& scope, std::int64_t user_id, const GrantInput& in);
// Withdraws one grant of the person; refused (web::Invalid) for the municipality's last
// administrator.
void withdraw(const web::Scope& scope, std::int64_t user_id, std::int64_t grant_id);
// Gives the first role to the person with this address, creating their account when there is
// none, and mails them; returns the account.
std::int64_t invite(const web::Scope& scope, const InviteInput& in);
// A member of staff who left: every role in the municipality withdrawn, every session ended, and
// what modules hold for them given back (open requests to their unit's queue). Refused for the
// last administrator. The account stays, for what it wrote and anything it is elsewhere.
void deactivate(const web::Scope& scope, std::int64_t user_id);
// A lost phone: removes the person's second factor and recovery codes, so they set it up again
// at their next log-in. Audited.
void reset_second_factor(const web::Scope& scope, std::int64_t user_id);

}  // namespace syn::people
