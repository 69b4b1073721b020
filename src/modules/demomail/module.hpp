#pragma once
#include "platform/web/app.hpp"

namespace syn::demomail {
// The demo mailbox: in demo mode only (SYNERGEIA_DEMO=1), /demo/mail lists the mail the
// platform queued for the municipality, as letter_opener or MailHog would, because `make run`
// has no mail server and people still need the links in their messages. Outside demo mode
// the routes do not exist.
void install(web::App& app);
}  // namespace syn::demomail
