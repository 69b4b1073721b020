// platform/mail and platform/jobs: the outbox, sending through a real SMTP server (Debian's
// python3-aiosmtpd, started per test), retries, and the background runner that drives them.
// Delivered mail is decoded by Python's email package, an implementation independent of ours.
#include "platform/jobs/runner.hpp"
#include "platform/mail/mail.hpp"
#include "platform/mail/mime.hpp"
#include "pg_fixture.hpp"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <nlohmann/json.hpp>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <future>
#include <mutex>
#include <thread>

extern char** environ;

using namespace syn;

namespace {

bool accepts_connections(int port) {
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_port = htons(static_cast<uint16_t>(port));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) == 0;
    close(fd);
    return ok;
}

// The Python that has aiosmtpd: Debian's, even when another python3 comes first on PATH.
std::string python() {
    return access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3";
}

// Parses every delivered message with Python's email package (policy=default decodes RFC 2047
// headers and quoted-printable bodies) and prints them as ASCII JSON.
constexpr const char* kDecodeScript = R"PY(
import email, email.policy, json, mailbox, sys
out = []
box = mailbox.Maildir(sys.argv[1], factory=None, create=False)
for key in sorted(box.keys()):
    raw = box.get_bytes(key)
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    head, _, body = raw.partition(b"\n\n")
    out.append({
        "subject": str(msg["subject"]),
        "from": str(msg["from"]),
        "to": str(msg["to"]),
        "date_ok": msg["date"] is not None and msg["date"].datetime is not None,
        "message_id": str(msg["message-id"]),
        "mime_version": str(msg["mime-version"]),
        "content_type": msg.get_content_type(),
        "charset": msg.get_content_charset(),
        "cte": str(msg["content-transfer-encoding"]),
        "body": msg.get_content(),
        "defects": sum(len(msg[h].defects) for h in msg.keys()) + len(msg.defects),
        "longest_body_line": max(len(l.rstrip(b"\r")) for l in body.split(b"\n")),
    })
print(json.dumps(out, ensure_ascii=True))
)PY";

// aiosmtpd on a free port, storing what it receives in a Maildir; stopped at the end.
class SmtpServer {
public:
    SmtpServer() : port_(test::unused_port()) {
        maildir_ = (dir_.path() / "maildir").string();
        const std::string listen = "127.0.0.1:" + std::to_string(port_);
        const std::string py = python();
        std::vector<std::string> args = {py, "-m", "aiosmtpd", "-n", "-l", listen, "-c", "aiosmtpd.handlers.Mailbox", maildir_};
        std::vector<char*> argv;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        if (posix_spawnp(&pid_, py.c_str(), nullptr, nullptr, argv.data(), environ) != 0)
            throw std::runtime_error("cannot start " + py + " -m aiosmtpd");
        // Wait until it listens. Not a timing check: the bound only keeps a broken setup from hanging.
        for (int i = 0; i < 600 && !accepts_connections(port_); ++i) {
            int status = 0;
            if (waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = 0;
                throw std::runtime_error("aiosmtpd exited at start-up; is python3-aiosmtpd installed?");
            }
            usleep(50 * 1000);
        }
        if (!accepts_connections(port_)) throw std::runtime_error("aiosmtpd did not start listening");
    }
    ~SmtpServer() {
        if (pid_ > 0) {
            kill(pid_, SIGTERM);
            int status = 0;
            waitpid(pid_, &status, 0);
        }
    }
    SmtpServer(const SmtpServer&) = delete;
    SmtpServer& operator=(const SmtpServer&) = delete;

    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    nlohmann::json messages() const {
        if (!std::filesystem::exists(maildir_)) return nlohmann::json::array();
        const std::string script = (dir_.path() / "decode.py").string();
        {
            std::FILE* f = std::fopen(script.c_str(), "w");
            std::fputs(kDecodeScript, f);
            std::fclose(f);
        }
        const std::string cmd = python() + " '" + script + "' '" + maildir_ + "'";
        std::FILE* p = popen(cmd.c_str(), "r");
        std::string out;
        char buf[4096];
        while (std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
        EXPECT_EQ(pclose(p), 0) << out;
        return nlohmann::json::parse(out);
    }

private:
    test::TempDir dir_;
    int port_;
    std::string maildir_;
    pid_t pid_ = 0;
};

struct OutboxRow {
    std::string status;
    int attempts = 0;
    std::int64_t next_attempt_at = 0;
    std::string last_error;
    bool sent_at_set = false;
    std::int64_t municipality_id = -1;
};

class OutboxTest : public test::BackendTest {
protected:
    void SetUp() override {
        test::BackendTest::SetUp();
        if (IsSkipped()) return;
        apply({"0001_platform_accounts", "0003_platform_outbox"});  // the sender is the municipality, by name
    }

