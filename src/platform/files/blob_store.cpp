#include "platform/files/blob_store.hpp"

#include "platform/auth/crypto.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <fstream>
#include <iterator>
#include <system_error>

namespace syn::files {

namespace fs = std::filesystem;

namespace {

[[noreturn]] void throw_errno(const std::string& what, const fs::path& p) {
    throw std::system_error(errno, std::generic_category(), what + " " + p.string());
}

// Closes the descriptor and unlinks the temporary file unless the blob was committed, so that
// every early exit — an exception from write, fsync or rename — cleans up after itself.
class TempFile {
public:
    explicit TempFile(fs::path path) : path_(std::move(path)) {
        // O_EXCL: never write through a file (or symlink) that someone else put there.
        fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
        if (fd_ < 0) throw_errno("cannot create", path_);
    }
    ~TempFile() {
        if (fd_ >= 0) ::close(fd_);
        if (!committed_) ::unlink(path_.c_str());
    }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;

    void write_all(std::string_view data) {
        const char* p = data.data();
        std::size_t left = data.size();
        while (left > 0) {
            ssize_t n = ::write(fd_, p, left);
            if (n < 0) {
                if (errno == EINTR) continue;
                throw_errno("cannot write", path_);
            }
            p += n;
            left -= static_cast<std::size_t>(n);
        }
    }

    // fsync before rename: otherwise a crash could leave the final name on empty content.
    void sync_and_close() {
        if (::fsync(fd_) != 0) throw_errno("cannot fsync", path_);
        int fd = fd_;
        fd_ = -1;
        if (::close(fd) != 0) throw_errno("cannot close", path_);
    }

    void commit_as(const fs::path& final_path) {
        if (::rename(path_.c_str(), final_path.c_str()) != 0) throw_errno("cannot rename to", final_path);
        committed_ = true;
    }

private:
    fs::path path_;
    int fd_ = -1;
    bool committed_ = false;
};

// Makes a rename or a new folder durable: the entry lives in the folder, not in the file.
void sync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) throw_errno("cannot open folder", dir);
    int rc = ::fsync(fd);
    int saved = errno;
    ::close(fd);
    errno = saved;
    if (rc != 0) throw_errno("cannot fsync folder", dir);
}

}  // namespace

BlobStore::BlobStore(fs::path root) : root_(std::move(root)) {}

bool BlobStore::valid_hash(std::string_view h) {
    if (h.size() != 64) return false;
    for (char c : h)
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
    return true;
}

fs::path BlobStore::path_for(const std::string& h) const {
    return root_ / h.substr(0, 2) / h.substr(2, 2) / h;
}

StoredBlob BlobStore::put(std::string_view data) {
    StoredBlob blob{auth::sha256_hex(data), data.size()};
    const fs::path final_path = path_for(blob.sha256);
    // Same name, same bytes: nothing to do. (A concurrent put of the same bytes may also
    // rename over it; both write identical content, so either result is right.)
    if (fs::is_regular_file(final_path)) return blob;

    const fs::path dir = final_path.parent_path();
    const bool new_dirs = fs::create_directories(dir);

    {
        // A leading dot and a random part: never taken for a blob, never clashing with another
        // writer of the same bytes.
        TempFile tmp(dir / ("." + blob.sha256 + ".tmp-" + auth::random_token()));
        tmp.write_all(data);
        tmp.sync_and_close();
        tmp.commit_as(final_path);
    }
    sync_dir(dir);
    if (new_dirs) {
        sync_dir(dir.parent_path());
        sync_dir(root_);
    }
    return blob;
}

std::optional<std::string> BlobStore::get(const std::string& h) const {
    if (!valid_hash(h)) return std::nullopt;
    std::ifstream in(path_for(h), std::ios::binary);
    if (!in) return std::nullopt;
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (in.bad()) throw std::system_error(EIO, std::generic_category(), "cannot read blob " + h);
    return bytes;
}

bool BlobStore::remove(const std::string& h) {
    if (!valid_hash(h)) return false;
    return fs::remove(path_for(h));
}

bool BlobStore::exists(const std::string& h) const {
    if (!valid_hash(h)) return false;
    std::error_code ec;
    return fs::is_regular_file(path_for(h), ec);
}

}  // namespace syn::files
