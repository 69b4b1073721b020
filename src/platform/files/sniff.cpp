#include "platform/files/sniff.hpp"

#include <magic.h>

#include <array>
#include <stdexcept>

namespace syn::files {

namespace {

// A libmagic handle must not be shared between threads, so each thread that sniffs loads its
// own (about a millisecond, once) and keeps it until the thread ends.
class MagicHandle {
public:
    MagicHandle() {
        // MAGIC_NO_CHECK_COMPRESS: do not decompress inside the upload to look at what it holds;
        // a compressed file is refused as what it is, and no decompressor runs on hostile input.
        cookie_ = magic_open(MAGIC_MIME_TYPE | MAGIC_NO_CHECK_COMPRESS);
        if (!cookie_) throw std::runtime_error("libmagic: magic_open failed (out of memory?)");
        // nullptr: the system database, /usr/lib/file/magic.mgc from Debian's libmagic-mgc.
        if (magic_load(cookie_, nullptr) != 0) {
            const char* why = magic_error(cookie_);
            std::string msg = std::string("libmagic: cannot load the magic database (install libmagic-mgc): ") +
                              (why ? why : "unknown error");
            magic_close(cookie_);
            throw std::runtime_error(msg);
        }
    }
    ~MagicHandle() { magic_close(cookie_); }
    MagicHandle(const MagicHandle&) = delete;
    MagicHandle& operator=(const MagicHandle&) = delete;

    std::string mime(std::string_view data) {
        // An empty string_view may carry a null pointer, which libmagic does not expect.
        const char* p = data.empty() ? "" : data.data();
        const char* type = magic_buffer(cookie_, p, data.size());
        if (!type) {
            const char* why = magic_error(cookie_);
            throw std::runtime_error(std::string("libmagic: cannot classify the data: ") + (why ? why : "unknown error"));
        }
        return type;
    }

private:
    magic_t cookie_ = nullptr;
};

}  // namespace

std::string sniff_mime(std::string_view data) {
    thread_local MagicHandle handle;
    return handle.mime(data);
}

std::optional<std::string> accepted_document_type(std::string_view data) {
    // Both must agree: libmagic's verdict and the format's signature at byte 0. libmagic finds
    // "%PDF-" anywhere in the first kilobyte, so "<html><script>…\n%PDF-1.4" would pass as a PDF
    // on its word alone; real PDFs, JPEGs and PNGs all start with their signature.
    struct Kind { std::string_view mime, signature; };
    static constexpr std::array<Kind, 3> kAccepted{{
        {"application/pdf", "%PDF-"},
        {"image/jpeg", "\xFF\xD8\xFF"},
        {"image/png", "\x89PNG\r\n\x1A\n"},
    }};
    std::string type = sniff_mime(data);
    for (const Kind& k : kAccepted)
        if (type == k.mime && data.substr(0, k.signature.size()) == k.signature) return type;
    return std::nullopt;
}

}  // namespace syn::files
