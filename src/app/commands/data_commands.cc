// `pulse data import|validate|resample|replay`: registration, validate and resample.
#include "app/commands/data_commands.h"

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>
#include <map>

#include <nlohmann/json.hpp>

#include "adapters/replay/candle_file_reader.h"
#include "app/commands/commands.h"
#include "app/features_builder.h"
#include "engines/data/candle_validator.h"
#include "engines/data/resampler.h"

namespace pulse::app {

namespace {

// InferBarTimeframe with the file named and the option to pass instead.
Result<Timeframe> InferTimeframe(const std::vector<Bar>& bars, const std::string& path) {
  Result<Timeframe> found = InferBarTimeframe(bars);
  if (!found.ok()) {
    return InvalidArgumentError("{}: {}; pass --from", path, found.status().message());
  }
  return found;
}

bool Near(double a, double b) {
  return std::fabs(a - b) <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
}

Status WriteCsv(const std::vector<Bar>& bars, const std::string& path) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return InvalidArgumentError("cannot write '{}'", path);
  out << "timestamp_ms,open,high,low,close,volume\n";
  for (const Bar& b : bars) {
    out << fmt::format("{},{},{},{},{},{}\n", ToMillis(b.open_time), b.open, b.high, b.low, b.close,
                       b.volume);
  }
  out.close();
  if (!out) return DataLossError("writing '{}' failed", path);
  return Status::Ok();
}

}  // namespace

Result<int> RunDataValidate(CliContext&, const DataValidateFlags& f) {
  ASSIGN_OR_RETURN(std::vector<Bar> bars, replay::ReadCandleFile(f.file));
  data::ValidatorOptions options;
  if (!f.timeframe.empty()) {
    ASSIGN_OR_RETURN(Timeframe tf, Timeframe::Parse(f.timeframe));
    options.timeframe = tf;
  }
  data::CandleValidator validator(options);
  const data::DataQualityReport report = validator.Validate(bars, f.file);
  if (f.format == "json") {
    std::cout << data::ToJson(report).dump(2) << "\n";
  } else {
    std::cout << data::ToText(report);
  }
  return report.usable ? kExitOk : kExitCheckFailed;
}

Status RunDataResample(CliContext&, const DataResampleFlags& f) {
  ASSIGN_OR_RETURN(Timeframe to, Timeframe::Parse(f.to));
  ASSIGN_OR_RETURN(std::vector<Bar> bars, replay::ReadCandleFile(f.file));
  Timeframe from;
  if (f.from.empty()) {
    ASSIGN_OR_RETURN(from, InferTimeframe(bars, f.file));
  } else {
    ASSIGN_OR_RETURN(from, Timeframe::Parse(f.from));
  }
  data::ResampleOptions options;
  options.keep_incomplete_first = f.keep_incomplete;
  options.keep_incomplete_last = f.keep_incomplete;
  data::AggregationStats stats;
  Result<std::vector<Bar>> out = data::Resample(bars, from, to, options, &stats);
  if (!out.ok()) return out.status().WithContext(f.file);
  if (f.out.empty()) {
    std::cout << "timestamp_ms,open,high,low,close,volume\n";
    for (const Bar& b : *out) {
      std::cout << fmt::format("{},{},{},{},{},{}\n", ToMillis(b.open_time), b.open, b.high, b.low,
                               b.close, b.volume);
    }
  } else {
    RETURN_IF_ERROR(WriteCsv(*out, f.out));
  }
  std::ostream& info = f.out.empty() ? std::cerr : std::cout;
  info << fmt::format(
      "resampled {} {} bars into {} {} bars ({} with missing base bars, {} base bars missing; "
      "partial first/last buckets dropped: {}/{}){}\n",
      stats.input_bars, from.ToString(), stats.output_bars, to.ToString(), stats.incomplete_buckets,
      stats.missing_base_bars, stats.dropped_first, stats.dropped_last,
      f.out.empty() ? "" : " -> " + f.out);

  if (!f.compare.empty()) {
    ASSIGN_OR_RETURN(std::vector<Bar> native, replay::ReadCandleFile(f.compare));
    std::map<UnixNanos, const Bar*> by_time;
    for (const Bar& b : native) by_time[b.open_time] = &b;
    std::int64_t compared = 0, equal = 0;
    std::string first_diff;
    for (const Bar& b : *out) {
      auto it = by_time.find(b.open_time);
      if (it == by_time.end()) continue;
      ++compared;
      const Bar& n = *it->second;
      if (b.open == n.open && b.high == n.high && b.low == n.low && b.close == n.close &&
          Near(b.volume, n.volume)) {
        ++equal;
      } else if (first_diff.empty()) {
        first_diff = fmt::format(
            " first difference at {}: ours o={} h={} l={} c={} v={}, theirs "
            "o={} h={} l={} c={} v={}",
            FormatIso8601(b.open_time), b.open, b.high, b.low, b.close, b.volume, n.open, n.high,
            n.low, n.close, n.volume);
      }
    }
    info << fmt::format("compared with {}: {} of {} bars at the same times are identical{}\n",
                        f.compare, equal, compared, first_diff);
  }
  return Status::Ok();
}

void AddDataCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* data = app.add_subcommand("data", "Import, validate, resample and replay candles");
  data->require_subcommand(1);

  auto imp = std::make_shared<DataImportFlags>();
  CLI::App* import = data->add_subcommand("import", "Import candles into the store (idempotent)");
  import->add_option("file", imp->file, "CSV, freqtrade JSON or Binance klines; .gz accepted")
      ->required();
  import->add_option("--symbol", imp->symbol, "Instrument, e.g. BTCUSDT")->required();
  import->add_option("--timeframe", imp->timeframe, "Bar timeframe, e.g. 5m")->required();
  import->add_option("--exchange", imp->exchange, "Venue")->capture_default_str();
  import->callback([&ctx, imp] { ctx.Finish(RunDataImport(ctx, *imp));
});

auto val = std::make_shared<DataValidateFlags>();
CLI::App* validate = data->add_subcommand("validate", "Data-quality report; exit 0 usable, 1 not");
validate->add_option("file", val->file, "Candle file")->required();
validate->add_option("--timeframe", val->timeframe, "Expected timeframe (default: inferred)");
validate->add_option("--format", val->format, "text or json")
    ->check(CLI::IsMember({"text", "json"}))
    ->capture_default_str();
validate->callback([&ctx, val] {
  Result<int> r = RunDataValidate(ctx, *val);
  ctx.exit_code = r.ok() ? *r : ctx.Fail(r.status());
});

auto res = std::make_shared<DataResampleFlags>();
CLI::App* resample = data->add_subcommand("resample", "Aggregate candles into a larger timeframe");
resample->add_option("file", res->file, "Candle file")->required();
resample->add_option("--to", res->to, "Target timeframe, e.g. 1h")->required();
resample->add_option("--from", res->from, "Source timeframe (default: inferred)");
resample->add_flag("--keep-incomplete", res->keep_incomplete,
                   "Also emit partly covered first and last buckets");
resample->add_option("--out", res->out, "Write CSV here (default: stdout)");
resample->add_option("--compare", res->compare,
                     "Native bars of the target timeframe to compare with");
resample->callback([&ctx, res] { ctx.Finish(RunDataResample(ctx, *res)); });

auto rep = std::make_shared<DataReplayFlags>();
CLI::App* replay = data->add_subcommand("replay", "Replay candle files in time order");
replay->add_option("files", rep->files, "Files named <SYMBOL>-<timeframe>.csv[.gz]")->required();
replay->add_option("--speed", rep->speed, "Multiple of real time; 0 = as fast as possible")
    ->capture_default_str();
replay->add_option("--progress", rep->progress, "auto, on or off")
    ->check(CLI::IsMember({"auto", "on", "off"}))
    ->capture_default_str();
replay->callback([&ctx, rep] { ctx.Finish(RunDataReplay(ctx, *rep)); });
}  // namespace pulse::app

}  // namespace pulse::app
