// An organisation's documents and logo: the list with downloads, the upload forms (multipart,
// checked by content in the service), deletion, and the download itself, which is sent as an
// attachment and never cached, since only members, staff and auditors may read it.
#include <fmt/format.h>

#include "modules/registry/pages/shared.hpp"
#include "modules/registry/service.hpp"
#include "platform/files/filename.hpp"
#include "platform/html/components.hpp"
#include "platform/html/fields.hpp"

namespace syn::registry::admin_pages {

namespace {

using html::Errors;
using html::Html;
using html::Writer;

std::string human_size(const i18n::Tr& tr, std::int64_t bytes) {
    if (bytes < 1024) return tr.tf("{} bytes", bytes);
    if (bytes < 1024 * 1024) return tr.tf("{} KB", i18n::format_number(tr, bytes / 1024.0, 0));
    return tr.tf("{} MB", i18n::format_number(tr, bytes / (1024.0 * 1024.0), 1));
}

Html documents_body(web::Context& ctx, const Organisation& o, const Errors& e, const std::string& kind_value) {
    auto& tr = ctx.tr;
    const auto a = access(ctx, o);
    const bool editor = (a.admin || a.staff) && o.state != State::Dissolved;
    const auto docs = documents(ctx, o.id);
    Writer w;
    w << html::error_summary(tr, e);
    if (docs.empty()) {
        w("<p>{}</p>", tr("No documents have been uploaded yet."));
    } else {
        html::Table t;
        t.caption = tr("Documents on file");
        t.head = {tr("Kind"), tr("File"), tr("Size"), tr("Uploaded")};
        if (editor) t.head.push_back(tr("Action"));
        t.numeric_columns = {2};
        for (const auto& d : docs) {
            std::vector<Html> row{
                html::text(tr(document_kind_label(d.kind))),
                html::link(ctx.url(fmt::format("/organisation-documents/{}/{}", o.id, d.id)), d.filename),
                html::text(human_size(tr, d.size)),
                html::text(i18n::format_datetime(tr, d.uploaded_at)),
            };
            if (editor)
                row.push_back(post_button(ctx, org_path(o.id, fmt::format("/documents/{}/delete", d.id)), tr("Delete"),
                                          d.filename, "warning"));
            t.rows.push_back(std::move(row));
        }
        w << html::table(t);
    }
    if (!editor) return w.take();

    w("<h2>{}</h2>", tr("Upload a document"));
    w << html::form_start(ctx.url(org_path(o.id, "/documents")), "post", true);
    w << html::csrf_input(ctx.csrf_token());
    std::vector<html::Option> kinds;
    for (const char* k : kDocumentKinds) kinds.push_back({k, tr(document_kind_label(k))});
    w << html::select({.name = "kind", .label = tr("Kind of document"), .value = kind_value}, kinds, e);
    w << html::file_input({.name = "file", .label = tr("File"), .hint = tr("PDF, JPEG or PNG, up to 20 MB")}, e,
                          ".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png");
    w << html::button(tr("Upload the document"));
    w << html::form_end();

    w("<h2>{}</h2>", tr("Logo"));
    w("<p>{}</p>", o.logo_sha256.empty() ? tr("The organisation has no logo yet.")
                                           : tr("The organisation has a logo. Uploading another replaces it."));
    w << html::form_start(ctx.url(org_path(o.id, "/logo")), "post", true);
    w << html::csrf_input(ctx.csrf_token());
    w << html::file_input({.name = "logo", .label = tr("Logo image"), .hint = tr("JPEG or PNG, up to 2 MB. The logo is always public.")}, e,
                          ".jpg,.jpeg,.png,image/jpeg,image/png");
    w << html::button(tr("Upload the logo"), "secondary");
    w << html::form_end();
    return w.take();
}

http::Response show(web::Context& ctx, std::int64_t id, const Errors& e, int status = 200,
                    const std::string& kind_value = "statute") {
    ctx.require_login();
    const auto o = load(ctx, id);
    return ctx.page(ctx.tr("Documents"), documents_body(ctx, o, e, kind_value), crumbs(ctx, &o, ctx.tr("Documents")), status);
}

// The file part named `name`, or an empty one (the service then asks for a file).
http::Part file_part(const web::Context& ctx, std::string_view name) {
    for (const auto& p : ctx.files)
        if (p.name == name) return p;
    return {};
}

}  // namespace

void install_document_pages(web::App& app) {
    app.get("/my/organisations/{id}/documents", [](web::Context& ctx) {
        return show(ctx, ctx.id_param(), Errors(ctx.tr));
    });
    app.post("/my/organisations/{id}/documents", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        const auto kind = ctx.form.value("kind");
        try {
            add_document(ctx, id, kind, file_part(ctx, "file"));
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, 422, kind);
        }
        return ctx.redirect(org_path(id, "/documents"), N_("The document has been uploaded."));
    }, {.body = web::Body::Upload});
    app.post("/my/organisations/{id}/documents/{doc}/delete", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        remove_document(ctx, id, ctx.id_param("doc"));
        return ctx.redirect(org_path(id, "/documents"), N_("The document has been deleted."));
    });
    app.post("/my/organisations/{id}/logo", [](web::Context& ctx) {
        ctx.require_login();
        const auto id = ctx.id_param();
        try {
            set_logo(ctx, id, file_part(ctx, "logo"));
        } catch (const web::Invalid& inv) {
            return show(ctx, id, inv.errors, 422);
        }
        return ctx.redirect(org_path(id, "/documents"), N_("The logo has been saved."));
    }, {.body = web::Body::Upload});
    app.get("/organisation-documents/{org}/{doc}", [](web::Context& ctx) {
        ctx.require_login();
        auto c = document_content(ctx, ctx.id_param("org"), ctx.id_param("doc"));
        http::Response r;
        r.status = 200;
        r.body = std::move(c.data);
        r.headers.set("Content-Type", c.document.mime);
        r.headers.set("Content-Disposition", files::content_disposition("attachment", c.document.filename));
        r.headers.set("Cache-Control", "private, no-store");
        r.headers.set("X-Content-Type-Options", "nosniff");
        return r;
    });
}

}  // namespace syn::registry::admin_pages
