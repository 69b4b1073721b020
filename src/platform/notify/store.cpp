#include "platform/notify/notify.hpp"
#include "platform/cache/changes.hpp"

#include "platform/text/cut.hpp"


#include "platform/db/database.hpp"
#include "platform/db/native.hpp"
#include "platform/db/row.hpp"

namespace syn::notify {

namespace {

constexpr std::size_t kMaxTitle = 300;
constexpr std::size_t kMaxBody = 2000;
constexpr std::int64_t kGroupSeconds = 5 * 60;

cache::Topic g_notifications{"notify.notifications"};
void changed() { g_notifications.changed(); }

}  // namespace

std::int64_t push(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, const std::string& title,
                  const std::string& body, const std::string& link) {
    changed();
    const std::string t(text::cut_utf8_chars(title, kMaxTitle));
    std::string b(text::cut_utf8_chars(body, kMaxBody));
    const std::int64_t now = db::now_unix();
    std::int64_t id = 0;
    // Several events on one thing within a few minutes (assigned, then started, then answered)
    // are one entry: the newest news first, the earlier below it, still unread.
    if (!link.empty()) {
        const std::int64_t since = now - kGroupSeconds;
        std::string earlier;
        soci::indicator found = soci::i_null;
        s << "SELECT id, body FROM notifications WHERE user_id = :u AND municipality_id = :m AND read_at IS NULL AND link = :l "
             "AND created_at >= :s ORDER BY id DESC LIMIT 1",
            soci::use(user_id), soci::use(municipality_id), soci::use(link), soci::use(since), soci::into(id, found), soci::into(earlier);
        if (found == soci::i_ok && id > 0) {
            // The entry moves to the top as the newest (the list is in id order): removed, and
            // added again below with both texts.
            s << "DELETE FROM notifications WHERE id = :i", soci::use(id);
            b = std::string(text::cut_utf8_chars(b + (b.empty() || earlier.empty() ? "" : "\n\n") + earlier, kMaxBody));
        }
        id = 0;
    }
    s << "INSERT INTO notifications (municipality_id, user_id, title, body, link, created_at) "
         "VALUES (:m, :u, :t, :b, :l, :at) RETURNING id",
        soci::use(municipality_id), soci::use(user_id), soci::use(t), soci::use(b), soci::use(link), soci::use(now),
        soci::into(id);
    return id;
}

std::vector<Notification> list(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, std::int64_t before_id,
                               std::size_t limit) {
    const std::int64_t before = before_id > 0 ? before_id : INT64_MAX;
    const long lim = static_cast<long>(limit);
    soci::rowset<soci::row> rows = (s.prepare << "SELECT id, title, body, link, created_at, read_at FROM notifications "
                                                 "WHERE user_id = :u AND municipality_id = :m AND id < :b ORDER BY id DESC LIMIT :n",
                                    soci::use(user_id), soci::use(municipality_id), soci::use(before), soci::use(lim));
    std::vector<Notification> out;
    for (const auto& r : rows) {
        Notification n;
        n.id = db::get_int(r, 0);
        n.municipality_id = municipality_id;
        n.user_id = user_id;
        n.title = r.get<std::string>(1);
        n.body = r.get<std::string>(2);
        n.link = r.get<std::string>(3);
        n.created_at = db::get_int(r, 4);
        n.read_at = db::opt_int(r, 5);
        out.push_back(std::move(n));
    }
    return out;
}

namespace {
// In the header of every logged-in page: prepared once per connection.
struct UnreadQuery {
    long long uid = 0, mid = 0, n = 0;
    soci::statement st;
    explicit UnreadQuery(soci::session& s)
        : st((s.prepare << "SELECT COUNT(*) FROM notifications WHERE user_id = :u AND municipality_id = :m AND read_at IS NULL",
              soci::use(uid), soci::use(mid), soci::into(n))) {}
};
}  // namespace

std::int64_t unread_count(soci::session& s, std::int64_t municipality_id, std::int64_t user_id) {
    auto& q = db::kept<UnreadQuery>(s, "notify.unread_count");
    q.uid = user_id;
    q.mid = municipality_id;
    q.n = 0;
    db::fetch_one(s, q.st);  // COUNT(*): always a row
    return q.n;
}

std::uint64_t generation() { return g_notifications.generation(); }

bool mark_read(soci::session& s, std::int64_t municipality_id, std::int64_t user_id, std::int64_t id) {
    changed();
    const std::int64_t now = db::now_unix();
    soci::statement st = (s.prepare << "UPDATE notifications SET read_at = COALESCE(read_at, :now) "
                                       "WHERE id = :id AND user_id = :u AND municipality_id = :m",
                          soci::use(now), soci::use(id), soci::use(user_id), soci::use(municipality_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::int64_t mark_all_read(soci::session& s, std::int64_t municipality_id, std::int64_t user_id) {
    changed();
    const std::int64_t now = db::now_unix();
    soci::statement st = (s.prepare << "UPDATE notifications SET read_at = :now "
                                       "WHERE user_id = :u AND municipality_id = :m AND read_at IS NULL",
                          soci::use(now), soci::use(user_id), soci::use(municipality_id));
    st.execute(true);
    return st.get_affected_rows();
}

}  // namespace syn::notify
