// `pulse features`: the configured feature matrix of a candle file as CSV.
#include <cmath>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "app/commands/commands.h"
#include "app/config/features_config.h"
#include "app/feature_input.h"
#include "app/features_builder.h"
#include "app/progress_bar.h"

namespace pulse::app {

namespace {

struct FeaturesFlags {
  std::string data, out, timeframe, progress = "auto";
};

Status WriteMatrix(const FeatureMatrix& matrix, std::ostream& out) {
  fmt::memory_buffer line;
  fmt::format_to(std::back_inserter(line), "timestamp_ms");
  for (const std::string& name : matrix.names)
    fmt::format_to(std::back_inserter(line), ",{}", name);
  line.push_back('\n');
  for (size_t r = 0; r < matrix.rows(); ++r) {
    fmt::format_to(std::back_inserter(line), "{}", ToMillis(matrix.times[r]));
    for (double v : matrix.Row(r)) {
      line.push_back(',');
      if (!std::isnan(v)) fmt::format_to(std::back_inserter(line), "{}", v);
    }
    line.push_back('\n');
    if (line.size() > (1 << 16)) {
      out.write(line.data(), static_cast<std::streamsize>(line.size()));
      line.clear();
    }
  }
  out.write(line.data(), static_cast<std::streamsize>(line.size()));
  return Status::Ok();
}

Status RunFeatures(CliContext& ctx, const FeaturesFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  if (!f.timeframe.empty()) {
    Status tf = Timeframe::Parse(f.timeframe).status();
    if (!tf.ok()) return tf.WithContext("--timeframe");
  }
  ASSIGN_OR_RETURN(indicators::FeatureSetSpec spec,
                   FeatureSetSpecFromConfig(config->features, f.timeframe));
  ASSIGN_OR_RETURN(const std::vector<Bar> bars,
                   ReadFeatureInput(f.data, spec, !f.timeframe.empty()));

  const ProgressBar::Mode mode = ProgressBar::ModeFromFlag(f.progress);
  ProgressBar progress("features", static_cast<std::int64_t>(bars.size()), mode);
  Result<FeatureMatrix> matrix =
      ComputeFeatureMatrix(bars, spec, [&](std::int64_t done) { progress.Update(done); });
  progress.Finish();
  if (!matrix.ok()) return matrix.status().WithContext(f.data);

  if (f.out.empty()) return WriteMatrix(*matrix, std::cout);
  std::ofstream file(f.out, std::ios::binary | std::ios::trunc);
  if (!file) return InvalidArgumentError("cannot write '{}'", f.out);
  RETURN_IF_ERROR(WriteMatrix(*matrix, file));
  file.close();
  if (!file) return DataLossError("writing '{}' failed", f.out);
  std::cout << fmt::format("wrote {} rows x {} features to {}\n", matrix->rows(),
                           matrix->names.size(), f.out);
  return Status::Ok();
}

}  // namespace

void AddFeatureCommands(CLI::App& app, CliContext& ctx) {
  auto flags = std::make_shared<FeaturesFlags>();
  CLI::App* features = app.add_subcommand(
      "features", "The configured feature matrix of a candle file (CSV: timestamp_ms, features)");
  features
      ->add_option("--data", flags->data, "Candle file (CSV, freqtrade JSON, Binance klines, .gz)")
      ->required();
  features->add_option("--out", flags->out, "Write CSV here (default: stdout)");
  features->add_option("--timeframe", flags->timeframe,
                       "Base timeframe of the file (default: features.base_timeframe)");
  features->add_option("--progress", flags->progress, "Progress bar: auto, on or off")
      ->check(CLI::IsMember({"auto", "on", "off"}))
      ->capture_default_str();
  features->callback([&ctx, flags] { ctx.Finish(RunFeatures(ctx, *flags)); });
}

}  // namespace pulse::app
