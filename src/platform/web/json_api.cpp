#include "platform/web/json_api.hpp"

#include <charconv>

#include "platform/auth/crypto.hpp"

namespace syn::web::api {

using nlohmann::json;

json errors_json(const std::vector<html::FieldError>& items) {
    json errs = json::array();
    for (const auto& e : items) errs.push_back({{"field", e.field}, {"message", e.message}});
    return errs;
}

http::Response invalid(const Context& ctx, const char* title_msgid, const std::vector<html::FieldError>& items) {
    return problem(422, ctx.tr(title_msgid), ctx.tr("Some fields are not valid; see errors."), {{"errors", errors_json(items)}});
}

std::optional<http::Response> refuse_writer(Context& ctx) {
    ctx.require_login();
    if (ctx.via_api_token) return std::nullopt;
    const auto sent = ctx.req.headers.get("X-CSRF-Token");
    if (ctx.session && sent && auth::constant_time_equals(*sent, ctx.session->csrf_token)) return std::nullopt;
    return problem(403, ctx.tr("Your form has expired"),
                   ctx.tr("Send the session's CSRF token in the X-CSRF-Token header, or use a personal API token."));
}

std::variant<json, http::Response> json_body(Context& ctx, bool empty_is_object) {
    if (empty_is_object && ctx.req.body.empty()) return json::object();
    const auto ct = std::string(ctx.req.headers.get("Content-Type").value_or(""));
    if (!ct.starts_with("application/json"))
        return problem(415, ctx.tr("Unsupported media type"), ctx.tr("Send the body as application/json."));
    auto body = json::parse(ctx.req.body, nullptr, false);
    if (body.is_discarded() || !body.is_object()) return problem(400, ctx.tr("Bad request"), ctx.tr("The body is not a valid JSON object."));
    return body;
}

}  // namespace syn::web::api
