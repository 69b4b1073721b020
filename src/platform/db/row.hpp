#pragma once
// Reading soci::row values the same way on both backends: SQLite reports INTEGER columns as
// int and BIGINT as long long, PostgreSQL reports BIGINT as long long, and an expression
// column may come back as a string or a double. These helpers accept all of them.
#include <soci/soci.h>

#include <cstdint>
#include <optional>
#include <string>

namespace syn::db {

inline std::optional<std::int64_t> opt_int(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    switch (r.get_properties(i).get_data_type()) {
        case soci::dt_integer: return r.get<int>(i);
        case soci::dt_long_long: return r.get<long long>(i);
        case soci::dt_unsigned_long_long: return static_cast<std::int64_t>(r.get<unsigned long long>(i));
        case soci::dt_double: return static_cast<std::int64_t>(r.get<double>(i));
        case soci::dt_string: return std::stoll(r.get<std::string>(i));
        default: return std::nullopt;
    }
}

inline std::int64_t get_int(const soci::row& r, std::size_t i) { return opt_int(r, i).value_or(0); }

inline std::string get_text(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return {};
    if (r.get_properties(i).get_data_type() == soci::dt_string) return r.get<std::string>(i);
    if (auto v = opt_int(r, i)) return std::to_string(*v);
    return {};
}

inline std::optional<std::string> opt_text(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) == soci::i_null) return std::nullopt;
    return get_text(r, i);
}

}  // namespace syn::db
