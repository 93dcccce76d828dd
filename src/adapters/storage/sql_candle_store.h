// SqlCandleStore: the CandleStore port on any SqlDatabase (table ohlcv).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "adapters/storage/sql_database.h"
#include "ports/candle_store.h"

namespace pulse::storage {

// Candles in table ohlcv, keyed by (exchange, symbol, timeframe, open_time in UnixNanos).
// Upserts go through SqlDatabase::BulkUpsert (one reused prepared statement on SQLite,
// multi-row INSERT ... ON CONFLICT on PostgreSQL) in one transaction.
// Lifecycle: borrows `db`, which must outlive it; cheap to construct per use.
// Threading: thread-compatible, like the database it uses.
class SqlCandleStore final : public CandleStore {
 public:
  explicit SqlCandleStore(SqlDatabase& db) : db_(db) {}

  // Bars repeating an open_time within one call: the last one wins.
  Result<std::int64_t> UpsertBars(const BarKey& key, std::span<const Bar> bars) override;
  Result<std::vector<Bar>> LoadBars(const BarKey& key, UnixNanos from, UnixNanos to) override;
  Result<std::int64_t> CountBars(const BarKey& key) override;
  Result<std::vector<std::string>> ListSymbols(std::string_view exchange,
                                               Timeframe timeframe) override;

 private:
  Result<std::int64_t> CountRange(const BarKey& key, UnixNanos from, UnixNanos to_inclusive);

  SqlDatabase& db_;
};

}  // namespace pulse::storage
