#pragma once
// The registry's route groups, one per audience, each in its own file; module.cpp installs them.
#include "platform/web/app.hpp"

namespace syn::registry {

// pages/directory.cpp: the public directory (/organisations, list + map + filters + search),
// profiles (/organisations/{slug}, JSON-LD, Open Graph) and logos (/organisations/{slug}/logo).
void install_public_pages(web::App& app);
// pages/overview.cpp: an organisation's own people (/my/organisations/…, /invitations/{token},
// /organisation-documents/{org}/{doc}).
void install_admin_pages(web::App& app);
// pages/review.cpp: municipal staff (/admin/organisations/…, the CSV import).
void install_review_pages(web::App& app);
// api.cpp: /api/v1/organisations… and the open-data exports (HSDS 3.0 JSON, CSV).
void install_api(web::App& app);

}  // namespace syn::registry
