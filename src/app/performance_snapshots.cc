#include "app/performance_snapshots.h"

#include <algorithm>
#include <limits>
#include <map>
#include <set>
#include <tuple>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "analytics/breakdowns.h"
#include "analytics/trade_stats.h"
#include "app/json_views.h"
#include "app/report_sections.h"
#include "core/ids.h"
#include "engines/risk/calendar_day.h"

namespace pulse::app {

namespace {

// Results written this long before the previous read are read again (a writer whose clock lags
// or whose transaction committed late is not missed; repeats are skipped).
constexpr std::int64_t kRereadMargin = 5 * kNanosPerMinute;
// Between day ends, only results that exited this long before the previous read are read (the
// exit-time index keeps that cheap however many shadows the store holds); a result rewritten
// later than that after its exit is read at the next day end.
constexpr std::int64_t kExitLookback = kNanosPerDay;

constexpr std::string_view kSourcePrefix = "source:";
constexpr std::string_view kSymbolPrefix = "symbol:";

// The return figures a snapshot keeps.
constexpr std::string_view kReturnFigures[] = {"total_return", "sharpe", "sortino",
                                               "max_drawdown", "var_95", "cvar_95"};

// One closed real trade as the snapshots need it.
struct CachedTrade {
  analytics::TradeRecord record;
  std::vector<std::string> scopes;  // the source: and symbol: scopes it counts for
  UnixNanos updated_at = 0;         // of the result row it was read from
};

// What a (scope, window) was computed from last time, and the metrics text it gave.
struct Memo {
  std::tuple<std::int64_t, std::size_t, std::size_t, UnixNanos, UnixNanos> key;
  std::string metrics;
  // The trade and calibration figures depend on the trades only, not on the days spanned:
  // their text (up to `"returns":`) is kept for the trades it was made from.
  std::tuple<std::int64_t, std::size_t, std::size_t> trades_key;
  std::string trades_text;
  // discard_unchanged: the metrics of the newest stored row ("" before there is one).
  std::string stored;
};

}  // namespace

std::string SourceScope(std::string_view source) {
  return fmt::format("{}{}", kSourcePrefix, source);
}

std::string SymbolScope(std::string_view symbol) {
  return fmt::format("{}{}", kSymbolPrefix, symbol);
}

Result<std::string> ParseSnapshotScope(std::string_view text) {
  if (text == kOverallScope) return std::string(kOverallScope);
  if (text.starts_with(kSourcePrefix) && text.size() > kSourcePrefix.size()) {
    return std::string(text);
  }
  if (text.starts_with(kSymbolPrefix)) {
    Result<std::string> symbol = NormalizeSymbol(text.substr(kSymbolPrefix.size()));
    if (symbol.ok()) return SymbolScope(*symbol);
  }
  return InvalidArgumentError(
      "unknown scope '{}' (accepted: overall, source:<name>, symbol:<SYMBOL>)", text);
}

Status CheckSnapshotWindow(std::string_view window) {
  for (std::string_view w : kSnapshotWindows) {
    if (w == window) return Status::Ok();
  }
  return InvalidArgumentError("unknown window '{}' (accepted: {})", window,
                              fmt::join(kSnapshotWindows, ", "));
}

Status SnapshotConfig::Validate() const {
  std::vector<std::string> problems;
  if (interval_s < 0) {
    problems.push_back(fmt::format("snapshots.interval_s must be >= 0, got {}", interval_s));
  }
  if (enabled && interval_s == 0 && !day_end) {
    problems.emplace_back(
        "snapshots: enabled, but neither snapshots.interval_s nor snapshots.day_end is set");
  }
  if (windows.empty()) problems.emplace_back("snapshots.windows must not be empty");
  std::set<std::string> seen;
  for (const std::string& w : windows) {
    Status st = CheckSnapshotWindow(w);
    if (!st.ok()) problems.push_back(fmt::format("snapshots.windows: {}", st.message()));
    if (!seen.insert(w).second) {
      problems.push_back(fmt::format("snapshots.windows: '{}' is listed twice", w));
    }
  }
  if (problems.empty()) return Status::Ok();
  return InvalidArgumentError("{}", fmt::join(problems, "; "));
}

struct PerformanceSnapshotter::State {
  State(SnapshotConfig c, risk::CalendarDay d, double k, SignalStore& s,
        PerformanceSnapshotStore& p)
      : config(std::move(c)), calendar(std::move(d)), capital(k), signals(s), snapshots(p) {}