    void queue(const mail::Message& m, std::optional<std::int64_t> mun = 1) {
        db().transact([&](soci::session& s) { mail::enqueue(s, mun, m); });
    }

    std::vector<OutboxRow> rows() {
        return db().read([&](soci::session& s) {
            std::vector<OutboxRow> out;
            OutboxRow r;
            soci::indicator err_ind = soci::i_ok, sent_ind = soci::i_ok, mun_ind = soci::i_ok;
            std::int64_t sent_at = 0;
            soci::statement st =
                (s.prepare << "SELECT status, attempts, next_attempt_at, last_error, sent_at, municipality_id"
                              " FROM mail_outbox ORDER BY id",
                 soci::into(r.status), soci::into(r.attempts), soci::into(r.next_attempt_at),
                 soci::into(r.last_error, err_ind), soci::into(sent_at, sent_ind),
                 soci::into(r.municipality_id, mun_ind));
            st.execute();
            while (st.fetch()) {
                OutboxRow copy = r;
                if (err_ind == soci::i_null) copy.last_error.clear();
                copy.sent_at_set = sent_ind == soci::i_ok;
                if (mun_ind == soci::i_null) copy.municipality_id = -1;
                out.push_back(copy);
            }
            return out;
        });
    }

    void make_due() {
        db().read([&](soci::session& s) { s << "UPDATE mail_outbox SET next_attempt_at = 0"; });
    }
};

const mail::Message kGreek{
    "maria@example.gr",
    "Επιβεβαίωση εγγραφής στο Σωματείο «Αλληλεγγύη» — Δήμος Καλαμάτας, αίτηση 12/2026",
    "Αγαπητή κυρία Παπαδοπούλου,\n"
    "\n"
    "η αίτησή σας καταχωρίστηκε. Αυτή η γραμμή είναι επίτηδες πολύ μεγάλη, ώστε να χρειαστεί "
    "σπάσιμο γραμμής στην κωδικοποίηση quoted-printable χωρίς να αλλάξει το κείμενο.\n"
    ".Μια γραμμή που αρχίζει με τελεία\n"
    "τέλος με κενά   \n"
    "a=b 100% ASCII\n"};

}  // namespace

// ---------------------------------------------------------------- outbox and SMTP

TEST_P(OutboxTest, MailQueuedInARolledBackTransactionIsNeverSent) {
    SmtpServer smtp;
    EXPECT_THROW(db().transact([&](soci::session& s) {
        mail::enqueue(s, 1, kGreek);
        throw std::runtime_error("the business change failed");
    }),
                 std::runtime_error);
    EXPECT_EQ(count("mail_outbox"), 0);
    EXPECT_EQ(mail::dispatch_due(db(), {.url = smtp.url()}), 0u);
    EXPECT_TRUE(smtp.messages().empty());
}

