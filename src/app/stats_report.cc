#include "app/stats_report.h"

#include <algorithm>
#include <iterator>
#include <limits>
#include <set>
#include <tuple>

#include "analytics/breakdowns.h"
#include "analytics/paper_reconciliation.h"
#include "analytics/recorder_stats.h"
#include "analytics/trade_stats.h"
#include "app/controller_time.h"
#include "app/json_views.h"
#include "app/light_forecast_view.h"
#include "app/market_comparison.h"
#include "app/paper_positions_section.h"
#include "app/report_sections.h"
#include "control/trade_recorder.h"
#include "core/ids.h"

namespace pulse::app {

namespace {

bool Contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A trade counts for the source filter when its signal's source or one of its contributing
// sources is named.
bool MatchesSources(const std::vector<std::string>& sources, const Signal& signal,
                    std::span<const TheoryContribution> contributions) {
  if (sources.empty() || Contains(sources, signal.source)) return true;
  return std::any_of(contributions.begin(), contributions.end(),
                     [&](const TheoryContribution& c) { return Contains(sources, c.theory_name); });
}

// The outcomes that closed from `since` to `until` (both inclusive) and pass the filters;
// without `until`, every one closed since `since`.
Result<std::vector<OutcomeResolved>> LoadOutcomes(SignalStore& store, const StatsQuery& query,
                                                  UnixNanos since, std::optional<UnixNanos> until,
                                                  bool shadows) {
  ClosedOutcomeFilter filter;
  filter.shadows = shadows;
  filter.exit_since = since;
  filter.exit_until = until;
  filter.symbols = query.symbols;
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> outcomes, store.ListClosedOutcomes(filter));
  std::erase_if(outcomes, [&](const OutcomeResolved& o) {
    return !MatchesSources(query.sources, o.signal, o.contributions);
  });
  return outcomes;
}

// The symbols and attributed sources of every trade and shadow closed in the window, sorted.
Result<nlohmann::ordered_json> NamesInWindow(SignalStore& store, UnixNanos since, UnixNanos until) {
  std::set<std::string> symbols, sources;
  for (const bool shadows : {false, true}) {
    ASSIGN_OR_RETURN(std::vector<OutcomeResolved> all,
                     LoadOutcomes(store, {}, since, until, shadows));
    for (const OutcomeResolved& o : all) {
      symbols.insert(o.signal.symbol);
      for (std::string& source : AttributedSources(o)) sources.insert(std::move(source));
    }
  }
  return nlohmann::ordered_json{{"symbols", symbols}, {"sources", sources}};
}

// The exit time of the newest trade or shadow that closed by `until` and passes the filters,
// whatever its age; nullopt when none did. Read in windows back from `until` that grow fourfold
// from a day (the last one unbounded), each from where the one before began, so a large store
// is read only back to the newest match.
Result<std::optional<UnixNanos>> NewestClose(SignalStore& store, const StatsQuery& query,
                                             UnixNanos until) {
  constexpr UnixNanos kEarliest = std::numeric_limits<UnixNanos>::min();
  constexpr std::int64_t kLastBoundedSpan = 4096 * kNanosPerDay;
  std::optional<UnixNanos> end = until;  // of the next window, inclusive
  for (std::int64_t span = kNanosPerDay; end; span *= 4) {
    const UnixNanos since =
        span > kLastBoundedSpan || *end <= kEarliest + span ? kEarliest : *end - span;
    std::optional<UnixNanos> newest;
    for (const bool shadows : {false, true}) {
      ASSIGN_OR_RETURN(const std::vector<OutcomeResolved> closed,
                       LoadOutcomes(store, query, since, *end, shadows));
      for (const OutcomeResolved& o : closed) {
        if (o.result.exit_time)
          newest = std::max(newest.value_or(*o.result.exit_time), *o.result.exit_time);
      }
    }
    if (newest) return newest;
    end = since == kEarliest ? std::nullopt : std::optional<UnixNanos>(since - 1);
  }
  return std::optional<UnixNanos>();
}

// One record per source each trade is attributed to, with `source` set to that source.
std::vector<analytics::TradeRecord> Attributed(std::span<const OutcomeResolved> outcomes,
                                               std::span<const analytics::TradeRecord> records) {
  std::vector<analytics::TradeRecord> out;
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    for (std::string& source : AttributedSources(outcomes[i])) {
      out.push_back(records[i]);
      out.back().source = std::move(source);
    }
  }
  return out;
}

