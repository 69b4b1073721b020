// platform/files: content sniffing with the real libmagic database, the blob store on a real
// temporary folder, and the names sent back to browsers.
#include "platform/files/blob_store.hpp"
#include "platform/files/filename.hpp"
#include "platform/files/sniff.hpp"

#include <gtest/gtest.h>
#include <sodium.h>
#include <sys/resource.h>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

using namespace syn::files;
namespace fs = std::filesystem;

namespace {

using namespace std::string_literals;

// A complete one-page PDF, with a correct cross-reference table.
const std::string kPdf =
    "%PDF-1.4\n"
    "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 72 72] >>\nendobj\n"
    "xref\n0 4\n0000000000 65535 f \n0000000009 00000 n \n0000000058 00000 n \n0000000115 00000 n \n"
    "trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n184\n%%EOF\n";

// A 1×1 transparent PNG (signature, IHDR, IDAT, IEND with their CRCs).
const std::string kPng =
    "\x89PNG\r\n\x1a\n"
    "\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
    "\x00\x00\x00\x0bIDAT\x78\x9c\x63\x60\x00\x02\x00\x00\x05\x00\x01\x7a\x5e\xab\x3f"
    "\x00\x00\x00\x00IEND\xae\x42\x60\x82"s;

// A 1×1 baseline JFIF JPEG that browsers decode (287 bytes).
const char* const kJpegBase64 =
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1x"
    "eXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAAR"
    "CAABAAEDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAA"
    "BQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCdAHrB/9k=";

std::string jpeg() {
    std::string out(512, '\0');
    std::size_t len = 0;
    const std::string b64 = kJpegBase64;
    if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), b64.data(), b64.size(), nullptr,
                          &len, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0)
        throw std::runtime_error("bad test JPEG");
    out.resize(len);
    return out;
}

// The start of a Windows program: DOS header pointing at a PE header, the DOS stub, and the
// COFF and optional headers of an x86-64 executable.
std::string windows_pe() {
    std::string b(0x200, '\0');
    b[0] = 'M'; b[1] = 'Z';
    b[0x3c] = '\x80';  // e_lfanew: the PE header is at 0x80
    const std::string stub = "\x0e\x1f\xba\x0e\x00\xb4\x09\xcd\x21\xb8\x01\x4c\xcd\x21"s
                             "This program cannot be run in DOS mode.\r\r\n$";
    b.replace(0x40, stub.size(), stub);
    const std::string pe = "PE\0\0"s
                           "\x64\x86"           // machine: AMD64
                           "\x01\x00"           // one section
                           "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00"
                           "\xf0\x00"           // size of optional header
                           "\x22\x00"           // characteristics: executable, large-address aware
                           "\x0b\x02"s;         // optional header magic: PE32+
    b.replace(0x80, pe.size(), pe);
    return b;
}

class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "syn-files-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::system_error(errno, std::generic_category(), "mkdtemp");
        path_ = tmpl;
    }
    ~TempDir() { std::error_code ec; fs::remove_all(path_, ec); }
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

std::vector<fs::path> all_files(const fs::path& root) {
    std::vector<fs::path> out;
    if (!fs::exists(root)) return out;
    for (const auto& e : fs::recursive_directory_iterator(root))
        if (!e.is_directory()) out.push_back(e.path());
    return out;
}

}  // namespace

// ---------------------------------------------------------------- sniffing

TEST(FilesSniff, AcceptsPdfPngAndJpegByTheirBytes) {
    EXPECT_EQ(accepted_document_type(kPdf), "application/pdf");
    EXPECT_EQ(accepted_document_type(kPng), "image/png");
    EXPECT_EQ(accepted_document_type(jpeg()), "image/jpeg");
}

TEST(FilesSniff, RefusesAWindowsProgramWhateverItIsCalled) {
    const std::string exe = windows_pe();
    EXPECT_NE(sniff_mime(exe), "application/pdf");
    EXPECT_EQ(accepted_document_type(exe), std::nullopt) << sniff_mime(exe);
    // A PDF signature further in does not make it a PDF.
    EXPECT_EQ(accepted_document_type(exe + kPdf), std::nullopt);
}

