// SQL for audit_log and audit_head (db/migrations/0002_platform_audit.*.sql).
#include "platform/audit/audit.hpp"
#include "platform/audit/chain.hpp"
#include "platform/db/native.hpp"

#include <nlohmann/json.hpp>

#include <stdexcept>

namespace syn::audit {
namespace {

constexpr const char* kColumns =
    "id, at, municipality_id, actor_user_id, action, subject, details_json, prev_hash, hash";

// Binds the nine columns of kColumns into one Record, with indicators for the NULLable ids.
struct RowBinding {
    Record r;
    soci::indicator mun_ind = soci::i_ok, actor_ind = soci::i_ok;
    std::int64_t mun = 0, actor = 0;

    void exchange(soci::statement& st) {
        st.exchange(soci::into(r.id));
        st.exchange(soci::into(r.at));
        st.exchange(soci::into(mun, mun_ind));
        st.exchange(soci::into(actor, actor_ind));
        st.exchange(soci::into(r.action));
        st.exchange(soci::into(r.subject));
        st.exchange(soci::into(r.details_json));
        st.exchange(soci::into(r.prev_hash));
        st.exchange(soci::into(r.hash));
    }
    Record current() const {
        Record out = r;
        out.municipality_id = mun_ind == soci::i_null ? std::nullopt : std::optional(mun);
        out.actor_user_id = actor_ind == soci::i_null ? std::nullopt : std::optional(actor);
        return out;
    }
};

// The smallest string greater than every string starting with prefix, in byte order
// ("account." → "account/"); empty when there is none (prefix of 0xFF bytes).
std::string prefix_upper_bound(std::string prefix) {
    while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xFF) prefix.pop_back();
    if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
    return prefix;
}

}  // namespace

std::int64_t append(soci::session& s, const Entry& e) {
    if (!db::in_transaction(s))
        throw std::logic_error("audit::append must run inside Database::transact (the chain head would race)");
    if (e.action.empty()) throw std::invalid_argument("audit entry needs an action");

    Record r;
    static_cast<Entry&>(r) = e;
    r.details_json = chain::normalise_details(e.details_json);

    // Lock the head: a second writer waits here until we commit, then reads our entry as its
    // predecessor. SQLite needs no lock clause: BEGIN IMMEDIATE already serialised writers.
    const bool pg = db::backend_of(s) == db::Backend::Postgres;
    std::int64_t last_id = 0;
    std::string last_hash;
    s << (pg ? "SELECT last_id, last_hash FROM audit_head WHERE id = 1 FOR UPDATE"
             : "SELECT last_id, last_hash FROM audit_head WHERE id = 1"),
        soci::into(last_id), soci::into(last_hash);
    if (!s.got_data()) throw db::Error("audit_head has no row: has migration 0002_platform_audit run?");

    r.id = last_id + 1;
    r.at = db::now_unix();
    r.prev_hash = last_hash;
    try {
        r.hash = chain::hash(r);
    } catch (const nlohmann::json::exception&) {
        throw std::invalid_argument("audit entry action or subject is not valid UTF-8");
    }

    std::int64_t mun = r.municipality_id.value_or(0), actor = r.actor_user_id.value_or(0);
    soci::indicator mun_ind = r.municipality_id ? soci::i_ok : soci::i_null;
    soci::indicator actor_ind = r.actor_user_id ? soci::i_ok : soci::i_null;
    s << "INSERT INTO audit_log (id, at, municipality_id, actor_user_id, action, subject, details_json,"
         " prev_hash, hash) VALUES (:id, :at, :mun, :actor, :action, :subject, :details, :prev, :hash)",
        soci::use(r.id), soci::use(r.at), soci::use(mun, mun_ind), soci::use(actor, actor_ind),
        soci::use(r.action), soci::use(r.subject), soci::use(r.details_json), soci::use(r.prev_hash),
        soci::use(r.hash);
    s << "UPDATE audit_head SET last_id = :id, last_hash = :hash WHERE id = 1", soci::use(r.id), soci::use(r.hash);
    return r.id;
}

