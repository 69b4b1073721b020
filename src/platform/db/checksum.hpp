#pragma once
// SHA-256 as lowercase hex, for migration checksums and the audit hash chain.
#include <string>
#include <string_view>

namespace syn::db {

std::string sha256_hex(std::string_view data);

}  // namespace syn::db