TEST(FilesSniff, RefusesAPageThatCarriesAPdfInside) {
    // libmagic alone calls this a PDF (it looks for "%PDF-" in the first kilobyte); a browser
    // that guessed would run the script.
    const std::string polyglot = "<html><script>alert(1)</script>\n" + kPdf;
    EXPECT_EQ(sniff_mime(polyglot), "application/pdf");
    EXPECT_EQ(accepted_document_type(polyglot), std::nullopt);
    EXPECT_EQ(accepted_document_type("\xEF\xBB\xBF" + kPdf), std::nullopt);
}

TEST(FilesSniff, RefusesTextHtmlAndNothing) {
    EXPECT_EQ(sniff_mime("Hello, this is just some text.\n"), "text/plain");
    EXPECT_EQ(accepted_document_type("Hello, this is just some text.\n"), std::nullopt);
    EXPECT_EQ(accepted_document_type("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>\n"),
              std::nullopt);
    EXPECT_EQ(accepted_document_type(""), std::nullopt);
    // An image, but not one of the three kinds we keep.
    EXPECT_EQ(accepted_document_type("GIF89a\x01\x00\x01\x00"), std::nullopt);
}

TEST(FilesSniff, WorksOnEveryThreadWithItsOwnHandle) {
    std::vector<std::string> seen(4);
    std::vector<std::thread> threads;
    for (std::size_t i = 0; i < seen.size(); ++i)
        threads.emplace_back([&, i] { seen[i] = sniff_mime(i % 2 ? kPng : kPdf); });
    for (auto& t : threads) t.join();
    EXPECT_EQ(seen[0], "application/pdf");
    EXPECT_EQ(seen[1], "image/png");
    EXPECT_EQ(seen[2], "application/pdf");
    EXPECT_EQ(seen[3], "image/png");
}

TEST(FilesSniff, MaxDocumentSizeIsTwentyMebibytes) {
    EXPECT_EQ(kMaxDocumentBytes, 20u * 1024 * 1024);
}

// ---------------------------------------------------------------- blob store

TEST(FilesBlobStore, StoresByHashAndReadsBack) {
    TempDir dir;
    BlobStore store(dir.path() / "files");
    StoredBlob b = store.put(kPdf);
    EXPECT_TRUE(BlobStore::valid_hash(b.sha256));
    EXPECT_EQ(b.size, kPdf.size());
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "files" / b.sha256.substr(0, 2) / b.sha256.substr(2, 2) / b.sha256));
    EXPECT_TRUE(store.exists(b.sha256));
    EXPECT_EQ(store.get(b.sha256), kPdf);

    // Binary bytes, including NULs, come back unchanged.
    StoredBlob png = store.put(kPng);
    EXPECT_EQ(store.get(png.sha256), kPng);
    // The well-known hash of no bytes.
    EXPECT_EQ(store.put("").sha256, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    EXPECT_EQ(store.get("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"), "");
}

TEST(FilesBlobStore, SameBytesTwiceAreStoredOnce) {
    TempDir dir;
    BlobStore store(dir.path());
    StoredBlob a = store.put(kPng);
    StoredBlob b = store.put(kPng);
    EXPECT_EQ(a.sha256, b.sha256);
    EXPECT_EQ(a.size, b.size);
    EXPECT_EQ(all_files(dir.path()).size(), 1u);
}

