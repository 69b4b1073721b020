#pragma once
// Uploaded files on disk, named by the SHA-256 of their bytes: the database keeps the hash,
// the disk keeps the bytes. The root lies outside any web root, so a file is only ever sent
// by a handler that has checked who may see it.
//
//   root/ab/cd/abcd…(64 hex)
//
// Writes are atomic: a temporary file in the target folder, fsync, rename. A crash or an error
// leaves either the whole blob or nothing. Storing the same bytes twice stores them once.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace syn::files {

struct StoredBlob {
    std::string sha256;  // 64 lower-case hex digits
    std::uint64_t size = 0;
};

class BlobStore {
public:
    explicit BlobStore(std::filesystem::path root);

    // Stores the bytes (if not stored already) and returns their hash. Throws
    // std::system_error / std::filesystem::filesystem_error when the disk refuses; then no
    // file, temporary or final, is left behind.
    StoredBlob put(std::string_view data);

    // The bytes, or nullopt when there is no such blob or the hash is not 64 lower-case hex
    // digits (so no caller-supplied string ever becomes a path).
    std::optional<std::string> get(const std::string& sha256) const;
    // true when a blob was removed. Blobs are shared by content: the caller removes one only
    // when no row refers to that hash any more.
    bool remove(const std::string& sha256);
    bool exists(const std::string& sha256) const;

    const std::filesystem::path& root() const { return root_; }

    // 64 lower-case hex digits.
    static bool valid_hash(std::string_view sha256);

private:
    std::filesystem::path path_for(const std::string& sha256) const;
    std::filesystem::path root_;
};

}  // namespace syn::files
