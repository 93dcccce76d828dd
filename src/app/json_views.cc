#include "app/json_views.h"

#include <cmath>
#include <iterator>

#include <fmt/format.h>

#include "core/json_text.h"

namespace pulse::app {

namespace {
template <typename T>
nlohmann::json Opt(const std::optional<T>& v) {
  return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
}
nlohmann::json OptTime(const std::optional<UnixNanos>& t) {
  return t ? nlohmann::json(FormatIso8601(*t)) : nlohmann::json(nullptr);
}
}  // namespace

nlohmann::json ResultToJson(const SignalResult& r) {
  return {{"signal_id", r.signal_id},
          {"entry_price", r.entry_price},
          {"entry_time", FormatIso8601(r.entry_time)},
          {"exit_price", Opt(r.exit_price)},
          {"exit_time", OptTime(r.exit_time)},
          {"pnl_percent", Opt(r.pnl_percent)},
          {"pnl_quote", Opt(r.pnl_quote)},
          {"pnl_quote_total", Opt(r.pnl_quote_total)},
          {"outcome", OutcomeName(r.outcome)},
          {"exit_reason",
           r.exit_reason.empty() ? nlohmann::json(nullptr) : nlohmann::json(r.exit_reason)},
          {"hold_minutes", Opt(r.hold_minutes)},
          {"mfe_percent", Opt(r.mfe_percent)},
          {"mae_percent", Opt(r.mae_percent)}};
}

nlohmann::ordered_json TradeRowJson(const Signal& signal, const SignalResult& result) {
  const nlohmann::json r = ResultToJson(result);
  nlohmann::ordered_json row;
  row["signal_id"] = r["signal_id"];
  row["symbol"] = signal.symbol;
  row["direction"] = DirectionName(signal.direction);
  for (const char* key : {"entry_time", "entry_price", "exit_time", "exit_price", "exit_reason",
                          "outcome", "pnl_percent", "pnl_quote", "pnl_quote_total", "hold_minutes",
                          "mfe_percent", "mae_percent"}) {
    row[key] = r[key];
  }
  return row;
}

nlohmann::json SignalToJson(const Signal& s, const SignalResult* result) {
  nlohmann::json j = {{"id", s.id},
                      {"symbol", s.symbol},
                      {"exchange", s.exchange},
                      {"timeframe", s.timeframe},
                      {"direction", DirectionName(s.direction)},
                      {"entry_price", s.entry_price},
                      {"stop_loss", s.stop_loss},
                      {"take_profit", s.take_profit},
                      {"confidence", Opt(s.confidence)},
                      {"size", Opt(s.size)},
                      {"source", s.source},
                      {"status", SignalStatusName(s.status)},
                      {"created_at", FormatIso8601(s.created_at)},
                      {"notes", s.notes}};
  j["result"] = result ? ResultToJson(*result) : nlohmann::json(nullptr);
  return j;
}

nlohmann::json ReportToJson(const control::RecorderReport& report) {
  const analytics::RecorderStats& s = report.stats;
  const nlohmann::json pf = OptionalFigureToJson(s.profit_factor);
  nlohmann::json open = nlohmann::json::array();
  for (const control::OpenPosition& p : report.open_positions) {
    open.push_back({{"signal_id", p.signal.id},
                    {"symbol", p.signal.symbol},
                    {"direction", DirectionName(p.signal.direction)},
                    {"entry_price", p.result.entry_price},
                    {"entry_time", FormatIso8601(p.result.entry_time)},
                    {"age_minutes", p.age_minutes}});
  }
  nlohmann::json recent = nlohmann::json::array();
  for (const control::ClosedTrade& t : report.recent_trades) {
    recent.push_back(nlohmann::json(TradeRowJson(t.signal, t.result)));
  }
  return {{"days", report.days},
          {"since", FormatIso8601(report.since)},
          {"total_trades", s.total_trades},
          {"wins", s.wins},
          {"losses", s.losses},
          {"breakevens", s.breakevens},
          {"win_rate_pct", s.win_rate_pct},
          {"avg_win_pct", s.avg_win_pct},
          {"avg_loss_pct", s.avg_loss_pct},
          {"avg_pnl_pct", s.avg_pnl_pct},
          {"profit_factor", pf},
          {"open_positions", open},
          {"recent_trades", recent}};
}

nlohmann::json FigureToJson(double value) {
  if (std::isnan(value)) return nullptr;
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  return value;
}

std::vector<std::pair<std::string_view, double>> ReturnFigures(const analytics::ReturnStats& s) {
  return {{"sharpe", s.sharpe},
          {"sortino", s.sortino},
          {"calmar", s.calmar},
          {"max_drawdown", s.drawdown.max_drawdown},
          {"annual_return", s.annual_return},
          {"annual_volatility", s.annual_volatility},
          {"downside_risk", s.downside_risk},
          {"var_95", s.var_95},
          {"cvar_95", s.cvar_95},
          {"omega", s.omega},
          {"tail_ratio", s.tail_ratio},
          {"stability", s.stability},
          {"total_return", s.total_return},
          {"var_99", s.var_99},
          {"cvar_99", s.cvar_99},
          {"ulcer_index", s.ulcer_index},
          {"current_drawdown", s.drawdown.current_drawdown}};
}

nlohmann::json OptionalFigureToJson(const std::optional<double>& value) {
  return value ? FigureToJson(*value) : nlohmann::json(nullptr);
}

std::optional<double> QuoteFigure(const analytics::TradeStats& s, double value) {
  if (s.count > 0 && s.quote_count == 0) return std::nullopt;
  return value;
}

nlohmann::ordered_json TradeStatsToJson(const analytics::TradeStats& s) {
  nlohmann::ordered_json j = nlohmann::ordered_json::object();
  JsonTreeFields fields(j);
  WriteTradeStats(s, fields);
  return j;
}

void WriteTradeStats(const analytics::TradeStats& s, JsonFields& out) {
  out.Integer("count", s.count);
  out.Integer("wins", s.wins);
  out.Integer("losses", s.losses);
  out.Integer("breakevens", s.breakevens);
  out.Figure("win_rate_pct", s.win_rate_pct);
  out.OptionalFigure("win_rate_low_pct", s.win_rate_low_pct);
  out.OptionalFigure("win_rate_high_pct", s.win_rate_high_pct);
  out.Figure("avg_win_pct", s.avg_win_pct);
  out.Figure("avg_loss_pct", s.avg_loss_pct);
  out.Figure("expectancy_pct", s.expectancy_pct);
  out.OptionalFigure("expectancy_low_pct", s.expectancy_low_pct);
  out.OptionalFigure("expectancy_high_pct", s.expectancy_high_pct);
  out.OptionalFigure("expectancy_p_value", s.expectancy_p_value);
  out.Figure("total_pnl_pct", s.total_pnl_pct);
  out.OptionalFigure("payoff_ratio", s.payoff_ratio);
  out.OptionalFigure("profit_factor", s.profit_factor);
  out.OptionalFigure("sqn", s.sqn);
  out.OptionalFigure("kelly_pct", s.kelly_pct);
  out.Integer("quote_count", s.quote_count);
  out.OptionalFigure("total_pnl_quote", QuoteFigure(s, s.total_pnl_quote));
  out.OptionalFigure("expectancy_quote", QuoteFigure(s, s.expectancy_quote));
  out.Integer("max_consecutive_wins", s.max_consecutive_wins);
  out.Integer("max_consecutive_losses", s.max_consecutive_losses);
  out.Figure("avg_hold_minutes", s.avg_hold_minutes);
  out.Figure("avg_hold_minutes_winners", s.avg_hold_minutes_winners);
  out.Figure("avg_hold_minutes_losers", s.avg_hold_minutes_losers);
  out.OptionalFigure("avg_mfe_pct", s.avg_mfe_pct);
  out.OptionalFigure("avg_mae_pct", s.avg_mae_pct);
  out.OptionalFigure("avg_mfe_pct_losers", s.avg_mfe_pct_losers);
  out.OptionalFigure("avg_mae_pct_winners", s.avg_mae_pct_winners);
  out.Figure("best_pnl_pct", s.best_pnl_pct);
  out.Integer("best_signal_id", s.best_signal_id);
  out.Figure("worst_pnl_pct", s.worst_pnl_pct);
  out.Integer("worst_signal_id", s.worst_signal_id);
}

void JsonTreeFields::Integer(std::string_view key, std::int64_t value) {
  object_[std::string(key)] = value;
}

void JsonTreeFields::Figure(std::string_view key, double value) {
  object_[std::string(key)] = FigureToJson(value);
}

void JsonTreeFields::OptionalFigure(std::string_view key, const std::optional<double>& value) {
  object_[std::string(key)] = OptionalFigureToJson(value);
}

void JsonTextFields::Key(std::string_view key) {
  if (!first_) out_ += ',';
  first_ = false;
  AppendJsonString(key, out_);
  out_ += ':';
}

void JsonTextFields::Integer(std::string_view key, std::int64_t value) {
  Key(key);
  fmt::format_to(std::back_inserter(out_), "{}", value);
}

void JsonTextFields::Figure(std::string_view key, double value) {
  Key(key);
  if (std::isinf(value)) {
    out_ += value > 0 ? R"("inf")" : R"("-inf")";
  } else {
    AppendJsonNumber(value, out_);  // null for NaN
  }
}

void JsonTextFields::OptionalFigure(std::string_view key, const std::optional<double>& value) {
  if (value) {
    Figure(key, *value);
  } else {
    Key(key);
    out_ += "null";
  }
}

}  // namespace pulse::app
