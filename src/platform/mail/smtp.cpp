// One message over SMTP with libcurl.
#include "platform/mail/mail.hpp"
#include "platform/mail/mime.hpp"

#include <curl/curl.h>
#include <sodium.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>
#include <memory>
#include <mutex>

namespace syn::mail {
namespace {

struct Payload {
    std::string data;
    std::size_t pos = 0;
};

std::size_t read_payload(char* buf, std::size_t size, std::size_t nitems, void* userp) {
    auto* p = static_cast<Payload*>(userp);
    const std::size_t n = std::min(size * nitems, p->data.size() - p->pos);
    std::memcpy(buf, p->data.data() + p->pos, n);
    p->pos += n;
    return n;
}

std::string message_id(const std::string& from_address, const std::string& key) {
    if (!key.empty()) return key + from_address.substr(from_address.find('@'));
    if (sodium_init() < 0) throw std::runtime_error("libsodium failed to initialise");
    unsigned char rnd[16];
    randombytes_buf(rnd, sizeof rnd);
    char hex[sizeof rnd * 2 + 1];
    sodium_bin2hex(hex, sizeof hex, rnd, sizeof rnd);
    return std::string(hex) + from_address.substr(from_address.find('@'));
}

}  // namespace

std::string send_smtp(const SmtpConfig& c, const Message& m, const std::function<void()>& accepted) {
    static std::once_flag curl_once;
    std::call_once(curl_once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

    const bool implicit_tls = c.url.starts_with("smtps://");
    if (!implicit_tls && !c.url.starts_with("smtp://")) return "SMTP URL must start with smtp:// or smtps://";
    const auto from = mime::parse_mailbox(c.from);
    if (!from) return "invalid sender address in SMTP configuration";
    if (!mime::valid_address(m.to)) return "invalid recipient address";

    Payload payload{mime::build(*from, m, db::now_unix(), message_id(from->address, m.key))};

    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return "curl_easy_init failed";
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(
        curl_slist_append(nullptr, ("<" + m.to + ">").c_str()), &curl_slist_free_all);
    char errbuf[CURL_ERROR_SIZE] = {0};
    const std::string mail_from = "<" + from->address + ">";

    CURL* h = curl.get();
    curl_easy_setopt(h, CURLOPT_URL, c.url.c_str());
    curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "smtp,smtps");  // a mistyped URL must not reach file:// etc.
    curl_easy_setopt(h, CURLOPT_MAIL_FROM, mail_from.c_str());
    curl_easy_setopt(h, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(h, CURLOPT_READFUNCTION, &read_payload);
    curl_easy_setopt(h, CURLOPT_READDATA, &payload);
    curl_easy_setopt(h, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);  // we run on a job thread
    curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 15L);
    curl_easy_setopt(h, CURLOPT_TIMEOUT, 120L);  // well under the outbox lease
    curl_easy_setopt(h, CURLOPT_ERRORBUFFER, errbuf);
    if (!c.user.empty()) {
        curl_easy_setopt(h, CURLOPT_USERNAME, c.user.c_str());
        curl_easy_setopt(h, CURLOPT_PASSWORD, c.password.c_str());
    }
    // A password never crosses the network in clear: with credentials, smtp:// must STARTTLS.
    if (!implicit_tls)
        curl_easy_setopt(h, CURLOPT_USE_SSL, c.user.empty() ? static_cast<long>(CURLUSESSL_TRY)
                                                            : static_cast<long>(CURLUSESSL_ALL));

    const CURLcode rc = curl_easy_perform(h);
    if (rc == CURLE_OK) {
        if (accepted) accepted();  // before `curl` goes, which says QUIT and waits for the answer
        return "";
    }
    std::string err = std::string("SMTP: ") + curl_easy_strerror(rc);
    if (errbuf[0]) err += std::string(": ") + errbuf;
    while (!err.empty() && (err.back() == '\n' || err.back() == '\r')) err.pop_back();
    return err;
}

}  // namespace syn::mail