TEST(FilesBlobStore, RefusesAnythingButAHashAsAName) {
    TempDir dir;
    BlobStore store(dir.path() / "files");
    StoredBlob b = store.put(kPdf);
    // A secret next to the store that a traversal would reach.
    std::ofstream(dir.path() / "secret") << "secret";

    std::string upper = b.sha256;
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (const std::string& bad : {std::string(), b.sha256.substr(1), b.sha256 + "0", upper, std::string("../secret"),
                                   std::string("../../secret"), std::string(64, '.'), std::string(62, 'a') + "/.",
                                   std::string(63, 'a') + 'g'}) {
        EXPECT_EQ(store.get(bad), std::nullopt) << bad;
        EXPECT_FALSE(store.exists(bad)) << bad;
        EXPECT_FALSE(store.remove(bad)) << bad;
    }
    EXPECT_EQ(store.get(std::string(64, 'a')), std::nullopt);  // well-formed, but not stored
    EXPECT_TRUE(fs::exists(dir.path() / "secret"));
}

TEST(FilesBlobStore, RemovesABlob) {
    TempDir dir;
    BlobStore store(dir.path());
    StoredBlob b = store.put(kPng);
    EXPECT_TRUE(store.remove(b.sha256));
    EXPECT_FALSE(store.exists(b.sha256));
    EXPECT_EQ(store.get(b.sha256), std::nullopt);
    EXPECT_FALSE(store.remove(b.sha256));
}

TEST(FilesBlobStore, AFileWhereAFolderShouldBeFailsAndLeavesNothing) {
    TempDir dir;
    {
        std::ofstream(dir.path() / "files") << "not a folder";
        BlobStore store(dir.path() / "files");
        EXPECT_THROW(store.put(kPdf), std::system_error);
    }
    {
        // The first level of the hash is taken by a file.
        const fs::path root = dir.path() / "store";
        BlobStore store(root);
        const std::string sha = store.put(kPng).sha256;
        ASSERT_TRUE(store.remove(sha));
        fs::remove_all(root / sha.substr(0, 2));
        std::ofstream(root / sha.substr(0, 2)) << "in the way";
        EXPECT_THROW(store.put(kPng), std::system_error);
        EXPECT_FALSE(store.exists(sha));
        EXPECT_EQ(all_files(root).size(), 1u);  // only the file in the way
    }
}