// The positions open at `at` that pass the filters, oldest entry first: signals still open that
// were entered by then, and trades entered by then that closed after it.
Result<std::vector<control::OpenPosition>> OpenPositionsAt(SignalStore& store,
                                                           const StatsQuery& query, UnixNanos at) {
  std::vector<control::OpenPosition> positions;
  const auto add = [&](Signal signal, SignalResult result) {
    if (result.entry_time > at) return;
    const double age = static_cast<double>(at - result.entry_time) / kNanosPerMinute;
    positions.push_back({std::move(signal), std::move(result), age});
  };
  SignalFilter open_filter;
  open_filter.statuses = {SignalStatus::kOpen};
  ASSIGN_OR_RETURN(std::vector<Signal> open, store.ListSignals(open_filter));
  for (Signal& s : open) {
    if (!query.symbols.empty() && !Contains(query.symbols, s.symbol)) continue;
    if (!query.sources.empty()) {
      ASSIGN_OR_RETURN(std::vector<TheoryContribution> contributions,
                       store.ListContributions(s.id));
      if (!MatchesSources(query.sources, s, contributions)) continue;
    }
    ASSIGN_OR_RETURN(std::optional<SignalResult> r, store.GetResult(s.id));
    if (r) add(std::move(s), std::move(*r));
  }
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> closed_later,
                   LoadOutcomes(store, query, at + 1, std::nullopt, false));
  for (OutcomeResolved& o : closed_later) add(std::move(o.signal), std::move(o.result));
  std::stable_sort(positions.begin(), positions.end(),
                   [](const control::OpenPosition& a, const control::OpenPosition& b) {
                     return a.result.entry_time < b.result.entry_time;
                   });
  return positions;
}

// The recorder's summary over the filtered trades, their newest closed trades, and the open
// positions that pass the filters.
Result<control::RecorderReport> Summary(SignalStore& store, const StatsQuery& query,
                                        const StatsReportInputs& inputs, UnixNanos since,
                                        std::span<const OutcomeResolved> traded) {
  control::RecorderReport report;
  report.days = query.days;
  report.since = since;
  std::vector<SignalResult> results;
  results.reserve(traded.size());
  for (const OutcomeResolved& o : traded) results.push_back(o.result);
  report.stats = analytics::ComputeRecorderStats(results);
  const std::size_t recent = std::min<std::size_t>(
      traded.size(), static_cast<std::size_t>(std::max(inputs.recent_trades, 0)));
  for (std::size_t i = 0; i < recent; ++i) {
    const OutcomeResolved& o = traded[traded.size() - 1 - i];
    report.recent_trades.push_back({o.signal, o.result});
  }
  ASSIGN_OR_RETURN(report.open_positions, OpenPositionsAt(store, query, inputs.now));
  return report;
}

