// The in-app list of notifications ("every user has an in-app list of notifications,
// with unread counts"): the logged-in person's notifications in this municipality, newest first,
// twenty a page. The header's "Notifications (n)" link leads here.
//
// An unread notification opens through a small POST form (no JavaScript needed): the POST marks
// it read and redirects to its page, so reading the thing is what clears the badge.
#include <charconv>

#include "modules/requests/pages.hpp"
#include "platform/html/components.hpp"
#include "platform/html/linked_text.hpp"
#include "platform/http/local_path.hpp"
#include "platform/notify/notify.hpp"
#include "platform/text/text.hpp"

namespace syn::requests {

namespace {

using html::Html;
using html::Writer;

constexpr std::size_t kPerPage = 20;

std::int64_t positive(std::string_view v) {
    std::int64_t x = 0;
    const auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || x <= 0) return 0;
    return x;
}

// A stored link is followed only when it is a path of this site.
bool followable(const std::string& link) { return !link.empty() && http::is_local_path(link); }

Html item(web::Context& ctx, const notify::Notification& n) {
    auto& tr = ctx.tr;
    const bool unread = !n.read_at;
    Writer w;
    w("<li class=\"org-list__item\">");
    if (unread) {
        // A heading may hold only phrasing content, so the form goes around it.
        w("<form method=\"post\" action=\"{}\">", ctx.url("/notifications/" + std::to_string(n.id) + "/read"));
        w << html::csrf_input(ctx.csrf_token());
        w("<h2 class=\"org-list__name\">");
        w << html::tag(tr("Unread"), "blue");
        w(" <button type=\"submit\" class=\"link-button\">{}</button></h2></form>", n.title);
    } else if (followable(n.link)) {
        w("<h2 class=\"org-list__name\"><a href=\"{}\">{}</a></h2>", ctx.url(n.link), n.title);
    } else {
        w("<h2 class=\"org-list__name\">{}</h2>", n.title);
    }
    // Bodies are plain text written for mail too: blank lines part paragraphs.
    for (std::size_t at = 0; at < n.body.size();) {
        auto end = n.body.find("\n\n", at);
        if (end == std::string::npos) end = n.body.size();
        const auto para = text::trim(std::string_view(n.body).substr(at, end - at));
        if (!para.empty()) w("<p class=\"org-list__title plain-text\">{}</p>", html::linked_text(para));
        at = end + 2;
    }
    w("<p class=\"org-list__facts secondary-text\">{}</p>", i18n::format_datetime(tr, n.created_at));
    w("</li>");
    return w.take();
}

http::Response list(web::Context& ctx) {
    ctx.require_login();
    auto& tr = ctx.tr;
    const auto before = positive(ctx.query.value("before"));
    const auto user = ctx.principal.user_id;
    auto [items, unread] = ctx.db.read([&](soci::session& s) {
        // One more than a page tells whether there is an older page.
        auto rows = notify::list(s, ctx.tenant.id, user, before, kPerPage + 1);
        return std::pair{std::move(rows), notify::unread_count(s, ctx.tenant.id, user)};
    });
    const bool more = items.size() > kPerPage;
    if (more) items.resize(kPerPage);

    Writer w;
    w("<p class=\"lead\">{}</p>", tr("What happened to your requests, to those you follow and to your organisations."));
    if (unread > 0) {
        w("<p>{}</p>", tr.tn("You have {} unread notification.", "You have {} unread notifications.", static_cast<long>(unread)));
        w << html::form_start(ctx.url("/notifications/read"));
        w << html::csrf_input(ctx.csrf_token());
        w << html::button(tr("Mark all as read"), "secondary");
        w << html::form_end();
    }
    if (items.empty()) {
        w("<p>{}</p>", before ? tr("There are no older notifications.") : tr("You have no notifications yet."));
    } else {
        w("<ul class=\"org-list\">");
        for (const auto& n : items) w << item(ctx, n);
        w("</ul>");
    }
    if (more || before) {
        w("<nav class=\"pagination\" aria-label=\"{}\">", tr("Pagination"));
        if (before) w("<a class=\"pagination__prev\" href=\"{}\">{}</a>", ctx.url("/notifications"), tr("Newest notifications"));
        if (more)
            w("<a class=\"pagination__next\" href=\"{}\" rel=\"next\">{}</a>",
              ctx.url("/notifications?before=" + std::to_string(items.back().id)), tr("Older notifications"));
        w("</nav>");
    }
    return ctx.page(tr("Notifications"), w.take(), {{tr("Notifications"), ""}});
}

http::Response mark_all(web::Context& ctx) {
    ctx.require_login();
    ctx.db.transact([&](soci::session& s) { notify::mark_all_read(s, ctx.tenant.id, ctx.principal.user_id); });
    return ctx.redirect("/notifications", N_("All notifications are marked as read."));
}

http::Response open_one(web::Context& ctx) {
    ctx.require_login();
    const auto id = positive(ctx.param("id"));
    if (id == 0) throw web::NotFound();
    std::optional<std::string> link;
    ctx.db.transact([&](soci::session& s) {
        if (!notify::mark_read(s, ctx.tenant.id, ctx.principal.user_id, id)) return;  // not theirs: unknown
        // Read back only this one: list() from id + 1 gives it first, if it is the user's.
        auto rows = notify::list(s, ctx.tenant.id, ctx.principal.user_id, id + 1, 1);
        if (!rows.empty() && rows.front().id == id) link = rows.front().link;
    });
    if (!link) throw web::NotFound();
    if (!followable(*link)) return ctx.redirect("/notifications");
    return ctx.redirect(*link);
}

}  // namespace

void install_notification_pages(web::App& app) {
    app.get("/notifications", list);
    app.post("/notifications/read", mark_all);
    app.post("/notifications/{id}/read", open_one);
}

}  // namespace syn::requests
