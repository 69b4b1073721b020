#pragma once
// Who sent a request. Behind nginx every connection comes from nginx, which names the client in
// X-Real-IP; the program believes that header only on a connection from the configured proxy
// address (config trusted_proxy), so a client talking to the program directly, or through
// anything else, cannot pick the address its rate limits and audit entries are counted under.
#include <string>

#include "platform/config/config.hpp"
#include "platform/http/message.hpp"

namespace syn::web {

std::string client_address(const config::Config& cfg, const http::Request& req);

}  // namespace syn::web