// {"returns", "daily"} of the trades' account (`equity`, TradeEquityCurve): both null when the
// equity would not stay positive (its returns are then not defined). The time in the market
// counts the sized trades and the sized positions still open (`open`).
Result<nlohmann::ordered_json> ReturnsAndDaily(
    std::span<const analytics::TradeRecord> records, double capital,
    const Result<std::vector<analytics::EquityPoint>>& equity,
    std::span<const control::OpenPosition> open) {
  nlohmann::ordered_json out = {{"returns", nullptr}, {"daily", nullptr}};
  if (!equity.ok()) {
    if (equity.status().code() == StatusCode::kInvalidArgument) return out;
    return equity.status();
  }
  Result<analytics::ReturnStats> stats = DailyReturnStats(*equity);
  if (!stats.ok()) {
    if (stats.status().code() == StatusCode::kInvalidArgument) return out;
    return stats.status();
  }
  std::vector<analytics::TradeRecord> with_quote;
  std::copy_if(records.begin(), records.end(), std::back_inserter(with_quote),
               [](const analytics::TradeRecord& t) { return t.pnl_quote.has_value(); });
  nlohmann::ordered_json& returns = out["returns"];
  returns["capital"] = capital;
  returns["trades"] = with_quote.size();
  const nlohmann::ordered_json figures = ReturnsJson(*stats);
  for (const auto& [key, value] : figures.items()) returns[key] = value;
  std::vector<UnixNanos> open_since;
  for (const control::OpenPosition& p : open) {
    if (p.signal.size) open_since.push_back(p.result.entry_time);
  }
  ASSIGN_OR_RETURN(out["daily"], DailyFiguresJson(*equity, with_quote, open_since));
  return out;
}

// {"market", "monthly"}: the trades' account (`account`: their quote P&L on `capital` from
// `since`) against the buy and hold of the series the outcomes traded or followed, from their bars
// that closed by `at`; both null when there is nothing to compare. The comparison is kept in `kept`
// (when given) when there is one.
Result<nlohmann::ordered_json> MarketSection(CandleStore& candles,
                                             std::span<const OutcomeResolved> traded,
                                             std::span<const OutcomeResolved> shadows,
                                             std::span<const analytics::EquityPoint> account,
                                             double capital, UnixNanos since, UnixNanos at,
                                             std::optional<MarketComparison>* kept) {
  nlohmann::ordered_json out = {{"market", nullptr}, {"monthly", nullptr}};
  std::set<std::tuple<std::string, std::string, std::string>> series;  // symbol, exchange, tf
  for (std::span<const OutcomeResolved> outcomes : {traded, shadows}) {
    for (const OutcomeResolved& o : outcomes) {
      series.emplace(o.signal.symbol, o.signal.exchange, o.signal.timeframe);
    }
  }
  analytics::DailyCloses prices;
  std::vector<std::string> without_candles;
  for (const auto& [symbol, exchange, timeframe_text] : series) {
    ASSIGN_OR_RETURN(const Timeframe timeframe, Timeframe::Parse(timeframe_text));
    const UnixNanos span = timeframe.NominalNanos();
    // Bars closed by `at`: opened at or before at - span.
    ASSIGN_OR_RETURN(const std::vector<Bar> bars,
                     candles.LoadBars({exchange, symbol, timeframe}, since, at - span + 1));
    if (bars.empty()) without_candles.push_back(symbol);
    for (const Bar& bar : bars) prices.Add(symbol, bar, bar.open_time + span);
  }
  if (prices.series().empty()) return out;
  Result<MarketComparison> comparison = CompareWithMarket(account, prices.series(), capital, since);
  // An account whose equity falls to zero or below has no returns (as the returns section).
  if (!comparison.ok() && comparison.status().code() == StatusCode::kInvalidArgument) return out;
  if (!comparison.ok()) return comparison.status();
  ASSIGN_OR_RETURN(out["market"], MarketJson(*comparison, without_candles));
  ASSIGN_OR_RETURN(out["monthly"], MonthlyReturnsJson(*comparison));
  if (kept != nullptr) *kept = std::move(*comparison);
  return out;
}

