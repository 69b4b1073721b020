#pragma once
// Pieces every module's JSON API (api.cpp) shares: ids from the path, the body as a JSON object,
// who may write, and validation failures as 422 problem+json (ARCHITECTURE rule 8).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>
#include <vector>

#include "platform/web/context.hpp"
#include "platform/web/problem.hpp"

namespace syn::web::api {


// [{"field": …, "message": …}] for a problem's "errors" member.
nlohmann::json errors_json(const std::vector<html::FieldError>& items);
// 422 problem+json titled title_msgid, listing the fields.
http::Response invalid(const Context& ctx, const char* title_msgid, const std::vector<html::FieldError>& items);

// Who may write: a log-in first (401), then — for a browser session — the CSRF token in the
// X-CSRF-Token header. The routes skip the pipeline's CSRF check only so that a visitor gets 401
// rather than "form expired"; a token request carries no ambient credential, so it needs none.
std::optional<http::Response> refuse_writer(Context& ctx);

// The request body as a JSON object, or the problem to answer with (415 for another content
// type, 400 for anything but an object). empty_is_object: an empty body reads as {}.
std::variant<nlohmann::json, http::Response> json_body(Context& ctx, bool empty_is_object = false);

// Runs a write, turning validation failures into 422 problem+json (the pipeline's own error
// handling covers 401, 403, 404 and 409).
template <class F>
http::Response guarded(Context& ctx, const char* title_msgid, F&& f) {
    try {
        return f();
    } catch (const Invalid& e) {
        return invalid(ctx, title_msgid, e.errors.items);
    }
}

}  // namespace syn::web::api
