#include "bench/pipeline/replay_runs.h"

#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/features_builder.h"
#include "app/pipeline_run.h"

namespace pulse::bench {

Result<ReplayResult> ReplayPipeline(BarSource& source, const app::Config& config,
                                    StoreKind store_kind, int closes_per_transaction,
                                    StoredRows* stored) {
  source.Restart();
  ReplayResult result;
  std::vector<app::SymbolBar> close;
  if (!source.NextClose(close)) return result;
  SimulatedClock clock(close.front().bar.open_time);
  ASSIGN_OR_RETURN(std::unique_ptr<BenchStore> store, BenchStore::Open(store_kind, clock));
  // As `pulse run` runs: resolved outcomes go to the store only, none are kept in memory.
  app::PipelineOptions options;
  options.keep_outcomes = false;
  ASSIGN_OR_RETURN(std::unique_ptr<app::Pipeline> pipeline,
                   app::Pipeline::Create(config, clock, store->stores(), std::move(options)));
  storage::SqlDatabase* db = closes_per_transaction > 0 ? store->db() : nullptr;
  bool more = true;
  auto closes = [&](int count) -> Status {
    for (int i = 0; more && (count <= 0 || i < count); ++i) {
      RETURN_IF_ERROR(pipeline->OnBarClose(close));
      RETURN_IF_ERROR(pipeline->SaveAccount());
      result.bars += static_cast<std::int64_t>(close.size());
      ++result.closes;
      more = source.NextClose(close);
    }
    return Status::Ok();
  };
  while (more) {
    if (db != nullptr) {
      RETURN_IF_ERROR(
          db->InTransaction([&](storage::SqlDatabase&) { return closes(closes_per_transaction); }));
    } else {
      RETURN_IF_ERROR(closes(0));
    }
  }
  RETURN_IF_ERROR(pipeline->Finish(/*close_open=*/true));
  result.counts = pipeline->counts();
  result.sink = pipeline->portfolio().equity;
  ASSIGN_OR_RETURN(result.stored_signals, store->Rows("signals"));
  ASSIGN_OR_RETURN(result.stored_contributions, store->Rows("theory_performance"));
  if (stored != nullptr && store->db() != nullptr) {
    ASSIGN_OR_RETURN(*stored, ReadStoredRows(*store->db()));
  }
  return result;
}

Result<ReplayResult> ReplayRunCommand(const std::vector<std::string>& files,
                                      const app::Config& config) {
  SimulatedClock migrated_at(0);
  ASSIGN_OR_RETURN(std::unique_ptr<BenchStore> store,
                   BenchStore::Open(StoreKind::kSqliteFile, migrated_at));
  app::Config run_config = config;
  run_config.run.data = fmt::format("{}", fmt::join(files, ","));
  app::RunOptions options;
  options.exit_at_end = true;
  const SystemClock wall;
  ASSIGN_OR_RETURN(app::RunSummary summary,
                   app::RunPipeline(run_config, *store->db(), wall, options));
  ReplayResult result;
  result.bars = summary.bars;
  result.closes = summary.bar_closes;
  result.counts = summary.counts;
  result.sink = summary.portfolio.equity;
  ASSIGN_OR_RETURN(result.stored_signals, store->Rows("signals"));
  ASSIGN_OR_RETURN(result.stored_contributions, store->Rows("theory_performance"));
  return result;
}

Result<ReplayResult> ReplayFeatures(BarSource& source, const indicators::FeatureSetSpec& spec) {
  source.Restart();
  ReplayResult result;
  std::map<std::string, app::StreamingFeatures, std::less<>> symbols;
  std::string key;
  std::vector<app::SymbolBar> close;
  while (source.NextClose(close)) {
    for (const app::SymbolBar& b : close) {
      key.assign(b.exchange).append(":").append(b.symbol);
      auto it = symbols.find(key);
      if (it == symbols.end()) {
        ASSIGN_OR_RETURN(app::StreamingFeatures features, app::StreamingFeatures::Create(spec));
        it = symbols.emplace(key, std::move(features)).first;
      }
      RETURN_IF_ERROR(it->second.OnBaseBar(b.bar));
      result.sink += it->second.Values()[0];
    }
    result.bars += static_cast<std::int64_t>(close.size());
    ++result.closes;
  }
  return result;
}

ReplayResult ReplayMergeOnly(BarSource& source) {
  source.Restart();
  ReplayResult result;
  std::vector<app::SymbolBar> close;
  while (source.NextClose(close)) {
    for (const app::SymbolBar& b : close) result.sink += b.bar.close;
    result.bars += static_cast<std::int64_t>(close.size());
    ++result.closes;
  }
  return result;
}

}  // namespace pulse::bench
