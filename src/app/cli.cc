#include "app/cli.h"

#include <CLI/CLI.hpp>

namespace pulse::app {

int RunCli(int argc, char** argv) {
  CLI::App app{"Pulse: signals, outcomes and risk for crypto trading"};
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e) == 0 ? 0 : 2;
  }
  return 0;
}

}  // namespace pulse::app
