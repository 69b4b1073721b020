#include "platform/jobs/runner.hpp"

#include "platform/db/database.hpp"

#include <nlohmann/json.hpp>
#include <soci/soci.h>

#include <cstdio>
#include <exception>

namespace syn::jobs {

Runner::Runner() : thread_([this] { loop(); }) {}

Runner::~Runner() { stop(); }

void Runner::every(std::string name, std::chrono::milliseconds interval, std::function<void()> task) {
    {
        std::lock_guard lock(mu_);
        tasks_.push_back({std::move(name), interval, std::move(task), std::chrono::steady_clock::now()});
    }
    cv_.notify_all();
}

void Runner::notify() {
    {
        std::lock_guard lock(mu_);
        for (Task& t : tasks_) t.due = std::chrono::steady_clock::time_point::min();
    }
    cv_.notify_all();
}

void Runner::notify(std::string_view name) {
    {
        std::lock_guard lock(mu_);
        for (Task& t : tasks_)
            if (t.name == name) t.due = std::chrono::steady_clock::time_point::min();
    }
    cv_.notify_all();
}

void Runner::stop() {
    {
        std::lock_guard lock(mu_);
        stopping_ = true;
    }
    cv_.notify_all();
    // A task that calls stop() must not join its own thread.
    if (thread_.joinable() && thread_.get_id() != std::this_thread::get_id()) thread_.join();
}

bool Runner::stopping() const {
    std::lock_guard lock(mu_);
    return stopping_;
}

std::uint64_t Runner::runs() const {
    std::lock_guard lock(mu_);
    return runs_;
}

void Runner::loop() {
    std::unique_lock lock(mu_);
    while (!stopping_) {
        // The earliest due task; ties go to the one registered first.
        Task* next = nullptr;
        for (Task& t : tasks_)
            if (!next || t.due < next->due) next = &t;
        const auto now = std::chrono::steady_clock::now();
        if (!next) {
            cv_.wait(lock);
            continue;
        }
        if (next->due > now) {
            // Wait on a copy: wait_until reads its deadline again after each wake-up, and an
            // every() meanwhile may grow tasks_ and move the task it would point into.
            const auto due = next->due;
            cv_.wait_until(lock, due);
            continue;  // re-evaluate: a notify, a new task or stop may have come
        }
        // Copy what the run needs: every() may grow tasks_ (and move it) while we run unlocked.
        const std::size_t index = static_cast<std::size_t>(next - tasks_.data());
        const std::string name = next->name;
        const std::function<void()> fn = next->fn;
        next->due = std::chrono::steady_clock::time_point::max();  // not due while running
        lock.unlock();
        run_one(name, fn);
        lock.lock();
        Task& done = tasks_[index];
        // A notify during the run set due to min(): honour it with another run.
        if (done.due == std::chrono::steady_clock::time_point::max())
            done.due = std::chrono::steady_clock::now() + done.interval;
        ++runs_;
    }
}

void Runner::run_one(const std::string& name, const std::function<void()>& fn) {
    std::string error;
    try {
        fn();
        return;
    } catch (const soci::soci_error& e) {
        // SOCI's what() appends the statement's bound values, which may be personal data
        // (rule 10: never in logs); the engine's message alone names the problem.
        error = e.get_error_message();
    } catch (const std::exception& e) {
        error = e.what();
    } catch (...) {
        error = "unknown exception";
    }
    const nlohmann::json line = {{"at", db::now_unix()}, {"level", "error"}, {"component", "jobs"},
                                 {"task", name},       {"error", error}};
    // One write per line, so lines from several threads do not interleave.
    const std::string text = line.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
    std::fflush(stderr);
}

}  // namespace syn::jobs
