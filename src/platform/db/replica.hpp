#pragma once
// Watches a PostgreSQL streaming replica and tells the primary's Database when public reads may
// use it (Database::use_replica). Every second it asks the replica how far it has replayed the
// primary's write-ahead log and the primary how far it had written a second before: while the
// replica has caught up with that, it is usable; when it falls behind (a lagging or stopped
// replay) or cannot be reached, reads go to the primary until it has caught up again. So a page
// read from the replica is at most about two seconds older than the primary, and a lost replica
// costs no error page. Opening the replica is retried too: a copy may start while it is down.
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "platform/db/database.hpp"

namespace syn::db {

class ReplicaWatch {
public:
    ReplicaWatch(std::shared_ptr<Database> primary, std::string replica_url, std::size_t pool_size,
                 std::chrono::milliseconds every = std::chrono::seconds(1));
    ~ReplicaWatch();
    ReplicaWatch(const ReplicaWatch&) = delete;
    ReplicaWatch& operator=(const ReplicaWatch&) = delete;

private:
    void run();
    bool caught_up();

    std::shared_ptr<Database> primary_;
    std::string url_;
    std::size_t pool_size_;
    std::chrono::milliseconds every_;
    std::shared_ptr<Database> replica_;
    long long primary_position_ = -1;  // the primary's WAL position at the previous look
    std::mutex mu_;
    std::condition_variable cv_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace syn::db
