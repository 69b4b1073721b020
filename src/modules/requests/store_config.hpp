#pragma once
// SQL for a municipality's requests configuration: departments and their staff, request types,
// Open311 API keys. Every call takes the municipality (rule 6).
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/requests/model.hpp"

namespace syn::requests::store {

// Bumped by every change of departments, their staff or request types made through this
// process: the configuration's read caches compare it (changes made by other copies of the
// program show when the cache's ttl runs out).
std::uint64_t config_generation();

std::vector<Department> departments(soci::session& s, std::int64_t municipality_id);
std::optional<Department> department(soci::session& s, std::int64_t municipality_id, std::int64_t id);
// Throws db::UniqueViolation for a name_el already used in the municipality.
std::int64_t insert_department(soci::session& s, std::int64_t municipality_id, const Department& d);
void update_department(soci::session& s, std::int64_t municipality_id, const Department& d);

std::vector<DepartmentStaff> department_staff(soci::session& s, std::int64_t municipality_id);
// Department ids the user is staff of, and whether any membership makes them a supervisor.
struct StaffScope {
    std::vector<std::int64_t> departments;
    bool supervisor = false;
};
StaffScope staff_scope(soci::session& s, std::int64_t municipality_id, std::int64_t user_id);
// Adds or updates (supervisor flag) a membership.
void put_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id,
                          bool supervisor);
bool remove_department_staff(soci::session& s, std::int64_t municipality_id, std::int64_t department_id, std::int64_t user_id);
// E-mail addresses of a department's staff (and its shared mailbox, when set), for assignment mail.
std::vector<std::string> department_emails(soci::session& s, std::int64_t municipality_id, std::int64_t department_id);
// The active account with this (normalised, lower-case) e-mail when it holds "staff" or
// "tenant_admin" in the municipality: who may join a department.
std::optional<std::int64_t> staff_account(soci::session& s, std::int64_t municipality_id, const std::string& email);

// Ordered by position, then name_el. active_only: what citizens may choose.
std::vector<RequestType> types(soci::session& s, std::int64_t municipality_id, bool active_only);
std::optional<RequestType> type_by_id(soci::session& s, std::int64_t municipality_id, std::int64_t id);
std::optional<RequestType> type_by_code(soci::session& s, std::int64_t municipality_id, std::string_view code);
// Throws db::UniqueViolation for a code already used in the municipality.
std::int64_t insert_type(soci::session& s, std::int64_t municipality_id, const RequestType& t);
void update_type(soci::session& s, std::int64_t municipality_id, const RequestType& t);

std::vector<ApiKey> api_keys(soci::session& s, std::int64_t municipality_id);
std::int64_t insert_api_key(soci::session& s, std::int64_t municipality_id, const std::string& name,
                            const std::string& key_hash, std::int64_t created_by, std::int64_t at);
bool revoke_api_key(soci::session& s, std::int64_t municipality_id, std::int64_t id, std::int64_t at);
// A live (not revoked) key of the municipality by its hash.
std::optional<std::int64_t> live_api_key(soci::session& s, std::int64_t municipality_id, const std::string& key_hash);
void touch_api_key(soci::session& s, std::int64_t id, std::int64_t at);

}  // namespace syn::requests::store