std::optional<std::int64_t> verify(db::Database& db) {
    auto conn = db.acquire();
    soci::session& s = *conn;
    // One snapshot for head and rows, so entries appended meanwhile are not mistaken for
    // entries beyond the head. A deferred SQLite transaction does not block writers (WAL).
    s << (db.backend() == db::Backend::Postgres ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY" : "BEGIN");
    struct EndSnapshot {
        soci::session& s;
        ~EndSnapshot() { db::reset_session(s); }
    } end{s};

    std::int64_t head_id = 0;
    std::string head_hash;
    s << "SELECT last_id, last_hash FROM audit_head WHERE id = 1", soci::into(head_id), soci::into(head_hash);
    if (!s.got_data()) return 0;  // the head itself is gone: nothing can be trusted

    RowBinding row;
    soci::statement st(s);
    row.exchange(st);
    st.alloc();
    st.prepare(std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY id");
    st.define_and_bind();
    st.execute();

    std::int64_t expected_id = 1;
    std::string prev(chain::kGenesis);
    while (st.fetch()) {
        const Record r = row.current();
        if (r.id != expected_id) return expected_id;  // a removed entry
        if (r.prev_hash != prev) return r.id;
        std::string recomputed;
        try {
            recomputed = chain::hash(r);
        } catch (const nlohmann::json::exception&) {
            return r.id;  // append() never stores invalid UTF-8
        }
        if (recomputed != r.hash) return r.id;
        prev = r.hash;
        ++expected_id;
    }
    const std::int64_t last_seen = expected_id - 1;
    if (head_id > last_seen) return expected_id;    // entries removed from the end
    if (head_id < last_seen) return head_id + 1;    // entries added past the head, not by append()
    if (head_hash != prev) return head_id;          // the newest entry rewritten with a fresh hash
    return std::nullopt;
}

std::vector<Record> list(soci::session& s, const Filter& f, std::int64_t before_id, std::size_t limit) {
    std::vector<Record> out;
    if (limit == 0) return out;

    // Only the conditions in use go into the SQL, so each query can use its index; values are
    // always bound.
    std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE 1 = 1";
    RowBinding row;
    soci::statement st(s);
    row.exchange(st);

    std::int64_t mun = f.municipality_id.value_or(0), actor = f.actor_user_id.value_or(0);
    std::int64_t from = f.from.value_or(0), to = f.to.value_or(0), before = before_id;
    const std::string lo = f.action_prefix, hi = prefix_upper_bound(f.action_prefix);
    const long long lim = static_cast<long long>(limit);
    if (f.municipality_id) {
        sql += " AND municipality_id = :mun";
        st.exchange(soci::use(mun, "mun"));
    }
    if (f.actor_user_id) {
        sql += " AND actor_user_id = :actor";
        st.exchange(soci::use(actor, "actor"));
    }
    if (!lo.empty()) {
        sql += " AND action >= :lo";
        st.exchange(soci::use(lo, "lo"));
        if (!hi.empty()) {
            sql += " AND action < :hi";
            st.exchange(soci::use(hi, "hi"));
        }
    }
    if (!f.subject.empty()) {
        sql += " AND subject = :subject";
        st.exchange(soci::use(f.subject, "subject"));
    }
    if (f.from) {
        sql += " AND at >= :from";
        st.exchange(soci::use(from, "from"));
    }
    if (f.to) {
        sql += " AND at < :to";
        st.exchange(soci::use(to, "to"));
    }
    if (before_id > 0) {
        sql += " AND id < :before";
        st.exchange(soci::use(before, "before"));
    }
    sql += " ORDER BY id DESC LIMIT :lim";
    st.exchange(soci::use(lim, "lim"));

    st.alloc();
    st.prepare(sql);
    st.define_and_bind();
    st.execute();
    while (st.fetch()) out.push_back(row.current());
    return out;
}

}  // namespace syn::audit
