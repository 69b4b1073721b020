#include "platform/http/router.hpp"

#include <stdexcept>

namespace syn::http {

namespace {

struct Segment {
    std::string_view text;
    std::size_t offset;  // where it starts in the path, for the catch-all's remainder
};

// "/a/b" -> a, b; "/" -> one empty segment; "/a/" -> a, "" (so a trailing slash is kept).
std::vector<Segment> split(std::string_view path) {
    std::vector<Segment> out;
    std::size_t pos = 1;
    while (true) {
        std::size_t slash = path.find('/', pos);
        if (slash == std::string_view::npos) {
            out.push_back({path.substr(pos), pos});
            return out;
        }
        out.push_back({path.substr(pos, slash - pos), pos});
        pos = slash + 1;
    }
}

bool valid_name(std::string_view n) {
    if (n.empty()) return false;
    for (std::size_t i = 0; i < n.size(); ++i) {
        char c = n[i];
        bool alpha = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        if (!alpha && !(i > 0 && c >= '0' && c <= '9')) return false;
    }
    return true;
}

[[noreturn]] void bad(const std::string& pattern, const char* why) {
    throw std::invalid_argument("route pattern \"" + pattern + "\": " + why);
}

enum class SegKind { Literal, Param, CatchAll };

struct PatternSeg {
    SegKind kind;
    std::string_view text;  // the literal, or the parameter's name
};

std::vector<PatternSeg> parse_pattern(const std::string& pattern) {
    if (pattern.empty() || pattern.front() != '/') bad(pattern, "must start with '/'");
    std::vector<Segment> segs = split(pattern);
    std::vector<PatternSeg> out;
    std::vector<std::string_view> names;
    for (std::size_t i = 0; i < segs.size(); ++i) {
        std::string_view s = segs[i].text;
        bool last = i + 1 == segs.size();
        if (s.starts_with('{')) {
            if (!s.ends_with('}') || s.size() < 2) bad(pattern, "unclosed '{'");
            std::string_view inner = s.substr(1, s.size() - 2);
            SegKind kind = SegKind::Param;
            if (inner.ends_with("...")) {
                if (!last) bad(pattern, "a {name...} catch-all must be the last segment");
                inner.remove_suffix(3);
                kind = SegKind::CatchAll;
            }
            if (!valid_name(inner)) bad(pattern, "parameter names are [A-Za-z_][A-Za-z0-9_]*");
            for (auto n : names)
                if (n == inner) bad(pattern, "repeated parameter name");
            names.push_back(inner);
            out.push_back({kind, inner});
        } else {
            if (s.find_first_of("{}") != std::string_view::npos) bad(pattern, "'{' or '}' inside a literal segment");
            if (s.empty() && !last) bad(pattern, "empty segment");
            out.push_back({SegKind::Literal, s});
        }
    }
    return out;
}

}  // namespace

std::optional<std::string_view> RouteMatch::param(std::string_view name) const {
    for (const auto& [k, v] : params)
        if (k == name) return std::string_view(v);
    return std::nullopt;
}

std::size_t Router::add(Method m, std::string pattern) {
    auto mi = static_cast<std::size_t>(m);
    if (mi >= kMethods) bad(pattern, "method must be a known one");
    std::vector<PatternSeg> segs = parse_pattern(pattern);

    // Find the slot first, so a rejected pattern leaves the trie as it was (bar empty nodes).
    Node* node = &root_;
    std::optional<std::size_t>* slot = nullptr;
    for (const auto& seg : segs) {
        switch (seg.kind) {
            case SegKind::Literal: {
                auto it = node->literals.find(seg.text);
                if (it == node->literals.end())
                    it = node->literals.emplace(std::string(seg.text), std::make_unique<Node>()).first;
                node = it->second.get();
                break;
            }
            case SegKind::Param:
                if (!node->param) node->param = std::make_unique<Node>();
                node = node->param.get();
                break;
            case SegKind::CatchAll:
                slot = &node->rest[mi];
                break;
        }
    }
    if (!slot) slot = &node->here[mi];
    if (*slot) bad(pattern, "duplicates an existing route for this method");

    Route route;
    for (const auto& seg : segs)
        if (seg.kind != SegKind::Literal) route.names.emplace_back(seg.text);
    route.pattern = std::move(pattern);
    std::size_t id = routes_.size();
    routes_.push_back(std::move(route));
    *slot = id;
    return id;
}

// A depth-first walk trying, at each segment, the literal child, then the parameter child,
// then a catch-all. The trie is a tree and each node is reached by consuming a fixed number
// of segments, so one walk visits each node at most once.
struct Router::Search {
    const std::vector<Segment>& segs;
    std::string_view path;
    std::vector<std::string_view> values;  // captured parameter values along the current branch

    // The route for method mi at `t`; HEAD falls back to GET at the same node, so the most
    // specific path still wins.
    static std::optional<std::size_t> pick(const Targets& t, std::size_t mi) {
        if (t[mi]) return t[mi];
        if (mi == static_cast<std::size_t>(Method::Head)) return t[static_cast<std::size_t>(Method::Get)];
        return std::nullopt;
    }

    std::optional<std::size_t> find(const Node& node, std::size_t i, std::size_t mi) {
        if (i == segs.size()) return pick(node.here, mi);
        if (auto it = node.literals.find(segs[i].text); it != node.literals.end())
            if (auto id = find(*it->second, i + 1, mi)) return id;
        if (node.param && !segs[i].text.empty()) {
            values.push_back(segs[i].text);
            if (auto id = find(*node.param, i + 1, mi)) return id;
            values.pop_back();
        }
        if (auto id = pick(node.rest, mi)) {
            values.push_back(path.substr(segs[i].offset));
            return id;
        }
        return std::nullopt;
    }

    // Every method with a route matching the path, for a 405's Allow header.
    void collect(const Node& node, std::size_t i, std::array<bool, kMethods>& methods) const {
        auto mark = [&](const Targets& t) {
            for (std::size_t k = 0; k < kMethods; ++k)
                if (t[k]) methods[k] = true;
        };
        if (i == segs.size()) {
            mark(node.here);
            return;
        }
        if (auto it = node.literals.find(segs[i].text); it != node.literals.end()) collect(*it->second, i + 1, methods);
        if (node.param && !segs[i].text.empty()) collect(*node.param, i + 1, methods);
        mark(node.rest);
    }
};

RouteMatch Router::match(Method m, std::string_view path) const {
    RouteMatch result;
    auto mi = static_cast<std::size_t>(m);
    if (path.empty() || path.front() != '/') return result;
    std::vector<Segment> segs = split(path);
    Search search{segs, path, {}};
    search.values.reserve(segs.size());

    if (mi < kMethods) {
        if (auto id = search.find(root_, 0, mi)) {
            const Route& route = routes_[*id];
            result.kind = RouteMatch::Found;
            result.route = *id;
            result.pattern = route.pattern;
            result.params.reserve(route.names.size());
            for (std::size_t k = 0; k < route.names.size(); ++k)
                result.params.emplace_back(route.names[k], std::string(search.values[k]));
            return result;
        }
    }

    std::array<bool, kMethods> methods{};
    search.collect(root_, 0, methods);
    if (methods[static_cast<std::size_t>(Method::Get)]) methods[static_cast<std::size_t>(Method::Head)] = true;
    for (std::size_t k = 0; k < kMethods; ++k)
        if (methods[k]) result.allowed.push_back(static_cast<Method>(k));
    if (!result.allowed.empty()) result.kind = RouteMatch::MethodNotAllowed;
    return result;
}

}  // namespace syn::http
