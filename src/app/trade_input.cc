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
    const std::size_t eq = entry.find('=');
    const std::string path = eq == std::string::npos ? entry : entry.substr(eq + 1);
    ASSIGN_OR_RETURN(replay::TradeFile file, replay::ReadTradeFile(path));
    std::string symbol;
    if (eq != std::string::npos) {
      Result<std::string> given = NormalizeSymbol(entry.substr(0, eq));
      if (!given.ok()) return given.status().WithContext("trades " + entry);
      symbol = *given;
    } else if (file.symbol) {
      Result<std::string> named = NormalizeSymbol(*file.symbol);
      if (!named.ok()) return named.status().WithContext(path + ": symbol column");
      symbol = *named;
    } else {
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

TradeStream::TradeStream(const std::vector<SymbolTrades>& series) {
  std::size_t total = 0;
  for (const SymbolTrades& s : series) total += s.prints.size();
  items_.reserve(total);
  for (std::size_t i = 0; i < series.size(); ++i) {
    for (const TradePrint& p : series[i].prints) {
      items_.push_back(Item{p.time, p.price, static_cast<std::uint32_t>(i)});
    }
  }
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Item& a, const Item& b) { return a.time < b.time; });
}

bool TradeStream::NextBefore(UnixNanos before, Item* out) {
  if (next_ >= items_.size() || items_[next_].time >= before) return false;
  *out = items_[next_++];
  return true;
}

}  // namespace pulse::app