TEST(FilesBlobStore, AWriteThatFailsHalfwayLeavesNoTemporaryFile) {
    // The kernel refuses to grow a file past RLIMIT_FSIZE (even for root) with EFBIG once
    // SIGXFSZ is ignored: a real short write in the middle of put().
    TempDir dir;
    BlobStore store(dir.path());
    const std::string big(64 * 1024, 'x');

    auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    ASSERT_EQ(::getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit small = old;
    small.rlim_cur = 4096;
    ASSERT_EQ(::setrlimit(RLIMIT_FSIZE, &small), 0);
    bool threw = false;
    try {
        store.put(big);
    } catch (const std::system_error& e) {
        threw = true;
        EXPECT_EQ(e.code().value(), EFBIG) << e.what();
    }
    ::setrlimit(RLIMIT_FSIZE, &old);
    std::signal(SIGXFSZ, old_handler);

    EXPECT_TRUE(threw);
    EXPECT_TRUE(all_files(dir.path()).empty());
    // And the same bytes store fine once the disk lets them.
    StoredBlob b = store.put(big);
    EXPECT_EQ(store.get(b.sha256), big);
    EXPECT_EQ(all_files(dir.path()).size(), 1u);
}

// ---------------------------------------------------------------- names

TEST(FilesNames, SafeFilenameKeepsOnlyTheLastComponent) {
    EXPECT_EQ(safe_filename("../../etc/passwd"), "passwd");
    EXPECT_EQ(safe_filename("C:\\x\\y.pdf"), "y.pdf");
    EXPECT_EQ(safe_filename("Καταστατικό 2024.pdf"), "Καταστατικό 2024.pdf");
    EXPECT_EQ(safe_filename("a/b\\c/..\\"), "document");
    EXPECT_EQ(safe_filename(""), "document");
    EXPECT_EQ(safe_filename(".."), "document");
    EXPECT_EQ(safe_filename("  "), "document");
}

TEST(FilesNames, SafeFilenameDropsControlsBidiAndBrokenUtf8) {
    EXPECT_EQ(safe_filename("re\nport\t\x01.pdf"), "report.pdf");
    EXPECT_EQ(safe_filename("in\u202Egpj.exe"), "ingpj.exe");
    EXPECT_EQ(safe_filename("a\xff\xc3(b.pdf"), "a(b.pdf");
    EXPECT_EQ(safe_filename("\x7f\xc2\x85"), "document");  // DEL and a C1 control only
}

TEST(FilesNames, SafeFilenameCutsLongNamesOnACharacterAndKeepsTheExtension) {
    std::string greek;
    for (int i = 0; i < 100; ++i) greek += "α";  // 200 bytes
    const std::string name = safe_filename(greek + ".pdf");
    EXPECT_LE(name.size(), 150u);
    EXPECT_EQ(name.substr(name.size() - 4), ".pdf");
    EXPECT_EQ(name, std::string(greek, 0, 146) + ".pdf");  // 73 whole letters, then ".pdf"

    const std::string odd = "x" + greek;  // the cut would fall inside a letter
    const std::string cut = safe_filename(odd);
    EXPECT_LE(cut.size(), 150u);
    EXPECT_EQ(cut, odd.substr(0, 149));
}

TEST(FilesNames, ContentDispositionHasAnAsciiFallbackAndTheUtf8Name) {
    EXPECT_EQ(content_disposition("attachment", "Καταστατικό 2024.pdf"),
              "attachment; filename=\"___________ 2024.pdf\"; "
              "filename*=UTF-8''%CE%9A%CE%B1%CF%84%CE%B1%CF%83%CF%84%CE%B1%CF%84%CE%B9%CE%BA%CF%8C%202024.pdf");
    EXPECT_EQ(content_disposition("inline", "report.pdf"),
              "inline; filename=\"report.pdf\"; filename*=UTF-8''report.pdf");
    // Quotes, backslashes and '%' cannot end or bend the quoted value; line breaks cannot add a header.
    EXPECT_EQ(content_disposition("inline", "a\"b%20c\r\nSet-Cookie: x.pdf"),
              "inline; filename=\"ab20cSet-Cookie: x.pdf\"; filename*=UTF-8''a%22b%2520cSet-Cookie%3A%20x.pdf");
    // Anything but inline is an attachment.
    EXPECT_EQ(content_disposition("inline; x=1", "").rfind("attachment; filename=\"document\"", 0), 0u);
}

TEST(FilesNames, DocumentFilenameCarriesTheExtensionOfWhatTheBytesAre) {
    // The name's claim gives way to the bytes: a PDF called .html downloads as a PDF.
    EXPECT_EQ(document_filename("x.html", "application/pdf"), "x.pdf");
    EXPECT_EQ(document_filename("Πρόσκληση.docx", "application/pdf"), "Πρόσκληση.pdf");
    EXPECT_EQ(document_filename("photo", "image/jpeg"), "photo.jpg");
    EXPECT_EQ(document_filename("scan.png", "image/jpeg"), "scan.jpg");
    // The right extension, in any case or spelling, stays as it was.
    EXPECT_EQ(document_filename("Scan.JPEG", "image/jpeg"), "Scan.JPEG");
    EXPECT_EQ(document_filename("Καταστατικό.PDF", "application/pdf"), "Καταστατικό.PDF");
    // A dot inside the name is not an extension to replace.
    EXPECT_EQ(document_filename("Πρακτικό 3.2024", "application/pdf"), "Πρακτικό 3.2024.pdf");
    EXPECT_EQ(document_filename("", "image/png"), "document.png");
    EXPECT_EQ(document_filename("C:\\tmp\\a.exe", "image/png"), "a.png");
    // Still at most 150 bytes, the extension kept.
    const auto longest = document_filename(std::string(200, 'a') + ".html", "application/pdf");
    EXPECT_LE(longest.size(), 150u);
    EXPECT_TRUE(longest.ends_with("a.pdf"));
    // A type we do not know leaves the name alone.
    EXPECT_EQ(document_filename("notes.txt", "text/plain"), "notes.txt");
}
