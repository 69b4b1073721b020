#pragma once
// A capability module as the program sees it: one install() that registers everything the
// module brings (permissions, routes, navigation, home-page entries, background jobs, its part of
// the demo), and its command-line verbs. src/app/ only lists the modules.
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "platform/config/config.hpp"

namespace CLI {
class App;
}

namespace syn::web {

class App;

// `synergeia <group> <verb> [--db URL] …`: the program adds --db and reads the configuration;
// define() adds the verb's own options to its sub-command, and run() runs it after parsing,
// returning the exit code. The two share whatever state the module gives them.
struct Command {
    std::string group;       // "registry"
    std::string group_help;  // "Organisation registry"
    std::string verb;        // "generate"
    std::string help;
    std::function<void(CLI::App&)> define;
    std::function<int(const config::Config&)> run;
};

struct Module {
    std::string_view name;
    void (*install)(App&) = nullptr;
    std::vector<Command> (*commands)() = nullptr;
};

}  // namespace syn::web
