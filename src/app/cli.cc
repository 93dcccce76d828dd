#include "app/cli.h"

#include <CLI/CLI.hpp>

#include "app/cli_context.h"
#include "app/commands/commands.h"
#include "core/log.h"

namespace pulse::app {

int RunCli(int argc, char** argv) {
  CLI::App app{"Pulse: signals, outcomes and risk for crypto trading", "pulse"};
  app.require_subcommand(1);
  app.fallthrough();
  CliContext ctx;
  app.add_option("--config", ctx.config_path, "YAML configuration file (default: PULSE_CONFIG)");
  app.add_option("--db", ctx.db_url,
                 "Database URL, e.g. sqlite://./var/pulse.db or postgresql://...");
  app.add_option("--env-file", ctx.env_file, "Environment file (default: ./.env when present)");

  AddConfigCommands(app, ctx);
  AddDbCommands(app, ctx);
  AddSignalCommands(app, ctx);
  AddRecordCommands(app, ctx);
  AddStatsCommand(app, ctx);
  AddDataCommands(app, ctx);
  AddIndicatorCommands(app, ctx);
  AddFeatureCommands(app, ctx);
  AddModelCommands(app, ctx);
  AddMetricsCommand(app, ctx);
  AddBacktestCommand(app, ctx);
  AddRunCommand(app, ctx);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitBadInput;
  }
  FlushLogs();
  return ctx.exit_code;
}

}  // namespace pulse::app
