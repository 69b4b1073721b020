#pragma once
// What service.hpp does not say about invitations: why a link no longer works, so the page
// can tell the person (expired, used, withdrawn) instead of a bare "not found".
#include <string>

#include "platform/web/context.hpp"

namespace syn::registry {

enum class InvitationStatus { Unknown, Pending, Accepted, Revoked, Expired };
// Any logged-in account may ask; the token is the secret.
InvitationStatus invitation_status(web::Context& ctx, const std::string& token);

// Invitations are valid this long after they are sent.
inline constexpr long long kInvitationSeconds = 14LL * 24 * 3600;

}  // namespace syn::registry
