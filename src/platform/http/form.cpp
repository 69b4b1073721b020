#include "platform/http/form.hpp"

namespace syn::http {

std::optional<Params> parse_form(std::string_view body, const ParamLimits& limits) {
    return parse_query(body, limits);
}

}  // namespace syn::http
