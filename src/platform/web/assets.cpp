#include "platform/web/assets.hpp"

#include "platform/auth/crypto.hpp"
#include "platform/embed/embedded.hpp"
#include "platform/web/static_files.hpp"

namespace syn::web {

std::string_view content_type_for(std::string_view p) {
    auto ends = [&](std::string_view s) { return p.size() >= s.size() && p.substr(p.size() - s.size()) == s; };
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".js") || ends(".mjs")) return "text/javascript; charset=utf-8";
    if (ends(".svg")) return "image/svg+xml";
    if (ends(".png")) return "image/png";
    if (ends(".jpg") || ends(".jpeg")) return "image/jpeg";
    if (ends(".ico")) return "image/x-icon";
    if (ends(".woff2")) return "font/woff2";
    if (ends(".json")) return "application/json";
    if (ends(".txt")) return "text/plain; charset=utf-8";
    return "application/octet-stream";
}

Assets::Assets() {
    for (const auto& f : embed::assets()) {
        std::string path(f.path);
        Asset a;
        a.data = f.data;
        a.etag = "\"" + auth::sha256_hex(f.data).substr(0, 10) + "\"";
        a.content_type = std::string(content_type_for(path));
        a.fingerprinted = fingerprinted_name(path, f.data);
        fingerprinted_to_path_[a.fingerprinted] = path;
        by_path_.emplace(std::move(path), std::move(a));
    }
}

std::string Assets::url(std::string_view path) const {
    auto it = by_path_.find(std::string(path));
    if (it == by_path_.end()) return "/static/" + std::string(path);
    return "/static/" + it->second.fingerprinted;
}

std::optional<http::Response> Assets::serve(std::string_view path, std::optional<std::string_view> inm) const {
    std::string key(path);
    bool immutable = false;
    if (auto f = fingerprinted_to_path_.find(key); f != fingerprinted_to_path_.end()) {
        key = f->second;
        immutable = true;
    }
    auto it = by_path_.find(key);
    if (it == by_path_.end()) return std::nullopt;
    const Asset& a = it->second;
    http::Response r;
    r.headers.set("ETag", a.etag);
    r.headers.set("Cache-Control", immutable ? "public, max-age=31536000, immutable" : "public, max-age=0, must-revalidate");
    if (inm && *inm == a.etag) {
        r.status = 304;
        return r;
    }
    r.headers.set("Content-Type", a.content_type);
    r.shared_body = a.data;  // embedded in the program: no copy per answer
    return r;
}

}  // namespace syn::web
