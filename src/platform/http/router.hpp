#pragma once
// Maps (method, path) to a route id with a segment trie: one step per path segment (a map
// lookup among that position's literals), so a match costs about the same with 10 routes or 1,000.
// Standard library only (plus Method from message.hpp), so the fuzz build can compile it alone.
#include <array>
#include <cstddef>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "platform/http/message.hpp"

namespace syn::http {

struct RouteMatch {
    enum Kind { Found, NotFound, MethodNotAllowed } kind = NotFound;
    std::size_t route = 0;                                    // the id returned by add()
    std::string_view pattern;                                 // e.g. "/users/{id}" (the metrics label); owned by the Router
    std::vector<std::pair<std::string, std::string>> params;  // decoded segment values, in pattern order
    std::vector<Method> allowed;                              // for 405's Allow header, in enum order
    std::optional<std::string_view> param(std::string_view name) const;
};

class Router {
public:
    // pattern: "/", "/a/b", "/users/{id}", "/static/{path...}". A {name} takes one non-empty
    // segment; a trailing {name...} takes the rest of the path, '/' included (possibly empty).
    // Literal segments win over parameters at the same position, parameters over a catch-all.
    // Ids count up from 0 in the order of add(). Throws std::invalid_argument on a bad pattern,
    // Method::Other, or a pattern that matches the same paths as one already added for m
    // (parameter names do not matter: "/u/{id}" and "/u/{uid}" collide).
    std::size_t add(Method m, std::string pattern);

    // path is already percent-decoded, without the query. HEAD matches GET routes unless a
    // HEAD route was added. A trailing '/' is significant ("/a/" != "/a"). When the path
    // matches only routes of other methods: MethodNotAllowed, with their methods in allowed.
    RouteMatch match(Method m, std::string_view path) const;

private:
    static constexpr std::size_t kMethods = static_cast<std::size_t>(Method::Other);
    using Targets = std::array<std::optional<std::size_t>, kMethods>;  // route id per method

    struct Node {
        std::map<std::string, std::unique_ptr<Node>, std::less<>> literals;
        std::unique_ptr<Node> param;  // the child for a {name} segment
        Targets here;                 // routes ending at this node
        Targets rest;                 // routes with a {name...} catch-all after this node
    };
    struct Route {
        std::string pattern;
        std::vector<std::string> names;  // parameter names, in order; a catch-all last
    };

    struct Search;  // one match() call's state; defined in router.cpp

    Node root_;
    std::deque<Route> routes_;  // a deque, so `pattern` views stay valid as routes are added
};

}  // namespace syn::http
