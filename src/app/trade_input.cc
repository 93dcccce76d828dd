#include "app/trade_input.h"

#include <algorithm>
#include <iterator>

#include "adapters/replay/trade_file_reader.h"
#include "app/feature_input.h"
#include "core/ids.h"

namespace pulse::app {

Result<std::vector<SymbolTrades>> ReadSymbolTrades(const std::vector<std::string>& entries,
                                                   const std::string& exchange) {
  std::vector<SymbolTrades> out;
  for (const std::string& entry : entries) {
    Result<SymbolFileEntry> parsed = ParseSymbolFileEntry(entry);
    if (!parsed.ok()) return parsed.status().WithContext("trades");
    const std::string& path = parsed->path;
    ASSIGN_OR_RETURN(replay::TradeFile file, replay::ReadTradeFile(path));
    std::string symbol = parsed->symbol;
    if (symbol.empty() && file.symbol) {
      Result<std::string> named = NormalizeSymbol(*file.symbol);
      if (!named.ok()) return named.status().WithContext(path + ": symbol column");
      symbol = *named;
    } else if (symbol.empty()) {
      ASSIGN_OR_RETURN(symbol, SymbolFromFileName(path));
    }
    auto same = std::find_if(out.begin(), out.end(),
                             [&](const SymbolTrades& s) { return s.symbol == symbol; });
    if (same == out.end()) {
      out.push_back(SymbolTrades{exchange, symbol, std::move(file.prints)});
      continue;
    }
    std::vector<TradePrint> merged;
    merged.reserve(same->prints.size() + file.prints.size());
    std::merge(same->prints.begin(), same->prints.end(), file.prints.begin(), file.prints.end(),
               std::back_inserter(merged),
               [](const TradePrint& a, const TradePrint& b) { return a.time < b.time; });
    same->prints = std::move(merged);
  }
  return out;
}

TradeStream::TradeStream(const std::vector<SymbolTrades>& series)
    : series_(series), next_(series.size(), 0) {
  for (const SymbolTrades& s : series) total_ += static_cast<std::int64_t>(s.prints.size());
}

bool TradeStream::NextBefore(UnixNanos before, Item* out) {
  // The earliest next print across the series; on equal times the first series.
  std::size_t best = series_.size();
  for (std::size_t i = 0; i < series_.size(); ++i) {
    if (next_[i] >= series_[i].prints.size()) continue;
    if (best == series_.size() ||
        series_[i].prints[next_[i]].time < series_[best].prints[next_[best]].time) {
      best = i;
    }
  }
  if (best == series_.size()) return false;
  const TradePrint& p = series_[best].prints[next_[best]];
  if (p.time >= before) return false;
  *out = Item{p.time, p.price, static_cast<std::uint32_t>(best)};
  ++next_[best];
  ++given_;
  return true;
}

}  // namespace pulse::app