TEST_P(OutboxTest, DispatchDeliversGreekMailThatDecodesExactly) {
    SmtpServer smtp;
    queue(kGreek, 7);
    const mail::SmtpConfig cfg{.url = smtp.url(), .from = "Δήμος Καλαμάτας <no-reply@kalamata.gr>"};
    EXPECT_EQ(mail::dispatch_due(db(), cfg), 1u);

    const auto got = smtp.messages();
    ASSERT_EQ(got.size(), 1u);
    const auto& m = got[0];
    EXPECT_EQ(m["subject"], kGreek.subject);
    EXPECT_EQ(m["from"], "Δήμος Καλαμάτας <no-reply@kalamata.gr>");
    EXPECT_EQ(m["to"], "maria@example.gr");
    EXPECT_EQ(m["body"], kGreek.body_text);  // trailing spaces, the leading dot and '=' survive
    EXPECT_EQ(m["content_type"], "text/plain");
    EXPECT_EQ(m["charset"], "utf-8");
    EXPECT_EQ(m["cte"], "quoted-printable");
    EXPECT_EQ(m["mime_version"], "1.0");
    EXPECT_TRUE(m["date_ok"].get<bool>());
    EXPECT_TRUE(m["message_id"].get<std::string>().ends_with("@kalamata.gr>")) << m["message_id"];
    EXPECT_EQ(m["defects"], 0);
    EXPECT_LE(m["longest_body_line"].get<int>(), 76);

    const auto r = rows();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].status, "sent");
    EXPECT_EQ(r[0].attempts, 1);
    EXPECT_TRUE(r[0].sent_at_set);
    EXPECT_EQ(r[0].municipality_id, 7);
    EXPECT_EQ(mail::dispatch_due(db(), cfg), 0u);  // sent mail is not sent again
    EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_P(OutboxTest, AClosedSmtpPortSchedulesARetryWithBackoff) {
    const mail::SmtpConfig down{.url = "smtp://127.0.0.1:" + std::to_string(test::unused_port())};
    queue(kGreek);
    auto before = db::now_unix();
    EXPECT_EQ(mail::dispatch_due(db(), down), 0u);
    auto after = db::now_unix();
    auto r = rows();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].status, "pending");
    EXPECT_EQ(r[0].attempts, 1);
    EXPECT_GE(r[0].next_attempt_at, before + 60);
    EXPECT_LE(r[0].next_attempt_at, after + 60);
    EXPECT_NE(r[0].last_error.find("SMTP"), std::string::npos) << r[0].last_error;
    EXPECT_FALSE(r[0].sent_at_set);

    EXPECT_EQ(mail::dispatch_due(db(), down), 0u);  // not due yet: untouched
    EXPECT_EQ(rows()[0].attempts, 1);

    make_due();
    before = db::now_unix();
    EXPECT_EQ(mail::dispatch_due(db(), down), 0u);
    after = db::now_unix();
    r = rows();
    EXPECT_EQ(r[0].attempts, 2);
    EXPECT_GE(r[0].next_attempt_at, before + 120);  // doubled
    EXPECT_LE(r[0].next_attempt_at, after + 120);

    // The server comes back: the retry is delivered.
    SmtpServer smtp;
    make_due();
    EXPECT_EQ(mail::dispatch_due(db(), {.url = smtp.url()}), 1u);
    r = rows();
    EXPECT_EQ(r[0].status, "sent");
    EXPECT_EQ(r[0].attempts, 3);
    EXPECT_TRUE(r[0].last_error.empty());
    EXPECT_EQ(smtp.messages().size(), 1u);
}

TEST_P(OutboxTest, GivesUpAfterTheTenthAttemptAndKeepsTheError) {
    const mail::SmtpConfig down{.url = "smtp://127.0.0.1:" + std::to_string(test::unused_port())};
    queue(kGreek);
    db().read([&](soci::session& s) { s << "UPDATE mail_outbox SET attempts = 9, next_attempt_at = 0"; });
    EXPECT_EQ(mail::dispatch_due(db(), down), 0u);
    auto r = rows();
    EXPECT_EQ(r[0].status, "failed");
    EXPECT_EQ(r[0].attempts, 10);
    EXPECT_FALSE(r[0].last_error.empty());
    make_due();
    EXPECT_EQ(mail::dispatch_due(db(), down), 0u);  // a failed message is not claimed again
    EXPECT_EQ(rows()[0].attempts, 10);
    EXPECT_EQ(count("mail_outbox"), 1);  // kept for the operator
}

TEST_P(OutboxTest, ABatchStopsAtMaxBatch) {
    const mail::SmtpConfig down{.url = "smtp://127.0.0.1:" + std::to_string(test::unused_port())};
    for (int i = 0; i < 3; ++i) queue({"p" + std::to_string(i) + "@example.gr", "s", "b"});
    EXPECT_EQ(mail::dispatch_due(db(), down, 2), 0u);
    const auto r = rows();
    EXPECT_EQ(r[0].attempts, 1);
    EXPECT_EQ(r[1].attempts, 1);
    EXPECT_EQ(r[2].attempts, 0);  // oldest first; the third waits for the next run
}

TEST_P(OutboxTest, EnqueueRefusesAnythingButOnePlainAddress) {
    for (const char* to : {"", "maria", "maria@example.gr\r\nBcc: all@example.gr", "a@b@c", "Maria <m@example.gr>",
                           "a@example.gr, b@example.gr"})
        EXPECT_THROW(queue({to, "s", "b"}), std::invalid_argument) << to;
    EXPECT_EQ(count("mail_outbox"), 0);
    queue({"ok@example.gr", "s", "b"}, std::nullopt);
    EXPECT_EQ(rows()[0].municipality_id, -1);  // install-wide mail has no tenant
}

