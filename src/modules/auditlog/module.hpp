#pragma once
#include "platform/web/app.hpp"

namespace syn::auditlog {
// The auditor's (DPO's) view of the audit log of their municipality, as a page and in the API.
void install(web::App& app);
}  // namespace syn::auditlog