// The paper account's positions whose exit fill is in [since, at], of the query's symbols,
// against the signals they traded (`traded`: their outcomes as closed by `at`).
Result<nlohmann::ordered_json> PaperSection(PortfolioStore& portfolio,
                                            std::span<const OutcomeResolved> traded,
                                            const std::string& account, const StatsQuery& query,
                                            UnixNanos since, UnixNanos at, double capital,
                                            const MonteCarloSettings& monte_carlo) {
  TradeFilter filter;
  filter.account = account;
  ASSIGN_OR_RETURN(const std::vector<Fill> fills, portfolio.ListTrades(filter));
  std::set<std::int64_t> closed;
  for (const Fill& f : fills) {
    if (f.reason != kFillEntry && f.time >= since && f.time <= at &&
        (query.symbols.empty() || Contains(query.symbols, f.symbol))) {
      closed.insert(f.position_id);
    }
  }
  std::vector<Fill> round_trips;
  for (const Fill& f : fills) {
    if (closed.count(f.position_id) > 0) round_trips.push_back(f);
  }
  ASSIGN_OR_RETURN(const std::vector<analytics::PositionReconciliation> positions,
                   analytics::ReconcilePaperPositions(traded, round_trips));
  const analytics::PaperReconciliation reconciled = analytics::SumPaperPositions(positions);
  ASSIGN_OR_RETURN(const std::optional<AccountState> state, portfolio.LoadAccount(account));
  const double starting_balance =
      state && state->starting_balance > 0 ? state->starting_balance : capital;
  ASSIGN_OR_RETURN(const std::vector<analytics::AccountTrade> booked,
                   analytics::PaperAccountTrades(positions, starting_balance));
  ASSIGN_OR_RETURN(nlohmann::ordered_json simulated,
                   MonteCarloJson(booked, starting_balance, monte_carlo));
  return nlohmann::ordered_json{
      {"account", account},
      {"positions_closed", closed.size()},
      {"realized_pnl", FigureToJson(reconciled.paper + reconciled.unmatched_paper)},
      {"vs_signals", PaperVsSignalsJson(reconciled)},
      {"positions", PaperPositionsJson(positions)},
      {"monte_carlo", std::move(simulated)}};
}

}  // namespace

Status CheckStatsDays(int days) {
  if (days <= 0) return InvalidArgumentError("days must be positive, got {}", days);
  if (days > kMaxStatsDays) {
    return InvalidArgumentError("days must be at most {} (a century), got {}", kMaxStatsDays, days);
  }
  return Status::Ok();
}

Result<StatsQuery> CheckStatsQuery(const StatsQuery& query) {
  RETURN_IF_ERROR(CheckStatsDays(query.days));
  if (query.last < 0 || query.last > kMaxStatsLastTrades) {
    return InvalidArgumentError("last must be between 0 and {} trades, got {}", kMaxStatsLastTrades,
                                query.last);
  }
  StatsQuery checked;
  checked.days = query.days;
  checked.last = query.last;
  for (const std::string& raw : query.symbols) {
    ASSIGN_OR_RETURN(std::string symbol, NormalizeSymbol(raw));
    if (!Contains(checked.symbols, symbol)) checked.symbols.push_back(std::move(symbol));
  }
  for (const std::string& source : query.sources) {
    if (source.empty()) return InvalidArgumentError("empty source name");
    if (!Contains(checked.sources, source)) checked.sources.push_back(source);
  }
  return checked;
}