TEST_P(OutboxTest, PurgeSentDeletesOnlySentMailBeforeTheCutoff) {
    SmtpServer smtp;
    queue(kGreek);
    EXPECT_EQ(mail::dispatch_due(db(), {.url = smtp.url()}), 1u);
    queue({"later@example.gr", "s", "b"});  // pending: kept
    const auto cutoff = db::now_unix() + 1;
    EXPECT_EQ(db().transact([&](soci::session& s) { return mail::purge_sent(s, cutoff - 3600); }), 0u);
    EXPECT_EQ(db().transact([&](soci::session& s) { return mail::purge_sent(s, cutoff); }), 1u);
    const auto r = rows();
    ASSERT_EQ(r.size(), 1u);
    EXPECT_EQ(r[0].status, "pending");
}

TEST_P(OutboxTest, TheRunnerSendsQueuedMailWhenNotified) {
    SmtpServer smtp;
    const mail::SmtpConfig cfg{.url = smtp.url()};
    std::promise<void> delivered;
    std::once_flag once;
    jobs::Runner runner;
    runner.every("mail", std::chrono::hours(1), [&] {
        if (mail::dispatch_due(db(), cfg) > 0) std::call_once(once, [&] { delivered.set_value(); });
    });
    queue(kGreek);
    runner.notify("mail");
    ASSERT_EQ(delivered.get_future().wait_for(std::chrono::seconds(60)), std::future_status::ready);
    runner.stop();
    EXPECT_EQ(smtp.messages().size(), 1u);
}

INSTANTIATE_TEST_SUITE_P(Backends, OutboxTest, test::kBothBackends, test::backend_name);

TEST(MailBackoff, DoublesFromOneMinuteUpToOneHour) {
    EXPECT_EQ(mail::backoff_seconds(1), 60);
    EXPECT_EQ(mail::backoff_seconds(2), 120);
    EXPECT_EQ(mail::backoff_seconds(3), 240);
    EXPECT_EQ(mail::backoff_seconds(6), 1920);
    EXPECT_EQ(mail::backoff_seconds(7), 3600);  // 3840 capped
    EXPECT_EQ(mail::backoff_seconds(10), 3600);
    EXPECT_EQ(mail::kMaxAttempts, 10);
}

TEST(MailSmtp, RefusesBadConfigurationWithoutConnecting) {
    EXPECT_EQ(mail::send_smtp({.url = "http://127.0.0.1:25"}, kGreek), "SMTP URL must start with smtp:// or smtps://");
    EXPECT_EQ(mail::send_smtp({.url = "smtp://127.0.0.1:25", .from = "not an address"}, kGreek),
              "invalid sender address in SMTP configuration");
    EXPECT_EQ(mail::send_smtp({.url = "smtp://127.0.0.1:25"}, {"x@y\nBcc: z@w", "s", "b"}), "invalid recipient address");
}

// ---------------------------------------------------------------- MIME pieces

TEST(MailMime, HeadersStayAsciiAndOnTheirOwnLine) {
    EXPECT_EQ(mail::mime::encode_header("Plain subject"), "Plain subject");
    EXPECT_EQ(mail::mime::encode_header("Injected\r\nBcc: all@example.gr"), "Injected  Bcc: all@example.gr");
    // "Καλημέρα" is 16 bytes of UTF-8; base64 checked with `printf 'Καλημέρα' | base64`.
    EXPECT_EQ(mail::mime::encode_header("Καλημέρα"), "=?UTF-8?B?zprOsc67zrfOvM6tz4HOsQ==?=");
    const std::string folded = mail::mime::encode_header(kGreek.subject);
    std::size_t start = 0;
    while (start < folded.size()) {
        const auto end = folded.find("\r\n", start);
        const std::string line = folded.substr(start, end == std::string::npos ? std::string::npos : end - start);
        EXPECT_LE(line.size(), 70u) << line;
        for (unsigned char c : line) EXPECT_TRUE(c >= 0x20 && c < 0x7F);
        start = end == std::string::npos ? folded.size() : end + 2;
    }
}

