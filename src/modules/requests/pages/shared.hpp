#pragma once
// Shared pieces of the requests pages for citizens and staff (pages/*.cpp): paths, names in
// the viewer's language, state and deadline tags, the history list and error re-mapping. The
// route groups that install_public_pages() and install_staff_pages() put together are declared
// at the end.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "modules/requests/model.hpp"
#include "platform/html/forms.hpp"
#include "platform/html/layout.hpp"
#include "platform/web/app.hpp"
#include "platform/web/components.hpp"

namespace syn::requests::ui {

constexpr int kPerPage = 50;


// "/requests/7" + rest and "/admin/requests/7" + rest (without the tenant prefix).
std::string public_path(std::int64_t id, std::string_view rest = {});
std::string staff_path(std::int64_t id, std::string_view rest = {});

// The Greek or English name, whichever fits the viewer (the other when that one is empty).
std::string local_name(const i18n::Tr& tr, const std::string& el, const std::string& en);

// Names of the municipality's request types and departments in the viewer's language, for
// lists that only carry ids.
struct Names {
    std::vector<RequestType> types;
    std::vector<Department> departments;
    std::map<std::int64_t, std::string> type_names, department_names;
    std::string type(const Request& r) const;
    std::string department(std::int64_t id) const;
};
// all_types: also inactive ones (a request keeps its type after the type is retired), when the
// viewer may configure types; otherwise the active ones.
Names load_names(web::Context& ctx, bool all_types);

// A state as a coloured tag with its label in words.
html::Html state_tag(const i18n::Tr& tr, State s);
// "Overdue", in words (never colour alone).
html::Html overdue_tag(const i18n::Tr& tr);
// A calendar day in words ("Τρίτη, 3 Μαρτίου 2026").
std::string day_text(const i18n::Tr& tr, const Day& d);
// The due date, with the overdue tag when the request is late.
html::Html due_text(const i18n::Tr& tr, const Request& r);
// "#12 Broken street light" style label for links to a request.
std::string request_label(const i18n::Tr& tr, std::int64_t id);

// The history as an ordered list. staff: internal notes and who did what by name; otherwise
// only public entries, and "the municipality" instead of names.
html::Html history_list(const i18n::Tr& tr, const std::vector<HistoryEntry>& entries, bool staff);

// The location (address, postal code, coordinates) and, when there are coordinates and maps
// are on, a map container for request-map.js; sets with_map then. Empty without a location.
html::Html location_block(web::Context& ctx, const Request& r, bool& with_map);
// The attachments as download links with their sizes; empty when there are none.
html::Html attachment_list(web::Context& ctx, std::int64_t request_id, const std::vector<Attachment>& attachments);

// The "attachments" file input of a form that takes a request's files (filing it, adding
// information); files_were_sent: the form came back with a problem, so they must be chosen again.
html::Html attachments_input(const i18n::Tr& tr, const html::Errors& e, bool files_were_sent);

// Keeps errors whose field the page shows (so the summary's link lands on it); the others move
// to `fallback` (an element id the page has).
html::Errors errors_for(const html::Errors& e, const std::vector<std::string_view>& fields, const std::string& fallback);

// Assignee options grouped by department: a person must belong to the department chosen (the
// service checks), and the groups show who is where. With `department` set, the value is selected
// only under that department (the same person may serve two).
html::Html assignee_select(const i18n::Tr& tr, const Names& names, const std::vector<DepartmentStaff>& staff,
                           const std::string& value, const html::Errors& e, std::string_view hint,
                           const std::string& department = "");

// A page with a title and one paragraph, for clear refusals (403) that name the reason.
http::Response message_page(web::Context& ctx, int status, std::string_view title, std::string_view message,
                            std::vector<html::Crumb> crumbs = {});

// ---------------------------------------------------------------- route groups

void install_list_pages(web::App& app);   // pages/lists.cpp: /requests, home card, navigation
void install_form_pages(web::App& app);   // pages/submit.cpp: /requests/new
void install_view_pages(web::App& app);   // pages/view.cpp: /requests/{id} and its actions
void install_mine_pages(web::App& app);   // pages/stats.cpp: /my/requests, /requests/statistics
void install_queue_pages(web::App& app);  // pages/queue.cpp: /admin/requests, bulk-assign, export.csv
void install_staff_request_pages(web::App& app);  // pages/workflow.cpp: /admin/requests/{id}…

}  // namespace syn::requests::ui
