// CandleStore: the port through which candles (table ohlcv) are saved and read back.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "core/time.h"
#include "model/bar.h"

namespace pulse {

// Candle persistence. Implementations are thread-compatible: one caller at a time per
// instance (the batching writer or a CLI command owns it).
class CandleStore {
 public:
  virtual ~CandleStore() = default;

  // Inserts or replaces bars of one series (same key + open_time replaces), all in one
  // transaction: either every bar is stored or none. Returns how many rows were new.
  virtual Result<std::int64_t> UpsertBars(const BarKey& key, std::span<const Bar> bars) = 0;
  // Bars of a series with from <= open_time < to, in time order.
  virtual Result<std::vector<Bar>> LoadBars(const BarKey& key, UnixNanos from, UnixNanos to) = 0;
  // Number of stored bars of a series.
  virtual Result<std::int64_t> CountBars(const BarKey& key) = 0;
  // The symbols with bars of `timeframe` on `exchange`, in ascending order.
  virtual Result<std::vector<std::string>> ListSymbols(std::string_view exchange,
                                                       Timeframe timeframe) = 0;
};

}  // namespace pulse
