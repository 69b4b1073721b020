#pragma once
// The requests module's route groups, one per audience, each in its own file; module.cpp
// installs them.
#include "platform/web/app.hpp"

namespace syn::requests {

// pages/lists.cpp: /requests (public list), /requests/new, /requests/{id} (+ /support,
// /unsupport, /reopen, /rating, /attachments/{aid}), /my/requests, /requests/statistics.
void install_public_pages(web::App& app);
// pages/queue.cpp: /admin/requests (queue, filters, bulk assign), /admin/requests/export.csv,
// /admin/requests/{id} (+ /transition, /reply, /merge).
void install_staff_pages(web::App& app);
// pages/config.cpp: /admin/requests/departments…, /admin/requests/types…, /admin/requests/api-keys…
void install_config_pages(web::App& app);
// pages/notifications.cpp: /notifications (+ /notifications/read, /notifications/{id}/read).
void install_notification_pages(web::App& app);
// open311/api.cpp: /open311/v2/… (GeoReport v2, .json and .xml).
void install_open311(web::App& app);
// api.cpp: /api/v1/requests…, /api/v1/request-types, /api/v1/requests/statistics, /api/v1/notifications.
void install_api(web::App& app);

}  // namespace syn::requests
