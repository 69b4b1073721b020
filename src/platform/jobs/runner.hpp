#pragma once
// A small background runner: one thread that runs named tasks at intervals. Tasks that must
// not run twice at once across copies of the program (mail) coordinate through the database
// (rows claimed with FOR UPDATE SKIP LOCKED), not through this class.
//
//   jobs::Runner runner;
//   runner.every("mail", std::chrono::minutes(1), [&] { mail::dispatch_due(*db, smtp); });
//   …
//   runner.notify("mail");   // a request just queued mail: send it now
//   …
//   runner.stop();           // on SIGTERM: waits for the running task, then joins
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace syn::jobs {

class Runner {
public:
    Runner();   // starts the thread
    ~Runner();  // stop()
    Runner(const Runner&) = delete;
    Runner& operator=(const Runner&) = delete;

    // Registers a task. It runs first right away (so work left over from before a restart is
    // picked up), then every interval after each run ends. An exception from a task is caught
    // and written to stderr as one JSON line; the thread carries on.
    void every(std::string name, std::chrono::milliseconds interval, std::function<void()> task);

    // Makes every task due now / the named task due now; returns at once. Runs are not
    // queued up: several notifies before the thread wakes give one run.
    void notify();
    void notify(std::string_view name);

    // Lets a running task finish, then joins the thread. Idempotent. Tasks registered later
    // never run.
    void stop();

    // Whether stop() was called: a task working through a backlog ends between items then.
    bool stopping() const;

    // Completed runs of all tasks so far (for /metrics and tests).
    std::uint64_t runs() const;

private:
    struct Task {
        std::string name;
        std::chrono::milliseconds interval;
        std::function<void()> fn;
        std::chrono::steady_clock::time_point due;
    };
    void loop();
    static void run_one(const std::string& name, const std::function<void()>& fn);

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::vector<Task> tasks_;
    bool stopping_ = false;
    std::uint64_t runs_ = 0;
    std::thread thread_;  // last: starts after the members it uses exist
};

}  // namespace syn::jobs
