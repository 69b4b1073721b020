#include "modules/demomail/module.hpp"

#include "modules/demomail/store.hpp"
#include "platform/html/components.hpp"
#include "platform/html/linked_text.hpp"
#include "platform/i18n/i18n.hpp"

namespace syn::demomail {

namespace {

using html::Writer;

constexpr int kShown = 100;

// The mail's state in words: in the demo nothing is sent, so almost all of it is "waiting".
std::string status_words(const i18n::Tr& tr, const std::string& status) {
    if (status == "sent") return tr("Sent");
    if (status == "failed") return tr("Could not be sent");
    return tr("Not sent (demo)");
}

http::Response mailbox(web::Context& ctx) {
    auto& tr = ctx.tr;
    const auto letters = ctx.db.read([&](soci::session& s) { return store::newest(s, ctx.tenant.id, kShown); });
    Writer w;
    w("<p>{}</p>", tr("This demo has no mail server. Every message the platform would send is kept here instead, newest first, so you can open the links in it. A real installation has no such page."));
    if (letters.empty()) {
        w("<p>{}</p>", tr("No mail yet. Create an account or file a request, and its messages appear here."));
    } else {
        html::Table t{.caption = tr("Messages"), .head = {tr("Subject"), tr("To"), tr("Queued"), tr("State")}};
        for (const auto& l : letters) {
            Writer subject;
            subject("<a href=\"{}\">{}</a>", ctx.url("/demo/mail/" + std::to_string(l.id)), l.subject);
            t.rows.push_back({subject.take(), html::text(l.to), html::text(i18n::format_datetime(tr, l.created_at)),
                              html::text(status_words(tr, l.status))});
        }
        w << html::table(t);
    }
    return ctx.page(tr("Demo mailbox"), w.take(), {{tr("Demo mailbox"), ""}});
}

http::Response letter(web::Context& ctx) {
    auto& tr = ctx.tr;
    const auto id = ctx.id_param();
    const auto l = ctx.db.read([&](soci::session& s) { return store::by_id(s, ctx.tenant.id, id); });
    if (!l) throw web::NotFound();
    Writer w;
    w << html::summary_list({{tr("To"), html::text(l->to)},
                             {tr("Queued"), html::text(i18n::format_datetime(tr, l->created_at))},
                             {tr("State"), html::text(status_words(tr, l->status))}});
    w("<div class=\"plain-text\">{}</div>", html::linked_text(l->body));
    w("<p><a href=\"{}\">{}</a></p>", ctx.url("/demo/mail"), tr("Back to the demo mailbox"));
    return ctx.page(l->subject, w.take(), {{tr("Demo mailbox"), ctx.url("/demo/mail")}, {l->subject, ""}});
}

}  // namespace

void install(web::App& app) {
    if (!app.cfg().demo) return;
    app.nav({N_("Demo mailbox"), "/demo/mail", nullptr});
    app.get("/demo/mail", mailbox);
    app.get("/demo/mail/{id}", letter);
}

}  // namespace syn::demomail
