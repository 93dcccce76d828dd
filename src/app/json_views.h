// JSON views of model objects for `--format json` output. Keys are stable: scripts rely on
// them. Times are ISO-8601 UTC strings; missing values are null.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "analytics/return_stats.h"
#include "analytics/trade_stats.h"
#include "control/trade_recorder.h"
#include "model/signal.h"

namespace pulse::app {

nlohmann::json SignalToJson(const Signal& signal, const SignalResult* result);
nlohmann::json ResultToJson(const SignalResult& result);
// A closed trade as a row of a report's trade list: the keys of ResultToJson with the signal's
// symbol and direction, in the order a table shows them (signal_id, symbol, direction, entry
// time and price, exit time and price, exit_reason, outcome, P&L, hold, MFE, MAE).
nlohmann::ordered_json TradeRowJson(const Signal& signal, const SignalResult& result);
// The recorder's summary, the first keys of `pulse stats --format json` (stats_report.h):
// total_trades, wins, losses, breakevens, win_rate_pct, avg_win_pct, avg_loss_pct, avg_pnl_pct,
// profit_factor (number, "inf" or null), open_positions[], recent_trades[], plus days and since.
nlohmann::json ReportToJson(const control::RecorderReport& report);

// A figure: the number, null for NaN, "inf" / "-inf" for infinities.
nlohmann::json FigureToJson(double value);
// The same, or null for nullopt.
nlohmann::json OptionalFigureToJson(const std::optional<double>& value);
// The return statistics by name, in the order `pulse metrics` prints them (sharpe, sortino,
// calmar, max_drawdown, annual_return, annual_volatility, downside_risk, var_95, cvar_95, omega,
// tail_ratio, stability, total_return, var_99, cvar_99, ulcer_index, current_drawdown).
std::vector<std::pair<std::string_view, double>> ReturnFigures(const analytics::ReturnStats& stats);
// A quote-currency figure of `stats` (total_pnl_quote, expectancy_quote): nullopt for trades of
// which none has a quote P&L (none was sized), rather than a total of 0.
std::optional<double> QuoteFigure(const analytics::TradeStats& stats, double value);
// Every TradeStats figure under its member's name.
// quote_count: the trades with a quote P&L, over which total_pnl_quote and expectancy_quote are
// taken (null when there are trades and none has one).
nlohmann::ordered_json TradeStatsToJson(const analytics::TradeStats& stats);

// Where a view writes its fields, one key at a time in its order: into a document
// (JsonTreeFields) or straight into text (JsonTextFields, for hot paths such as the performance
// snapshots). Both give the same JSON values. Not thread-safe; one per object being written.
class JsonFields {
 public:
  virtual ~JsonFields() = default;
  virtual void Integer(std::string_view key, std::int64_t value) = 0;
  // As FigureToJson: the number, null for NaN, "inf" / "-inf" for infinities.
  virtual void Figure(std::string_view key, double value) = 0;
  // A figure, or null when absent.
  virtual void OptionalFigure(std::string_view key, const std::optional<double>& value) = 0;
};

// Adds the fields to a JSON object.
class JsonTreeFields final : public JsonFields {
 public:
  explicit JsonTreeFields(nlohmann::ordered_json& object) : object_(object) {}
  void Integer(std::string_view key, std::int64_t value) override;
  void Figure(std::string_view key, double value) override;
  void OptionalFigure(std::string_view key, const std::optional<double>& value) override;

 private:
  nlohmann::ordered_json& object_;
};

// Appends `"key":value` members, comma-separated, to `out`; the caller writes the braces.
class JsonTextFields final : public JsonFields {
 public:
  explicit JsonTextFields(std::string& out) : out_(out) {}
  void Integer(std::string_view key, std::int64_t value) override;
  void Figure(std::string_view key, double value) override;
  void OptionalFigure(std::string_view key, const std::optional<double>& value) override;

 private:
  void Key(std::string_view key);

  std::string& out_;
  bool first_ = true;
};

// The TradeStats figures as TradeStatsToJson names and orders them.
void WriteTradeStats(const analytics::TradeStats& stats, JsonFields& out);

}  // namespace pulse::app
