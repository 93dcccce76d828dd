// Registration of the `pulse` subcommands, one function per command group.
#pragma once

#include <CLI/CLI.hpp>

#include "app/cli_context.h"

namespace pulse::app {

void AddConfigCommands(CLI::App& app, CliContext& ctx);
void AddDbCommands(CLI::App& app, CliContext& ctx);
void AddSignalCommands(CLI::App& app, CliContext& ctx);
// `signals generate`, added to the `signals` group by AddSignalCommands.
void AddSignalGenerateCommand(CLI::App& signals, CliContext& ctx);
void AddRecordCommands(CLI::App& app, CliContext& ctx);
void AddStatsCommand(CLI::App& app, CliContext& ctx);
void AddDataCommands(CLI::App& app, CliContext& ctx);
void AddIndicatorCommands(CLI::App& app, CliContext& ctx);
void AddFeatureCommands(CLI::App& app, CliContext& ctx);
void AddModelCommands(CLI::App& app, CliContext& ctx);
void AddMetricsCommand(CLI::App& app, CliContext& ctx);
void AddBacktestCommand(CLI::App& app, CliContext& ctx);
// `run` and `control`.
void AddRunCommand(CLI::App& app, CliContext& ctx);

}  // namespace pulse::app
