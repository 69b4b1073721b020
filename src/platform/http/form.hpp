#pragma once
// application/x-www-form-urlencoded bodies. The grammar is the query string's
// (WHATWG URL "application/x-www-form-urlencoded parser"), so this forwards to parse_query;
// it exists so handlers say what they parse and so the two can diverge in one place.
#include <optional>
#include <string_view>

#include "platform/http/query.hpp"

namespace syn::http {

// Same rules and limits as parse_query. The body limit itself (1 MiB for forms) is the
// server's job; this only bounds the pairs inside it.
std::optional<Params> parse_form(std::string_view body, const ParamLimits& limits = {});

}  // namespace syn::http
