// libFuzzer target: the router. Inputs match paths against a fixed route table, or (first
// byte >= 0x80) add fuzzed patterns first. Checks: a Found match rebuilds the exact path
// from its pattern and parameters; a 405 lists only methods that do match; a 404 has no
// method that matches.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "platform/http/router.hpp"

using namespace syn::http;

namespace {

void check(bool ok) {
    if (!ok) __builtin_trap();
}

constexpr Method kMethods[] = {Method::Get,   Method::Head,    Method::Post,  Method::Put,
                               Method::Patch, Method::Delete,  Method::Options, Method::Other};

Router fixed_router() {
    Router r;
    for (const char* p : {"/", "/about", "/users", "/users/", "/users/new", "/users/{id}", "/users/{id}/edit",
                          "/users/{id}/posts/{post}", "/users/new/list", "/static/{path...}", "/files/{owner}/{path...}",
                          "/a/b/c", "/a/{x}/c", "/a/{x}/{y}", "/{lang}/news", "/el/{page...}"})
        r.add(Method::Get, p);
    r.add(Method::Post, "/users");
    r.add(Method::Post, "/users/{id}");
    r.add(Method::Delete, "/users/{id}");
    r.add(Method::Put, "/files/{owner}/{path...}");
    r.add(Method::Head, "/a/{x}/c");
    r.add(Method::Options, "/{any...}");
    return r;
}

// The path a Found match must have come from: the pattern with its parameters filled in.
std::string rebuild(std::string_view pattern, const RouteMatch& m) {
    std::string out;
    std::size_t k = 0;
    for (std::size_t i = 0; i < pattern.size(); ++i) {
        if (pattern[i] != '{') {
            out += pattern[i];
            continue;
        }
        std::size_t close = pattern.find('}', i);
        check(close != std::string_view::npos && k < m.params.size());
        std::string_view name = pattern.substr(i + 1, close - i - 1);
        bool rest = name.ends_with("...");
        if (rest) name.remove_suffix(3);
        check(m.params[k].first == name);
        if (!rest) check(!m.params[k].second.empty() && m.params[k].second.find('/') == std::string::npos);
        out += m.params[k].second;
        ++k;
        i = close;
    }
    check(k == m.params.size());
    return out;
}

void check_match(const Router& r, Method method, std::string_view path) {
    RouteMatch m = r.match(method, path);
    switch (m.kind) {
        case RouteMatch::Found:
            check(m.allowed.empty());
            check(rebuild(m.pattern, m) == path);
            break;
        case RouteMatch::MethodNotAllowed:
            check(!m.allowed.empty());
            for (Method a : m.allowed) {
                check(a != method && a != Method::Other);
                check(r.match(a, path).kind == RouteMatch::Found);
            }
            break;
        case RouteMatch::NotFound:
            check(m.allowed.empty());
            for (Method a : kMethods) check(r.match(a, path).kind == RouteMatch::NotFound);
            break;
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) return 0;
    Method method = kMethods[data[0] % 8];
    std::string_view input(reinterpret_cast<const char*>(data + 1), size - 1);

    if (data[0] < 0x80) {
        static const Router router = fixed_router();
        check_match(router, method, input);
        return 0;
    }

    // Lines: up to 16 "<method byte><pattern>" to add, then paths to match.
    Router r;
    std::size_t added = 0, lines = 0;
    std::size_t pos = 0;
    while (pos <= input.size()) {
        std::size_t nl = input.find('\n', pos);
        if (nl == std::string_view::npos) nl = input.size();
        std::string_view line = input.substr(pos, nl - pos);
        pos = nl + 1;
        if (lines++ < 16) {
            if (line.empty()) continue;
            try {
                std::size_t id = r.add(kMethods[static_cast<unsigned char>(line[0]) % 8], std::string(line.substr(1)));
                check(id == added);
                ++added;
            } catch (const std::invalid_argument&) {
            }
        } else {
            check_match(r, method, line);
        }
    }
    return 0;
}
