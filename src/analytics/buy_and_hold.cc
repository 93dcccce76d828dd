#include "analytics/buy_and_hold.h"

#include <algorithm>
#include <cmath>
#include <tuple>

namespace pulse::analytics {

namespace {

bool PositivePrice(double price) { return std::isfinite(price) && price > 0; }

}  // namespace

void DailyCloses::Add(std::string_view symbol, const Bar& bar, UnixNanos close_time) {
  auto it = index_.find(symbol);
  if (it == index_.end()) {
    it = index_.emplace(std::string(symbol), series_.size()).first;
    series_.push_back({std::string(symbol), {bar.open_time, bar.open}, {}});
  }
  std::vector<PriceMark>& closes = series_[it->second].day_closes;
  const PriceMark mark{close_time, bar.close};
  if (!closes.empty() &&
      FloorDiv(closes.back().time, kNanosPerDay) == FloorDiv(close_time, kNanosPerDay)) {
    closes.back() = mark;
  } else {
    closes.push_back(mark);
  }
}

Result<BuyAndHoldBenchmark> BuyAndHold(std::span<const SymbolDailyCloses> series, double capital,
                                       UnixNanos start) {
  if (series.empty()) return InvalidArgumentError("a buy-and-hold benchmark needs a symbol");
  if (!(std::isfinite(capital) && capital > 0)) {
    return InvalidArgumentError("the benchmark's capital must be positive, got {}", capital);
  }
  BuyAndHoldBenchmark out;
  // Every price as (time, symbol, price); the first mark of a symbol is its buy.
  std::vector<std::tuple<UnixNanos, std::size_t, double>> prices;
  double change_sum = 0;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const SymbolDailyCloses& s = series[i];
    if (s.day_closes.empty()) {
      return InvalidArgumentError("symbol {} has no close for the benchmark", s.symbol);
    }
    if (s.first.time < start) {
      return InvalidArgumentError("symbol {}: first price at {} is before the start {}", s.symbol,
                                  FormatIso8601(s.first.time), FormatIso8601(start));
    }
    PriceMark previous = s.first;
    for (const PriceMark& m : s.day_closes) {
      for (const PriceMark& p : {previous, m}) {
        if (!PositivePrice(p.price)) {
          return InvalidArgumentError("symbol {}: price {} at {} is not positive", s.symbol,
                                      p.price, FormatIso8601(p.time));
        }
      }
      if (m.time < previous.time) {
        return InvalidArgumentError("symbol {}: price at {} is earlier than the one at {}",
                                    s.symbol, FormatIso8601(m.time), FormatIso8601(previous.time));
      }
      previous = m;
    }
    const PriceMark& last = s.day_closes.back();
    const double change = last.price / s.first.price - 1;
    out.symbols.push_back({s.symbol, s.first, last, change});
    change_sum += change;
    prices.emplace_back(s.first.time, i, s.first.price);
    for (const PriceMark& m : s.day_closes) prices.emplace_back(m.time, i, m.price);
  }
  out.market_change = change_sum / static_cast<double>(series.size());

  std::stable_sort(prices.begin(), prices.end(),
                   [](const auto& a, const auto& b) { return std::get<0>(a) < std::get<0>(b); });
  const double sleeve = capital / static_cast<double>(series.size());
  // Each sleeve's value: cash until its symbol's buy, then sleeve x price / buy price.
  std::vector<double> value(series.size(), sleeve);
  out.curve.push_back({start, capital});
  for (std::size_t k = 0; k < prices.size(); ++k) {
    const auto [time, i, price] = prices[k];
    value[i] = sleeve * (price / series[i].first.price);
    if (k + 1 < prices.size() && std::get<0>(prices[k + 1]) == time) continue;
    double equity = 0;
    for (double v : value) equity += v;
    if (time == out.curve.back().time) {
      out.curve.back().equity = equity;
    } else {
      out.curve.push_back({time, equity});
    }
  }
  return out;
}

}  // namespace pulse::analytics