Result<nlohmann::ordered_json> BuildStatsReport(const StatsQuery& raw_query,
                                                const StatsReportInputs& inputs,
                                                StatsChartData* charts) {
  if (inputs.signals == nullptr) return InvalidArgumentError("the report needs a signal store");
  if (!(inputs.capital > 0)) {
    return InvalidArgumentError("capital must be positive, got {}", inputs.capital);
  }
  ASSIGN_OR_RETURN(const StatsQuery query, CheckStatsQuery(raw_query));
  SignalStore& store = *inputs.signals;
  // Not before the earliest midnight (the daily returns need whole days), nor after the moment.
  const UnixNanos since = std::max(SubtractDaysSaturating(inputs.now, query.days),
                                   std::min(kEarliestIsoTime, inputs.now));
  const UnixNanos at = inputs.now;
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> traded,
                   LoadOutcomes(store, query, since, at, false));
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> shadows,
                   LoadOutcomes(store, query, since, at, true));
  ASSIGN_OR_RETURN(std::vector<analytics::TradeRecord> records, TradeRecordsOf(traded));
  const std::vector<analytics::TradeRecord> attributed = Attributed(traded, records);

  ASSIGN_OR_RETURN(control::RecorderReport summary, Summary(store, query, inputs, since, traded));
  nlohmann::ordered_json j = ReportToJson(summary);
  j["at"] = FormatIso8601(at);
  j["filters"] = {{"symbols", query.symbols}, {"sources", query.sources}};
  if ((!query.symbols.empty() || !query.sources.empty()) && traded.empty() && shadows.empty()) {
    // Nothing matched: what the window holds, so a misspelt filter shows itself.
    ASSIGN_OR_RETURN(j["filters"]["in_window"], NamesInWindow(store, since, at));
  }
  if (traded.empty() && shadows.empty()) {
    // Nothing closed in the window: when the newest matching one did, so a report over old or
    // replayed data says where its trades are.
    ASSIGN_OR_RETURN(const std::optional<UnixNanos> newest, NewestClose(store, query, at));
    j["filters"]["newest_close"] =
        newest ? nlohmann::ordered_json(FormatIso8601(*newest)) : nlohmann::ordered_json();
  }
  j["trades"] = TradeStatsToJson(analytics::ComputeTradeStats(records));
  // Every traded outcome closed by the moment, whatever its age or filters, read once for the
  // rolling view, the forecast and the paper section (when any of them is asked for).
  const bool forecast = inputs.controller != nullptr && inputs.risk != nullptr;
  std::vector<OutcomeResolved> closed_by_at;
  if (query.last > 0 || forecast || inputs.portfolio != nullptr) {
    ClosedOutcomeFilter filter;
    filter.exit_until = at;
    ASSIGN_OR_RETURN(closed_by_at, store.ListClosedOutcomes(filter));
  }
  j["last_trades"] = nullptr;
  if (query.last > 0) {
    std::vector<OutcomeResolved> closed;
    for (const OutcomeResolved& o : closed_by_at) {
      if ((query.symbols.empty() || Contains(query.symbols, o.signal.symbol)) &&
          MatchesSources(query.sources, o.signal, o.contributions)) {
        closed.push_back(o);
      }
    }
    ASSIGN_OR_RETURN(const std::vector<analytics::TradeRecord> all, TradeRecordsOf(closed));
    const std::vector<analytics::TradeRecord> last =
        analytics::LastTrades(all, static_cast<std::size_t>(query.last));
    nlohmann::ordered_json rolling;
    rolling["n"] = query.last;
    rolling["since"] = nullptr;
    if (!last.empty()) rolling["since"] = FormatIso8601(last.front().exit_time);
    rolling["trades"] = TradeStatsToJson(analytics::ComputeTradeStats(last));
    j["last_trades"] = std::move(rolling);
  }
  // The trades' account, for the returns, the daily figures, the market and the charts.
  const Result<std::vector<analytics::EquityPoint>> equity =
      TradeEquityCurve(records, inputs.capital, since, at);
  ASSIGN_OR_RETURN(const nlohmann::ordered_json returns_and_daily,
                   ReturnsAndDaily(records, inputs.capital, equity, summary.open_positions));
  j["returns"] = returns_and_daily["returns"];
  j["daily"] = returns_and_daily["daily"];
  j["monte_carlo"] = nullptr;
  if (!j["returns"].is_null()) {
    ASSIGN_OR_RETURN(j["monte_carlo"], MonteCarloJson(records, inputs.capital, inputs.monte_carlo));
  }
  ASSIGN_OR_RETURN(j["calibration"], CalibrationSectionJson(records, attributed));
  constexpr analytics::BreakdownKey kKeys[] = {
      analytics::BreakdownKey::kSymbol,           analytics::BreakdownKey::kDirection,
      analytics::BreakdownKey::kTimeframe,        analytics::BreakdownKey::kSource,
      analytics::BreakdownKey::kConfidenceBucket, analytics::BreakdownKey::kExitReason,
      analytics::BreakdownKey::kWeekday,          analytics::BreakdownKey::kHour};
  nlohmann::ordered_json breakdowns = BreakdownsJson(records, kKeys);
  constexpr analytics::BreakdownKey kSourceKey[] = {analytics::BreakdownKey::kSource};
  breakdowns["source"] = BreakdownsJson(attributed, kSourceKey)["source"];
  j["breakdowns"] = std::move(breakdowns);

  nlohmann::ordered_json controller;
  controller["latest"] = nullptr;
  controller["history"] = nlohmann::ordered_json::array();
  controller["forecast"] = nullptr;
  controller["time_pct"] = nullptr;
  if (inputs.controller != nullptr) {
    ControllerStatusFilter latest_filter;
    latest_filter.limit = 1;
    latest_filter.until = at;
    ASSIGN_OR_RETURN(std::vector<ControllerStatusRow> latest,
                     inputs.controller->ListStatus(latest_filter));
    ControllerStatusFilter history_filter;
    history_filter.since = since;
    history_filter.until = at;
    ASSIGN_OR_RETURN(std::vector<ControllerStatusRow> history,
                     inputs.controller->ListStatus(history_filter));
    if (!latest.empty()) controller["latest"] = ControllerEpisodeJson(latest.front());
    for (const ControllerStatusRow& row : history) {
      controller["history"].push_back(ControllerEpisodeJson(row));
    }
    // The state the window starts in, then its changes.
    ControllerStatusFilter before_filter;
    before_filter.limit = 1;
    before_filter.until = since;
    ASSIGN_OR_RETURN(std::vector<ControllerStatusRow> held,
                     inputs.controller->ListStatus(before_filter));
    held.insert(held.end(), history.begin(), history.end());
    controller["time_pct"] = StateTimeJson(ControllerStateSpans(held, since, at), since, at);
    if (charts != nullptr) charts->controller = std::move(held);
    if (forecast) {
      ASSIGN_OR_RETURN(const LightForecastView view,
                       LightForecastAt(store, *inputs.controller, *inputs.risk, at, closed_by_at));
      controller["forecast"] = LightForecastJson(view);
    }
  }
  j["controller"] = std::move(controller);
  ASSIGN_OR_RETURN(j["shadows"], ShadowsJson(shadows, /*with_quote_pnl=*/true));
  j["market"] = nullptr;
  j["monthly"] = nullptr;
  if (inputs.candles != nullptr && !j["returns"].is_null()) {
    ASSIGN_OR_RETURN(const nlohmann::ordered_json market,
                     MarketSection(*inputs.candles, traded, shadows, *equity, inputs.capital, since,
                                   at, charts != nullptr ? &charts->market : nullptr));
    j["market"] = market["market"];
    j["monthly"] = market["monthly"];
  }
  j["paper"] = nullptr;
  if (inputs.portfolio != nullptr) {
    ASSIGN_OR_RETURN(j["paper"],
                     PaperSection(*inputs.portfolio, closed_by_at, inputs.paper_account, query,
                                  since, at, inputs.capital, inputs.monte_carlo));
  }
  if (charts != nullptr) {
    charts->since = since;
    charts->at = at;
    if (equity.ok()) charts->equity = *equity;
    for (const analytics::TradeRecord& r : records) charts->trade_pnl_pct.push_back(r.pnl_percent);
    charts->weekday_hour = analytics::BreakDownByWeekdayAndHour(records);
    for (const OutcomeResolved& o : shadows) {
      if (o.result.pnl_percent) charts->shadow_pnl_pct.push_back(*o.result.pnl_percent);
    }
  }
  return j;
}

}  // namespace pulse::app
