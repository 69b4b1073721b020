#pragma once
// Pieces every registry use case shares, for use inside its transaction. Not for pages.
#include <soci/soci.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "modules/registry/model.hpp"
#include "modules/registry/service.hpp"
#include "platform/web/scope.hpp"

namespace syn::registry::detail {

// access() inside a transaction: reads the membership on the caller's connection (a second
// lease from the pool would wait on SQLite's write lock).
Access access_in(soci::session& s, const web::Scope& scope, const Organisation& o);
// Refuses unless the viewer may read the organisation: NotFound for strangers (so ids of other
// organisations are not confirmed), Forbidden for those who can see it but not do this.
void require(const Access& a, bool allowed);

// The required documents (required_documents()) not yet on file; empty when all are there.
std::vector<std::string> missing_documents(soci::session& s, const Organisation& o);

// One line in the organisation's history and the matching audit entry ("registry.<action>",
// subject "organisation:<id>"), at the scope's time, naming the acting account (none for the
// system or a visitor). Every change of an organisation, a person's or a job's, is written here.
void record(soci::session& s, const web::Scope& scope, const Organisation& o, const std::string& action, const std::string& from_state,
            const std::string& to_state, const std::vector<std::string>& reasons, const std::string& details_json = "{}");

// Tells each admin of the organisation, inside the transaction, in the app (a notification
// that links to the organisation's page) and by mail, written by `compose` (subject, body) in
// that admin's language.
using ComposeMail = std::function<std::pair<std::string, std::string>(const i18n::Tr& tr)>;
void tell_admins(soci::session& s, const web::Scope& scope, const Organisation& o, const ComposeMail& compose);

}  // namespace syn::registry::detail
