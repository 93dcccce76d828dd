#include "adapters/storage/sql_candle_store.h"

#include <algorithm>
#include <cmath>

namespace pulse::storage {

namespace {

const BulkUpsertSpec& OhlcvSpec() {
  static const BulkUpsertSpec kSpec{
      "ohlcv",
      {"exchange", "symbol", "timeframe", "open_time", "open", "high", "low", "close", "volume"},
      {"exchange", "symbol", "timeframe", "open_time"}};
  return kSpec;
}

Status ValidateKey(const BarKey& key) {
  if (key.exchange.empty() || key.symbol.empty()) {
    return InvalidArgumentError("bar key '{}' needs an exchange and a symbol", key.ToString());
  }
  return Status::Ok();
}

}  // namespace

Result<std::int64_t> SqlCandleStore::CountRange(const BarKey& key, UnixNanos from,
                                                UnixNanos to_inclusive) {
  ASSIGN_OR_RETURN(
      SqlRows rows,
      db_.Query("SELECT count(*) FROM ohlcv WHERE exchange = ? AND symbol = ? AND "
                "timeframe = ? AND open_time >= ? AND open_time <= ?",
                {SqlValue(key.exchange), SqlValue(key.symbol), SqlValue(key.timeframe.ToString()),
                 SqlValue(from), SqlValue(to_inclusive)}));
  return rows.at(0).GetInt64(0);
}

Result<std::int64_t> SqlCandleStore::UpsertBars(const BarKey& key, std::span<const Bar> bars) {
  RETURN_IF_ERROR(ValidateKey(key));
  if (bars.empty()) return std::int64_t{0};
  // Keep the last bar of each open_time: one statement may not touch a row twice.
  std::vector<std::size_t> order(bars.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const bool sorted_unique =
      std::adjacent_find(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) {
        return a.open_time >= b.open_time;
      }) == bars.end();
  if (!sorted_unique) {
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return bars[a].open_time < bars[b].open_time;
    });
    std::vector<std::size_t> unique;
    unique.reserve(order.size());
    for (std::size_t i : order) {
      if (!unique.empty() && bars[unique.back()].open_time == bars[i].open_time) {
        unique.back() = i;
      } else {
        unique.push_back(i);
      }
    }
    order = std::move(unique);
  }
  const std::string timeframe = key.timeframe.ToString();
  std::vector<SqlValue> values;
  values.reserve(order.size() * 9);
  for (std::size_t i : order) {
    const Bar& b = bars[i];
    for (double v : {b.open, b.high, b.low, b.close, b.volume}) {
      if (!std::isfinite(v)) {
        return InvalidArgumentError("bar {} at {} has a non-finite value", key.ToString(),
                                    FormatIso8601(b.open_time));
      }
    }
    values.emplace_back(key.exchange);
    values.emplace_back(key.symbol);
    values.emplace_back(timeframe);
    values.emplace_back(b.open_time);
    values.emplace_back(b.open);
    values.emplace_back(b.high);
    values.emplace_back(b.low);
    values.emplace_back(b.close);
    values.emplace_back(b.volume);
  }
  const UnixNanos first = bars[order.front()].open_time;
  const UnixNanos last = bars[order.back()].open_time;
  std::int64_t added = 0;
  RETURN_IF_ERROR(db_.Atomically([&](SqlDatabase& db) -> Status {
    ASSIGN_OR_RETURN(std::int64_t before, CountRange(key, first, last));
    RETURN_IF_ERROR(db.BulkUpsert(OhlcvSpec(), values).status());
    ASSIGN_OR_RETURN(std::int64_t after, CountRange(key, first, last));
    added = after - before;
    return Status::Ok();
  }));
  return added;
}

Result<std::vector<Bar>> SqlCandleStore::LoadBars(const BarKey& key, UnixNanos from, UnixNanos to) {
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query("SELECT open_time, open, high, low, close, volume FROM ohlcv "
                             "WHERE exchange = ? AND symbol = ? AND timeframe = ? AND "
                             "open_time >= ? AND open_time < ? ORDER BY open_time",
                             {SqlValue(key.exchange), SqlValue(key.symbol),
                              SqlValue(key.timeframe.ToString()), SqlValue(from), SqlValue(to)}));
  std::vector<Bar> bars;
  bars.reserve(rows.size());
  for (const SqlRow& row : rows) {
    Bar b;
    ASSIGN_OR_RETURN(b.open_time, row.GetInt64(0));
    ASSIGN_OR_RETURN(b.open, row.GetDouble(1));
    ASSIGN_OR_RETURN(b.high, row.GetDouble(2));
    ASSIGN_OR_RETURN(b.low, row.GetDouble(3));
    ASSIGN_OR_RETURN(b.close, row.GetDouble(4));
    ASSIGN_OR_RETURN(b.volume, row.GetDouble(5));
    bars.push_back(b);
  }
  return bars;
}

Result<std::int64_t> SqlCandleStore::CountBars(const BarKey& key) {
  ASSIGN_OR_RETURN(SqlRows rows, db_.Query("SELECT count(*) FROM ohlcv WHERE exchange = ? AND "
                                           "symbol = ? AND timeframe = ?",
                                           {SqlValue(key.exchange), SqlValue(key.symbol),
                                            SqlValue(key.timeframe.ToString())}));
  return rows.at(0).GetInt64(0);
}

Result<std::vector<std::string>> SqlCandleStore::ListSymbols(std::string_view exchange,
                                                             Timeframe timeframe) {
  ASSIGN_OR_RETURN(SqlRows rows,
                   db_.Query("SELECT DISTINCT symbol FROM ohlcv WHERE exchange = ? AND "
                             "timeframe = ? ORDER BY symbol",
                             {SqlValue(std::string(exchange)), SqlValue(timeframe.ToString())}));
  std::vector<std::string> symbols;
  symbols.reserve(rows.size());
  for (const SqlRow& row : rows) {
    ASSIGN_OR_RETURN(std::string symbol, row.GetString(0));
    symbols.push_back(std::move(symbol));
  }
  return symbols;
}

}  // namespace pulse::storage
