// The municipality's logo: uploaded by its administrator, kept in the blob store, and served
// from the site itself, because the Content-Security-Policy loads no image from another host.
#include <nlohmann/json.hpp>

#include "modules/settings/service.hpp"
#include "modules/settings/store.hpp"
#include "platform/audit/audit.hpp"
#include "platform/files/blob_store.hpp"
#include "platform/files/image.hpp"
#include "platform/web/tenant.hpp"

namespace syn::settings {

namespace {

constexpr const char* kPermission = "tenant.configure";

[[noreturn]] void refuse(const web::Scope& scope, const char* msgid) {
    html::Errors e(scope.tr);
    e.add("logo", scope.tr(msgid));
    throw web::Invalid(std::move(e));
}

void write_logo(const web::Scope& scope, const std::string& sha256, const nlohmann::json& details) {
    scope.db.transact([&](soci::session& s) {
        web::set_tenant_logo(s, scope.tenant.id, sha256);
        audit::append(s, {scope.tenant.id, scope.principal.user_id, sha256.empty() ? "tenant.logo_removed" : "tenant.logo_set",
                          "municipality:" + std::to_string(scope.tenant.id), details.dump()});
    });
}

}  // namespace

void set_logo(const web::Scope& scope, const http::Part& file) {
    scope.require(kPermission);
    if (!file.filename || file.filename->empty() || file.data.empty()) refuse(scope, N_("Choose an image to upload"));
    if (file.data.size() > files::kMaxLogoBytes) refuse(scope, N_("The logo must be 2 MB or smaller"));
    const auto check = files::check_image(file.data);
    if (check.unsafe_svg)
        refuse(scope, N_("This SVG file contains a script, or loads something from another site, so it cannot be shown on every page. Save it again as a plain drawing, or upload a PNG."));
    if (!check.mime) refuse(scope, N_("The logo must be a PNG, JPEG or SVG image. This file is of another type, whatever its name says."));
    // The old logo's bytes stay in the store: they are small, and other rows may share them.
    const auto blob = files::BlobStore(scope.cfg.files_dir).put(file.data);
    write_logo(scope, blob.sha256, {{"mime", *check.mime}, {"size", file.data.size()}, {"sha256", blob.sha256}});
}

void remove_logo(const web::Scope& scope) {
    scope.require(kPermission);
    write_logo(scope, "", nlohmann::json::object());
}

std::optional<Image> logo(const web::Scope& scope, const std::string& sha256) {
    if (!files::BlobStore::valid_hash(sha256)) return std::nullopt;
    // The logo this copy's pages name, or the one stored now (another copy may have changed it
    // since this one loaded its municipalities): either way only the municipality's own.
    if (scope.tenant.logo_url != "/logo/" + sha256 &&
        scope.db.read([&](soci::session& s) { return store::logo_sha256(s, scope.tenant.id); }) != sha256)
        return std::nullopt;
    auto bytes = files::BlobStore(scope.cfg.files_dir).get(sha256);
    if (!bytes) return std::nullopt;
    auto mime = files::stored_image_type(*bytes);
    return Image{std::move(mime), std::move(*bytes)};
}

}  // namespace syn::settings
