// `pulse data replay`: candle files merged in time order on the simulated clock.
#include <filesystem>
#include <iostream>

#include "adapters/replay/candle_file_reader.h"
#include "adapters/replay/replay_feed.h"
#include "app/commands/data_commands.h"
#include "app/progress_bar.h"
#include "app/table_printer.h"
#include "core/log.h"

namespace pulse::app {

namespace {

// "data/sample/BTCUSDT-5m.csv.gz" -> symbol BTCUSDT, timeframe 5m.
Result<BarKey> KeyFromFileName(const std::string& path, const std::string& exchange) {
  std::string name = std::filesystem::path(path).filename().string();
  for (const char* ext : {".gz", ".csv", ".json"}) {
    const std::string e(ext);
    if (name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0) {
      name.resize(name.size() - e.size());
    }
  }
  const size_t dash = name.rfind('-');
  if (dash == std::string::npos) {
    return InvalidArgumentError(
        "'{}': name it <SYMBOL>-<timeframe>.csv[.gz], e.g. BTCUSDT-5m.csv.gz", path);
  }
  BarKey key;
  key.exchange = exchange;
  ASSIGN_OR_RETURN(key.symbol, NormalizeSymbol(name.substr(0, dash)));
  Result<Timeframe> tf = Timeframe::Parse(name.substr(dash + 1));
  if (!tf.ok()) return tf.status().WithContext(path);
  key.timeframe = *tf;
  return key;
}

struct SeriesTally {
  std::int64_t bars = 0;
  double first_close = 0;
  double last_close = 0;
};

}  // namespace

Status RunDataReplay(CliContext& ctx, const DataReplayFlags& f) {
  ASSIGN_OR_RETURN(const Config* config, ctx.GetConfig());
  SimulatedClock sim_clock(0);
  replay::ReplayFeed feed(sim_clock);
  for (const std::string& path : f.files) {
    ASSIGN_OR_RETURN(BarKey key, KeyFromFileName(path, config->data.default_exchange));
    ASSIGN_OR_RETURN(std::vector<Bar> bars,
                     replay::ReadCandleFile(path, {.require_time_order = true}));
    Status added = feed.AddSeries(key, std::move(bars));
    if (!added.ok()) return added.WithContext(path);
  }
  const double speed = f.speed > 0 ? f.speed : config->replay.speed;
  RETURN_IF_ERROR(feed.SetSpeed(speed, ctx.clock()));

  const ProgressBar::Mode mode = ProgressBar::ModeFromFlag(f.progress);
  ProgressBar progress("replay", feed.total_events(), mode);
  feed.SetProgressHandler(std::max<std::int64_t>(1, feed.total_events() / 200),
                          [&](const replay::ReplayProgress& p) { progress.Update(p.done); });

  std::vector<SeriesTally> tally(feed.series_count());
  std::vector<const BarKey*> keys(feed.series_count(), nullptr);
  std::int64_t out_of_order = 0;
  UnixNanos last_close = 0;
  const UnixNanos wall_start = ctx.clock().Now();
  ASSIGN_OR_RETURN(replay::ReplaySummary summary, feed.Run([&](const replay::ReplayEvent& e) {
    if (e.close_time < last_close || sim_clock.Now() != e.close_time) ++out_of_order;
    last_close = e.close_time;
    SeriesTally& t = tally[e.series];
    keys[e.series] = e.key;
    if (t.bars++ == 0) t.first_close = e.bar->close;
    t.last_close = e.bar->close;
  }));
  progress.Finish();
  const double wall_seconds =
      std::max(1e-9, static_cast<double>(ctx.clock().Now() - wall_start) / kNanosPerSecond);

  std::cout << fmt::format(
      "replayed {} bars from {} series in time order, {} .. {} (simulated {:.1f} days) in {:.2f} s "
      "({:.0f} bars/s)\n",
      summary.delivered, feed.series_count(), FormatIso8601(summary.first_time),
      FormatIso8601(summary.last_time),
      static_cast<double>(summary.last_time - summary.first_time) / kNanosPerDay, wall_seconds,
      static_cast<double>(summary.delivered) / wall_seconds);
  TablePrinter table({"series", ">bars", ">first close", ">last close", ">change %"});
  for (size_t i = 0; i < tally.size(); ++i) {
    if (keys[i] == nullptr) continue;
    const SeriesTally& t = tally[i];
    table.AddRow({keys[i]->symbol + " " + keys[i]->timeframe.ToString(), std::to_string(t.bars),
                  fmt::format("{}", t.first_close), fmt::format("{}", t.last_close),
                  FormatFixed((t.last_close / t.first_close - 1) * 100, 2)});
  }
  table.Print(std::cout);
  std::cout << fmt::format("out-of-order events: {}\n", out_of_order);
  LOG_DEBUG("replay: {} bars from {} series", summary.delivered, feed.series_count());
  return Status::Ok();
}

}  // namespace pulse::app