  SnapshotConfig config;
  risk::CalendarDay calendar;
  double capital;
  SignalStore& signals;
  PerformanceSnapshotStore& snapshots;

  bool started = false;
  UnixNanos last = 0;      // rounds up to this time are done
  UnixNanos next_due = 0;  // the first round time after `last`
  std::optional<UnixNanos> last_round;
  std::int64_t rows_written = 0;

  // Closed real trades by (exit time, signal id), and where each signal id sits.
  std::map<std::pair<UnixNanos, SignalId>, CachedTrade> by_exit;
  std::map<SignalId, UnixNanos> exit_of;
  // Results written at or after these are read next, by the next read and the next full read.
  std::optional<UnixNanos> read_since;
  std::optional<UnixNanos> full_read_since;
  std::optional<UnixNanos> full_read;  // when the last full read was
  // The records of every scope in exit order ("overall" holds all of them), so a window is a
  // span of one vector. Trades read after every stored one are appended (the positions of the
  // others stay); anything else rebuilds the vectors and starts a new generation.
  std::map<std::string, std::vector<analytics::TradeRecord>> scopes;
  std::vector<std::pair<UnixNanos, SignalId>> to_append;
  bool rebuild = false;
  std::int64_t generation = 0;
  std::map<std::pair<std::string, std::string>, Memo> memos;  // (scope, window)

  // What kind of round is due at a time.
  struct Due {
    bool every_scope = false;
    bool heartbeat = false;  // a day-end or final round: every pair is written
  };

