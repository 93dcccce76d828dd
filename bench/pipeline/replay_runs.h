// The replays the pipeline benchmarks time, each over a whole BarSource from its start:
//   ReplayPipeline   app::Pipeline (features -> signal engine -> controller -> paper engine ->
//                    outcome tracker -> store, performance snapshots included), each close
//                    followed by SaveAccount as `pulse run` does, then Finish(close_open =
//                    true), keeping no outcomes in memory (as `pulse run`:
//                    PipelineOptions::keep_outcomes false); with `closes_per_transaction` > 0,
//                    that many closes run inside one store transaction (the store's own become
//                    savepoints), as `pulse run` commits (run.commit_every); 0: every store
//                    call its own transaction; with `stored`, the rows left in the store at
//                    the end are read into it (StoredRows) before the store goes;
//   ReplayRunCommand `pulse run` itself (app::RunPipeline) over candle files into a fresh
//                    SQLite file store: reading the files, the run's checkpoints and commits
//                    included;
//   ReplayFeatures   the streaming features alone (one app::StreamingFeatures per symbol, found
//                    by name as the pipeline finds its symbols): the baseline for the pipeline;
//   ReplayMergeOnly  the merge loop alone (bars produced and grouped by close, nothing else).
// Threading: single-threaded; each call owns everything it creates.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/config/config.h"
#include "app/pipeline.h"
#include "bench/pipeline/bar_source.h"
#include "bench/pipeline/bench_store.h"
#include "bench/pipeline/stored_rows.h"
#include "core/status.h"
#include "indicators/feature_set.h"

namespace pulse::bench {

struct ReplayResult {
  std::int64_t bars = 0;
  std::int64_t closes = 0;
  app::PipelineCounts counts;             // ReplayPipeline only
  std::int64_t stored_signals = 0;        // rows in the signals table at the end
  std::int64_t stored_contributions = 0;  // rows in theory_performance
  double sink = 0;                        // a value depending on every bar, so no work is skipped
};

Result<ReplayResult> ReplayPipeline(BarSource& source, const app::Config& config, StoreKind store,
                                    int closes_per_transaction = 0, StoredRows* stored = nullptr);
Result<ReplayResult> ReplayRunCommand(const std::vector<std::string>& files,
                                      const app::Config& config);
Result<ReplayResult> ReplayFeatures(BarSource& source, const indicators::FeatureSetSpec& spec);
ReplayResult ReplayMergeOnly(BarSource& source);

}  // namespace pulse::bench
