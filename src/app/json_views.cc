#include "app/json_views.h"

#include <cmath>

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
          {"hold_minutes", Opt(r.hold_minutes)}};
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
  const nlohmann::json pf = s.profit_factor ? FigureToJson(*s.profit_factor) : nullptr;
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
    nlohmann::json j = ResultToJson(t.result);
    j["symbol"] = t.signal.symbol;
    j["direction"] = DirectionName(t.signal.direction);
    recent.push_back(std::move(j));
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

std::vector<std::pair<std::string, double>> ReturnFigures(const analytics::ReturnStats& s) {
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

nlohmann::ordered_json TradeStatsToJson(const analytics::TradeStats& s) {
  auto optional = [](const std::optional<double>& v) {
    return v ? FigureToJson(*v) : nlohmann::json(nullptr);
  };
  nlohmann::ordered_json j;
  j["count"] = s.count;
  j["wins"] = s.wins;
  j["losses"] = s.losses;
  j["breakevens"] = s.breakevens;
  j["win_rate_pct"] = FigureToJson(s.win_rate_pct);
  j["avg_win_pct"] = FigureToJson(s.avg_win_pct);
  j["avg_loss_pct"] = FigureToJson(s.avg_loss_pct);
  j["expectancy_pct"] = FigureToJson(s.expectancy_pct);
  j["total_pnl_pct"] = FigureToJson(s.total_pnl_pct);
  j["payoff_ratio"] = optional(s.payoff_ratio);
  j["profit_factor"] = optional(s.profit_factor);
  j["sqn"] = optional(s.sqn);
  j["total_pnl_quote"] = FigureToJson(s.total_pnl_quote);
  j["expectancy_quote"] = FigureToJson(s.expectancy_quote);
  j["max_consecutive_wins"] = s.max_consecutive_wins;
  j["max_consecutive_losses"] = s.max_consecutive_losses;
  j["avg_hold_minutes"] = FigureToJson(s.avg_hold_minutes);
  j["avg_hold_minutes_winners"] = FigureToJson(s.avg_hold_minutes_winners);
  j["avg_hold_minutes_losers"] = FigureToJson(s.avg_hold_minutes_losers);
  j["best_pnl_pct"] = FigureToJson(s.best_pnl_pct);
  j["best_signal_id"] = s.best_signal_id;
  j["worst_pnl_pct"] = FigureToJson(s.worst_pnl_pct);
  j["worst_signal_id"] = s.worst_signal_id;
  return j;
}

}  // namespace pulse::app
