#include "platform/web/static_files.hpp"

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "platform/auth/crypto.hpp"
#include "platform/embed/embedded.hpp"

namespace syn::web {

std::string fingerprinted_name(std::string_view path, std::string_view data) {
    const auto hash = auth::sha256_hex(data).substr(0, 10);
    const auto dot = path.rfind('.');
    const auto slash = path.rfind('/');
    if (dot == std::string_view::npos || (slash != std::string_view::npos && dot < slash)) return std::string(path) + "." + hash;
    return std::string(path.substr(0, dot)) + "." + hash + std::string(path.substr(dot));
}

std::size_t write_static_files(const std::string& dir) {
    namespace fs = std::filesystem;
    std::size_t n = 0;
    for (const auto& f : embed::assets()) {
        for (const auto& name : {std::string(f.path), fingerprinted_name(f.path, f.data)}) {
            const fs::path target = fs::path(dir) / name;
            fs::create_directories(target.parent_path());
            std::ofstream out(target, std::ios::binary | std::ios::trunc);
            out.write(f.data.data(), static_cast<std::streamsize>(f.data.size()));
            if (!out) throw std::runtime_error("cannot write " + target.string());
            ++n;
        }
    }
    return n;
}

}  // namespace syn::web
