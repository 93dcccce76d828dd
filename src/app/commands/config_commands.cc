// `pulse config check|show`.
#include <iostream>

#include "app/commands/commands.h"
#include "app/config/config_dump.h"
#include "app/config/config_loader.h"
#include "app/config_warnings.h"
#include "app/pipeline.h"

namespace pulse::app {

namespace {

int RunCheck(CliContext& ctx) {
  ConfigLoadReport report = LoadConfigReport(ctx.Sources());
  for (const std::string& f : report.files_read) std::cout << "read " << f << "\n";
  if (report.ok()) {
    // What the loader accepts key by key, the engines may still refuse together (a yellow
    // line below the red one, a volatility feature the feature set lacks, a model file that
    // cannot be read): `pulse run` would stop there, so check reports it now.
    for (std::string& problem : PipelineConfigProblems(report.config)) {
      report.problems.push_back(ConfigProblem{"", std::move(problem)});
    }
    const RunConfig& run = report.config.run;
    Status range = ParseTimeRange(run.from, "run.from", run.to, "run.to").status();
    if (!range.ok()) report.problems.push_back(ConfigProblem{"", range.message()});
  }
  if (!report.ok()) {
    std::cerr << fmt::format("invalid configuration ({} problem{}):\n", report.problems.size(),
                             report.problems.size() == 1 ? "" : "s");
    for (const ConfigProblem& p : report.problems) std::cerr << "  " << p.ToString() << "\n";
    return kExitBadInput;
  }
  std::cout << fmt::format("configuration is valid (environment: {})\n",
                           EnvironmentName(report.config.environment));
  // Valid, but some settings may work against each other: said, not refused.
  for (const std::string& warning : ConfigWarnings(report.config)) {
    std::cout << "warning: " << warning << "\n";
  }
  return kExitOk;
}

int RunShow(CliContext& ctx) {
  ConfigLoadReport report = LoadConfigReport(ctx.Sources());
  if (!report.ok()) {
    return ctx.Fail(InvalidArgumentError("invalid configuration ({} problems):\n{}",
                                         report.problems.size(), report.ProblemText()));
  }
  std::cout << DumpConfigYaml(report.config, /*mask_secrets=*/true, &report.origins);
  return kExitOk;
}

}  // namespace

void AddConfigCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* config = app.add_subcommand("config", "Check or show the configuration");
  config->require_subcommand(1);
  config->add_subcommand("check", "Validate the configuration; every problem at once")
      ->callback([&ctx] { ctx.exit_code = RunCheck(ctx); });
  config->add_subcommand("show", "Print the effective configuration, secrets masked")
      ->callback([&ctx] { ctx.exit_code = RunShow(ctx); });
}

}  // namespace pulse::app