  UnixNanos NextDue(UnixNanos after) const;
  Status RunDue(UnixNanos now);
  // `full` (and at least once a day): every result written since the previous full read,
  // whatever its exit time; otherwise those written since the previous read that exited
  // recently.
  Status Refresh(UnixNanos now, bool full);
  void Rebuild();
  Status Round(UnixNanos at, Due due);
  // The metrics of (scope, window) at `at`, kept in `memo` (the pair's memo).
  Result<const std::string*> Metrics(Memo& memo, const std::string& scope,
                                     const std::string& window, UnixNanos at);
};

UnixNanos PerformanceSnapshotter::State::NextDue(UnixNanos after) const {
  UnixNanos next = std::numeric_limits<UnixNanos>::max();
  if (config.interval_s > 0) {
    const std::int64_t step = config.interval_s * kNanosPerSecond;
    next = (FloorDiv(after, step) + 1) * step;
  }
  if (config.day_end) next = std::min(next, calendar.NextDayStart(after));
  return next;
}

Status PerformanceSnapshotter::State::RunDue(UnixNanos now) {
  if (!started) {
    if (config.discard_unchanged) {
      PerformanceSnapshotFilter filter;
      filter.until = now + 1;
      ASSIGN_OR_RETURN(std::vector<PerformanceSnapshot> newest, snapshots.Latest(filter));
      for (PerformanceSnapshot& row : newest) {
        memos[{std::move(row.scope), std::move(row.window)}].stored = std::move(row.metrics);
      }
    }
    started = true;
    last = now;
    next_due = NextDue(now);
    return Status::Ok();
  }
  if (now < next_due) return Status::Ok();
  // Every day end passed, and the latest interval time passed, in time order.
  std::map<UnixNanos, Due> due;
  bool day_end = false;
  if (config.day_end) {
    for (UnixNanos d = calendar.NextDayStart(last); d <= now; d = calendar.NextDayStart(d)) {
      due[d] = Due{.every_scope = true, .heartbeat = true};
      day_end = true;
    }
  }
  if (config.interval_s > 0) {
    const std::int64_t step = config.interval_s * kNanosPerSecond;
    const UnixNanos latest = FloorDiv(now, step) * step;
    if (latest > last) due.emplace(latest, Due{.every_scope = config.every_scope_on_interval});
  }
  last = now;
  next_due = NextDue(now);
  if (due.empty()) return Status::Ok();
  RETURN_IF_ERROR(Refresh(now, day_end));
  for (const auto& [at, kind] : due) RETURN_IF_ERROR(Round(at, kind));
  return Status::Ok();
}

Status PerformanceSnapshotter::State::Refresh(UnixNanos now, bool full) {
  ClosedOutcomeFilter filter;
  full = full || !full_read || now - *full_read >= kNanosPerDay;
  if (full) {
    filter.updated_since = full_read_since;
    full_read = now;
    full_read_since = now - kRereadMargin;
  } else {
    filter.updated_since = read_since;
    filter.exit_since = *read_since - kExitLookback;
  }
  ASSIGN_OR_RETURN(std::vector<OutcomeResolved> outcomes, signals.ListClosedOutcomes(filter));
  read_since = now - kRereadMargin;
  for (const OutcomeResolved& o : outcomes) {
    ASSIGN_OR_RETURN(analytics::TradeRecord record, analytics::MakeTradeRecord(o.signal, o.result));
    CachedTrade trade{std::move(record), {}, o.result.updated_at};
    for (const std::string& source : AttributedSources(o)) {
      trade.scopes.push_back(SourceScope(source));
    }
    trade.scopes.push_back(SymbolScope(o.signal.symbol));
    auto old = exit_of.find(o.signal.id);
    if (old != exit_of.end()) {
      // Read again unchanged (it was written within the re-read margin).
      if (by_exit.at({old->second, o.signal.id}).updated_at == trade.updated_at) continue;
      by_exit.erase({old->second, o.signal.id});
      exit_of.erase(old);
      rebuild = true;
    }
    const std::pair<UnixNanos, SignalId> key(trade.record.exit_time, o.signal.id);
    if (!by_exit.empty() && key < by_exit.rbegin()->first) rebuild = true;
    by_exit.emplace(key, std::move(trade));
    exit_of.emplace(o.signal.id, key.first);
    to_append.push_back(key);
  }
  return Status::Ok();
}

void PerformanceSnapshotter::State::Rebuild() {
  auto add = [&](const CachedTrade& trade) {
    scopes[std::string(kOverallScope)].push_back(trade.record);
    for (const std::string& scope : trade.scopes) scopes[scope].push_back(trade.record);
  };
  if (rebuild) {
    ++generation;
    rebuild = false;
    scopes.clear();
    for (const auto& [key, trade] : by_exit) add(trade);
  } else {
    for (const auto& key : to_append) add(by_exit.at(key));
  }
  to_append.clear();
}

Result<const std::string*> PerformanceSnapshotter::State::Metrics(Memo& memo,
                                                                  const std::string& scope,
                                                                  const std::string& window,
                                                                  UnixNanos at) {
  const std::vector<analytics::TradeRecord>& list = scopes[scope];
  // The window (start, at]; `all` has no start.
  std::optional<UnixNanos> start;
  if (window == "day") start = calendar.DayStart(at - 1);
  if (window == "7d") start = at - 7 * kNanosPerDay;
  if (window == "30d") start = at - 30 * kNanosPerDay;
  const auto after = [&](UnixNanos t) {
    return static_cast<std::size_t>(
        std::upper_bound(
            list.begin(), list.end(), t,
            [](UnixNanos v, const analytics::TradeRecord& r) { return v < r.exit_time; }) -
        list.begin());
  };
  const std::size_t lo = start ? after(*start) : 0;
  const std::size_t hi = after(at);
  const UnixNanos from = start ? *start : (lo < hi ? list[lo].exit_time : at);
  // The daily returns depend on the trades and on the UTC days the window spans; without
  // trades, only on how many days that is (every return is zero), whatever the generation.
  const UnixNanos first_day = FloorDiv(from, kNanosPerDay), last_day = FloorDiv(at, kNanosPerDay);
  const auto key = lo < hi ? std::make_tuple(generation, lo, hi, first_day, last_day)
                           : std::make_tuple(std::int64_t{-1}, std::size_t{0}, std::size_t{0},
                                             UnixNanos{0}, last_day - first_day);
  if (!memo.metrics.empty() && memo.key == key) return &memo.metrics;

  const std::span<const analytics::TradeRecord> records(list.data() + lo, hi - lo);
  const auto trades_key = lo < hi
                              ? std::make_tuple(generation, lo, hi)
                              : std::make_tuple(std::int64_t{-1}, std::size_t{0}, std::size_t{0});
  if (memo.trades_text.empty() || memo.trades_key != trades_key) {
    ASSIGN_OR_RETURN(analytics::CalibrationBreakdown calibration,
                     analytics::CalibrateBySource(records));
    // Written as text, without a document: the figures of the report views, in their order.
    std::string prefix = R"({"trades":{)";
    {
      JsonTextFields fields(prefix);
      WriteTradeStats(analytics::ComputeTradeStats(records), fields);
    }
    prefix += R"(},"calibration":{)";
    {
      JsonTextFields fields(prefix);
      fields.Integer("count", calibration.overall.count);
      fields.Figure("ece", calibration.overall.ece);
      fields.Figure("brier", calibration.overall.brier);
    }
    prefix += R"(},"returns":)";
    memo.trades_key = trades_key;
    memo.trades_text = std::move(prefix);
  }
  Result<analytics::ReturnStats> returns = DailyTradeReturnStats(records, capital, from, at);
  if (!returns.ok() && returns.status().code() != StatusCode::kInvalidArgument) {
    return returns.status();
  }
  std::string text = memo.trades_text;
  if (returns.ok()) {
    text += '{';
    JsonTextFields fields(text);
    fields.Integer("days", returns->periods);
    const std::vector<std::pair<std::string_view, double>> figures = ReturnFigures(*returns);
    for (std::string_view name : kReturnFigures) {
      const auto it = std::find_if(figures.begin(), figures.end(),
                                   [&](const auto& figure) { return figure.first == name; });
      fields.Figure(name, it->second);
    }
    text += '}';
  } else {
    text += "null";  // the equity would not stay positive on this capital
  }
  text += '}';
  memo.key = key;
  memo.metrics = std::move(text);
  return &memo.metrics;
}

Status PerformanceSnapshotter::State::Round(UnixNanos at, Due due) {
  Rebuild();
  std::vector<std::string> names = {std::string(kOverallScope)};
  if (due.every_scope) {
    for (const auto& [scope, list] : scopes) {
      // Scopes with a trade by `at`, in name order (source: before symbol:).
      if (scope != kOverallScope && !list.empty() && list.front().exit_time <= at) {
        names.push_back(scope);
      }
    }
  }
  std::vector<PerformanceSnapshot> rows;
  rows.reserve(names.size() * config.windows.size());
  for (const std::string& scope : names) {
    for (const std::string& window : config.windows) {
      Memo& memo = memos[{scope, window}];
      ASSIGN_OR_RETURN(const std::string* metrics, Metrics(memo, scope, window, at));
      if (config.discard_unchanged) {
        if (!due.heartbeat && memo.stored == *metrics) continue;
        memo.stored = *metrics;
      }
      rows.push_back({0, at, scope, window, *metrics});
    }
  }
  if (rows.empty()) {
    last_round = at;
    return Status::Ok();
  }
  ASSIGN_OR_RETURN(std::vector<std::int64_t> ids, snapshots.Append(rows));
  rows_written += static_cast<std::int64_t>(ids.size());
  last_round = at;
  return Status::Ok();
}

Result<PerformanceSnapshotter> PerformanceSnapshotter::Create(const SnapshotConfig& config,
                                                              std::string_view time_zone,
                                                              double capital, SignalStore& signals,
                                                              PerformanceSnapshotStore& snapshots) {
  RETURN_IF_ERROR(config.Validate());
  if (!(capital > 0)) return InvalidArgumentError("capital must be positive, got {}", capital);
  ASSIGN_OR_RETURN(risk::CalendarDay calendar, risk::CalendarDay::Create(time_zone));
  return PerformanceSnapshotter(
      std::make_unique<State>(config, std::move(calendar), capital, signals, snapshots));
}

PerformanceSnapshotter::PerformanceSnapshotter(std::unique_ptr<State> state)
    : state_(std::move(state)) {}
PerformanceSnapshotter::PerformanceSnapshotter(PerformanceSnapshotter&&) noexcept = default;
PerformanceSnapshotter& PerformanceSnapshotter::operator=(PerformanceSnapshotter&&) noexcept =
    default;
PerformanceSnapshotter::~PerformanceSnapshotter() = default;

Status PerformanceSnapshotter::OnBarClose(UnixNanos now) {
  State& s = *state_;
  if (!s.config.enabled || (s.started && now < s.next_due)) return Status::Ok();
  return s.RunDue(now);
}

Status PerformanceSnapshotter::Finish(UnixNanos now) {
  State& s = *state_;
  if (!s.config.enabled) return Status::Ok();
  RETURN_IF_ERROR(s.RunDue(now));
  if (s.last_round == now) return Status::Ok();
  RETURN_IF_ERROR(s.Refresh(now, /*full=*/true));
  return s.Round(now, State::Due{.every_scope = true, .heartbeat = true});
}

std::optional<UnixNanos> PerformanceSnapshotter::next_due() const {
  if (!state_->config.enabled || !state_->started) return std::nullopt;
  return state_->next_due;
}

std::int64_t PerformanceSnapshotter::rows_written() const { return state_->rows_written; }

}  // namespace pulse::app
