#include "platform/http/descriptors.hpp"

#include <sys/resource.h>

#include <algorithm>

namespace syn::http {

std::size_t raise_descriptor_limit() {
    rlimit lim{};
    if (getrlimit(RLIMIT_NOFILE, &lim) != 0) return 1024;
    if (lim.rlim_cur < lim.rlim_max) {
        rlimit raised = lim;
        raised.rlim_cur = lim.rlim_max;
        // An unlimited hard limit is capped by the kernel's nr_open: fall back to a large round one.
        if (setrlimit(RLIMIT_NOFILE, &raised) != 0 && lim.rlim_max == RLIM_INFINITY) {
            raised.rlim_cur = 1u << 20;
            if (setrlimit(RLIMIT_NOFILE, &raised) != 0) raised.rlim_cur = lim.rlim_cur;
        }
        getrlimit(RLIMIT_NOFILE, &lim);
    }
    return lim.rlim_cur == RLIM_INFINITY ? std::size_t{1} << 20 : static_cast<std::size_t>(lim.rlim_cur);
}

std::size_t descriptor_reserve(std::size_t db_pool, std::size_t handler_threads) {
    return 32 + 3 * db_pool + handler_threads;
}

std::size_t connection_cap(std::size_t max_connections, std::size_t descriptor_limit, std::size_t reserve) {
    const std::size_t room = descriptor_limit > reserve ? descriptor_limit - reserve : 0;
    return std::max<std::size_t>(16, std::min(max_connections, room));
}

}  // namespace syn::http
