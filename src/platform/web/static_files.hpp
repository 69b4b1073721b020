#pragma once
// The embedded static assets as files, for a web server in front of the program (nginx serves
// /static/ from disk): each under its plain name and its fingerprinted one, exactly the names
// Assets serves.
#include <cstddef>
#include <string>
#include <string_view>

namespace syn::web {

// "css/app.3f2a1b9c17.css" for "css/app.css" with these bytes.
std::string fingerprinted_name(std::string_view path, std::string_view data);

// Writes every asset under `dir` (created); returns how many files were written.
std::size_t write_static_files(const std::string& dir);

}  // namespace syn::web
