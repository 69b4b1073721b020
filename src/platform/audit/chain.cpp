#include "platform/audit/chain.hpp"

#include "platform/db/checksum.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace syn::audit::chain {
namespace {

nlohmann::json nullable(const std::optional<std::int64_t>& v) {
    return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}

}  // namespace

std::string canonical(const Record& r) {
    const nlohmann::json a = nlohmann::json::array({1, r.id, r.at, nullable(r.municipality_id),
                                                    nullable(r.actor_user_id), r.action, r.subject, r.details_json});
    // strict: two different invalid byte strings must not serialise alike; throws on invalid UTF-8.
    return a.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
}

std::string hash(const Record& r) {
    return db::sha256_hex(r.prev_hash + canonical(r));
}

std::string normalise_details(std::string_view details_json) {
    nlohmann::json j;
    try {
        j = nlohmann::json::parse(details_json);
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument("audit details_json is not valid JSON");
    }
    if (!j.is_object()) throw std::invalid_argument("audit details_json must be a JSON object");
    try {
        return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument("audit details_json is not valid UTF-8");
    }
}

}  // namespace syn::audit::chain
