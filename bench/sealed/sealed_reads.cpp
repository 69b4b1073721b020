// What reading a sealed field costs against a plain one: N records each with one value stored
// both ways, then N reads of each, one at a time, as a page showing one person would make them.
//   plain   one transaction that SELECTs the value (what a page reads today)
//   sealed  sealed::open: the audit entry appended to the hash chain and committed, the record
//           key unwrapped, the value decrypted
// Prints "bench [pg ]sealed-read: plain X us, sealed Y us per read (N reads; Y/X)".
//
//   sealed_bench sqlite:/tmp/sealed.db [N]
//   sealed_bench postgresql://…/db [N]       (an empty database: it is migrated here)
#include <chrono>
#include <cstdio>
#include <string>

#include "platform/db/database.hpp"
#include "platform/db/migrate.hpp"
#include "platform/embed/embedded.hpp"
#include "platform/sealed/sealed.hpp"
#include "platform/web/tenant.hpp"

using namespace syn;
using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: sealed_bench DB_URL [N]\n");
        return 2;
    }
    const std::string url = argv[1];
    const int n = argc > 2 ? std::stoi(argv[2]) : 1000;
    auto db = db::Database::open(url, 1);
    db::migrate(*db, embed::migrations());
    const auto keys = sealed::KeyRing::parse(sealed::new_key_line(1), "bench");
    web::Tenant t;
    t.elstat_code = "4401";
    t.name = "Καλαμάτας";
    t.slug = "kalamata";
    t.id = db->transact([&](soci::session& s) { return web::insert_tenant(s, t); });

    // A table of the bench's own: the plain value and the sealed one side by side.
    db->transact([&](soci::session& s) {
        s << "CREATE TABLE bench_people (id BIGINT PRIMARY KEY, plain_note TEXT NOT NULL, sealed_note TEXT NOT NULL)";
    });
    const std::string note = "Πιστοποιητικό ποινικού μητρώου: καθαρό, εκδόθηκε 12/3/2026, αρ. πρωτ. 4471/Β";
    db->transact([&](soci::session& s) {
        for (long long id = 1; id <= n; ++id) {
            const auto sealed = sealed::seal(s, keys, {"bench_person", id, t.id}, "note", note);
            s << "INSERT INTO bench_people (id, plain_note, sealed_note) VALUES (:i, :p, :s)", soci::use(id), soci::use(note), soci::use(sealed);
        }
    });

    const auto t0 = Clock::now();
    for (long long id = 1; id <= n; ++id) {
        const auto v = db->transact([&](soci::session& s) {
            std::string out;
            s << "SELECT plain_note FROM bench_people WHERE id = :i", soci::use(id), soci::into(out);
            return out;
        });
        if (v != note) return 1;
    }
    const auto t1 = Clock::now();
    for (long long id = 1; id <= n; ++id) {
        const auto stored = db->read([&](soci::session& s) {
            std::string out;
            s << "SELECT sealed_note FROM bench_people WHERE id = :i", soci::use(id), soci::into(out);
            return out;
        });
        const auto v = sealed::open(*db, keys, {"bench_person", id, t.id}, {{"note", stored}}, {.why = "bench"});
        if (v.at(0) != note) return 1;
    }
    const auto t2 = Clock::now();
    const double plain = std::chrono::duration<double, std::micro>(t1 - t0).count() / n;
    const double sealed = std::chrono::duration<double, std::micro>(t2 - t1).count() / n;
    std::printf("bench %ssealed-read: plain %.0f us, sealed %.0f us per read (%d reads, each with its audit entry; %.1fx)\n",
                url.starts_with("sqlite:") ? "" : "pg ", plain, sealed, n, sealed / plain);
    return 0;
}
