#pragma once
// Files compiled into the binary by cmake/embed.cmake: migrations, message catalogs, static
// assets. Embedding keeps one self-contained binary whose migration checksums cannot drift
// from what was built.
#include <span>
#include <string_view>

namespace syn::embed {

struct File {
    std::string_view path;  // relative to the embedded folder, '/'-separated
    std::string_view data;
};

std::span<const File> migrations();  // db/migrations/*.sql
std::span<const File> catalogs();    // <lang>/LC_MESSAGES/synergeia.mo
std::span<const File> assets();      // web/static/**

}  // namespace syn::embed