TEST(MailMime, QuotedPrintableKnownValues) {
    // RFC 2045 §6.7: '=' and 8-bit bytes are encoded, trailing white space is protected.
    EXPECT_EQ(mail::mime::quoted_printable("a=b"), "a=3Db");
    EXPECT_EQ(mail::mime::quoted_printable("ά"), "=CE=AC");
    EXPECT_EQ(mail::mime::quoted_printable("end \nx"), "end=20\r\nx");
    EXPECT_EQ(mail::mime::quoted_printable(".dot"), "=2Edot");
    const std::string soft = mail::mime::quoted_printable(std::string(100, 'x'));
    EXPECT_EQ(soft, std::string(75, 'x') + "=\r\n" + std::string(25, 'x'));
}

TEST(MailMime, DateIsRfc5322InUtc) {
    EXPECT_EQ(mail::mime::rfc5322_date(0), "Thu, 01 Jan 1970 00:00:00 +0000");
    EXPECT_EQ(mail::mime::rfc5322_date(1795305600), "Sun, 22 Nov 2026 00:00:00 +0000");
}

TEST(MailMime, ParsesTheConfiguredSender) {
    auto m = mail::mime::parse_mailbox("Synergeia <no-reply@localhost>");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->display, "Synergeia");
    EXPECT_EQ(m->address, "no-reply@localhost");
    m = mail::mime::parse_mailbox("plain@example.gr");
    ASSERT_TRUE(m);
    EXPECT_EQ(m->display, "");
    EXPECT_FALSE(mail::mime::parse_mailbox("Name <broken>"));
    EXPECT_FALSE(mail::mime::parse_mailbox("Name <a@b> trailing"));
}

// ---------------------------------------------------------------- jobs::Runner

TEST(JobsRunner, RunsATaskAtOnceAndAgainWhenNotified) {
    std::mutex mu;
    std::condition_variable cv;
    int runs = 0;
    jobs::Runner runner;
    runner.every("count", std::chrono::hours(1), [&] {
        std::lock_guard lock(mu);
        ++runs;
        cv.notify_all();
    });
    auto wait_for_runs = [&](int n) {
        std::unique_lock lock(mu);
        return cv.wait_for(lock, std::chrono::seconds(30), [&] { return runs >= n; });
    };
    ASSERT_TRUE(wait_for_runs(1));  // registered → runs right away
    runner.notify();
    ASSERT_TRUE(wait_for_runs(2));  // the hour has not passed; notify made it due
    runner.notify("count");
    ASSERT_TRUE(wait_for_runs(3));
    runner.stop();
    runner.notify();  // after stop: nothing runs, nothing hangs
    std::lock_guard lock(mu);
    EXPECT_EQ(runs, 3);
}

TEST(JobsRunner, AThrowingTaskIsLoggedAsOneJsonLineAndTheThreadSurvives) {
    std::promise<void> later_ran;
    testing::internal::CaptureStderr();
    {
        jobs::Runner runner;
        // Registered first, so with both due it runs first; its log line is written before
        // the second task signals.
        runner.every("boom", std::chrono::hours(1), [] { throw std::runtime_error("disk \"full\""); });
        runner.every("after", std::chrono::hours(1), [&] { later_ran.set_value(); });
        ASSERT_EQ(later_ran.get_future().wait_for(std::chrono::seconds(30)), std::future_status::ready);
        runner.stop();
    }
    const std::string err = testing::internal::GetCapturedStderr();
    ASSERT_FALSE(err.empty());
    ASSERT_EQ(err.back(), '\n');
    const auto line = nlohmann::json::parse(err.substr(0, err.find('\n')));
    EXPECT_EQ(line["level"], "error");
    EXPECT_EQ(line["component"], "jobs");
    EXPECT_EQ(line["task"], "boom");
    EXPECT_EQ(line["error"], "disk \"full\"");
    EXPECT_EQ(std::count(err.begin(), err.end(), '\n'), 1);
}

TEST(JobsRunner, StopWaitsForTheRunningTask) {
    std::promise<void> started;
    std::atomic<bool> may_finish{false}, finished{false};
    jobs::Runner runner;
    runner.every("slow", std::chrono::hours(1), [&] {
        started.set_value();
        while (!may_finish) std::this_thread::yield();
        finished = true;
    });
    started.get_future().wait();
    std::thread stopper([&] { runner.stop(); });
    may_finish = true;
    stopper.join();
    EXPECT_TRUE(finished.load());  // stop() returned only after the task ended
}
