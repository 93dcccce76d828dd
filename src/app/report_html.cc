#include "app/report_html.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "analytics/daily_figures.h"
#include "analytics/return_stats.h"
#include "app/controller_time.h"
#include "app/report_sections.h"
#include "app/svg_chart.h"
#include "core/numbers.h"

namespace pulse::app {

namespace {

// The colour of a controller state in the traffic-light band.
const char* StateColour(RiskState state) {
  switch (state) {
    case RiskState::kGreen:
      return "#2ca02c";
    case RiskState::kYellow:
      return "#e6b800";
    case RiskState::kRed:
      return "#d62728";
    case RiskState::kPaused:
      return "#7f7f7f";
    case RiskState::kStopped:
      return "#222222";
  }
  return "#7f7f7f";
}

}  // namespace

std::string HtmlPageStart(const std::string& title) {
  return "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + HtmlEscape(title) +
         "</title><style>body{font-family:sans-serif;margin:24px;max-width:960px}"
         "table{border-collapse:collapse;margin:8px 0;display:block;overflow-x:auto;"
         "max-width:100%}td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}"
         "th{background:#f4f4f4}.headline{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}"
         ".figure{border:1px solid #ddd;border-radius:4px;padding:6px 10px;min-width:130px}"
         ".figure .label,.figure .detail{font-size:12px;color:#555}.figure .value{font-size:"
         "22px;font-weight:bold}.good{color:#2ca02c}.bad{color:#d62728}nav.index ol{columns:3;"
         "font-size:13px}</style></head><body>\n";
}

HeadlineTone ToneAgainst(const nlohmann::json& value, double line) {
  if (!value.is_number()) return HeadlineTone::kPlain;
  const double v = value.get<double>();
  if (v > line) return HeadlineTone::kGood;
  if (v < line) return HeadlineTone::kBad;
  return HeadlineTone::kPlain;
}

std::string HeadlineNumber(const nlohmann::json& value, int decimals, const std::string& suffix,
                           bool signed_plus) {
  if (!value.is_number()) return "-";
  const std::string text = FormatGrouped(value.get<double>(), decimals);
  // "+" only before a value that does not round to 0 ("0.00 %", not "+0.00 %").
  const bool plus =
      signed_plus && text.front() != '-' && text.find_first_of("123456789") != std::string::npos;
  return (plus ? "+" : "") + text + suffix;
}

std::string HeadlineHtml(std::span<const HeadlineFigure> figures) {
  std::string out = "<div class=\"headline\">";
  for (const HeadlineFigure& f : figures) {
    const char* tone = f.tone == HeadlineTone::kGood  ? " good"
                       : f.tone == HeadlineTone::kBad ? " bad"
                                                      : "";
    out += fmt::format(
        "<div class=\"figure\"><div class=\"label\">{}</div><div class=\"value{}\">{}</div>"
        "<div class=\"detail\">{}</div></div>",
        HtmlEscape(f.label), tone, HtmlEscape(f.value), HtmlEscape(f.detail));
  }
  return out + "</div>\n";
}

std::vector<HeadlineFigure> TradeHeadline(const nlohmann::ordered_json& t) {
  auto at = [&t](const char* key) -> nlohmann::ordered_json {
    return t.is_object() ? t.value(key, nlohmann::ordered_json()) : nullptr;
  };
  const bool no_loss = at("losses") == 0 && at("wins").is_number() && at("wins") > 0;
  return {{"Trades", HeadlineNumber(at("count"), 0),
           fmt::format("{} won, {} lost, {} even", HeadlineNumber(at("wins"), 0),
                       HeadlineNumber(at("losses"), 0), HeadlineNumber(at("breakevens"), 0))},
          {"Win rate", HeadlineNumber(at("win_rate_pct"), 1, " %"),
           "95 %: " + HeadlineNumber(at("win_rate_low_pct"), 1) + " to " +
               HeadlineNumber(at("win_rate_high_pct"), 1, " %")},
          {"Profit factor", no_loss ? "no loss" : HeadlineNumber(at("profit_factor"), 2),
           "payoff ratio " + HeadlineNumber(at("payoff_ratio"), 2),
           no_loss ? HeadlineTone::kGood : ToneAgainst(at("profit_factor"), 1)},
          {"Expectancy", HeadlineNumber(at("expectancy_pct"), 2, " %", true),
           "a trade; p-value of above 0: " + HeadlineNumber(at("expectancy_p_value"), 3),
           ToneAgainst(at("expectancy_pct"))}};
}

std::vector<HeadlineFigure> ReturnsHeadline(const nlohmann::ordered_json& returns) {
  if (!returns.is_object()) return {};
  const nlohmann::ordered_json drawdown = returns.value("max_drawdown", nlohmann::ordered_json());
  const nlohmann::ordered_json sharpe = returns.value("sharpe", nlohmann::ordered_json());
  return {{"Max drawdown",
           HeadlineNumber(drawdown.is_number() ? nlohmann::json(drawdown.get<double>() * 100)
                                               : nlohmann::json(),
                          2, " %"),
           "of the daily closes"},
          {"Sharpe", HeadlineNumber(sharpe, 2),
           "of the daily returns, annualised; Sortino " +
               HeadlineNumber(returns.value("sortino", nlohmann::ordered_json()), 2),
           ToneAgainst(sharpe)}};
}

std::string WithSectionIndex(const std::string& html) {
  std::string out, links;
  std::set<std::string> used;
  std::size_t from = 0;
  for (std::size_t at = html.find("<h2>"); at != std::string::npos; at = html.find("<h2>", from)) {
    const std::size_t title_end = html.find("</h2>", at);
    if (title_end == std::string::npos) break;
    const std::string title = html.substr(at + 4, title_end - at - 4);
    std::string id;
    for (const char c : title) {
      if (std::isalnum(static_cast<unsigned char>(c))) {
        id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      } else if (!id.empty() && id.back() != '-') {
        id += '-';
      }
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.empty()) id = "section";
    const std::string base = id;
    for (int n = 2; !used.insert(id).second; ++n) id = base + "-" + std::to_string(n);
    out.append(html, from, at - from);
    out += "<h2 id=\"" + id + "\">" + title + "</h2>";
    links += "<li><a href=\"#" + id + "\">" + title + "</a></li>";
    from = title_end + 5;
  }
  out.append(html, from, std::string::npos);
  if (links.empty()) return out;
  return out.insert(out.find("<h2 id="), "<nav class=\"index\"><ol>" + links + "</ol></nav>\n");
}

std::string HtmlPageEnd() { return "</body></html>\n"; }

std::string HtmlCell(const nlohmann::json& j) {
  if (j.is_null()) return "-";
  if (j.is_string()) return HtmlEscape(j.get<std::string>());
  if (j.is_number_integer()) return std::to_string(j.get<std::int64_t>());
  if (j.is_number()) {
    // Money-sized figures in fixed notation ("10,000.00", not "1e+04"), tiny ones to 4 decimals
    // ("0.0000", not "5.9e-09"), the rest to 4 digits.
    const double v = j.get<double>();
    if (std::fabs(v) >= 1000) return FormatGrouped(v, 2);
    if (std::fabs(v) < 1e-4) return FormatGrouped(v, 4);
    return fmt::format("{:.4g}", v);
  }
  return HtmlEscape(j.dump());
}

std::string HtmlTable(const nlohmann::ordered_json& rows) {
  if (!rows.is_array() || rows.empty()) return "<p>none</p>\n";
  std::string out = "<table><tr>";
  for (const auto& [key, value] : rows.front().items()) out += "<th>" + HtmlEscape(key) + "</th>";
  out += "</tr>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const auto& [key, value] : row.items()) out += "<td>" + HtmlCell(value) + "</td>";
    out += "</tr>\n";
  }
  return out + "</table>\n";
}

std::string HtmlFigures(const nlohmann::ordered_json& object) {
  std::string out = "<table>";
  for (const auto& [key, value] : object.items()) {
    if (value.is_object() || value.is_array()) continue;
    out += "<tr><th>" + HtmlEscape(key) + "</th><td>" + HtmlCell(value) + "</td></tr>";
  }
  return out + "</table>\n";
}

std::string ControllerEpisodesTable(const nlohmann::ordered_json& episodes) {
  nlohmann::ordered_json rows = nlohmann::ordered_json::array();
  for (const auto& e : episodes) {
    std::string reasons;
    for (const auto& text : e["reasons"]) {
      reasons += (reasons.empty() ? "" : "; ") + text.get<std::string>();
    }
    rows.push_back({{"at", e["at"]}, {"state", e["state"]}, {"reasons", reasons}});
  }
  return HtmlTable(rows);
}

std::string PercentLabel(double value) { return FormatGrouped(value, 2) + "%"; }

std::string EquityAndDrawdownCharts(std::span<const analytics::EquityPoint> curve,
                                    const std::string& drawdown_note) {
  std::vector<UnixNanos> times;
  std::vector<double> equity, drawdown;
  double peak = curve.empty() ? 0 : curve.front().equity;
  for (const analytics::EquityPoint& p : curve) {
    times.push_back(p.time);
    equity.push_back(p.equity);
    peak = std::max(peak, p.equity);
    drawdown.push_back((p.equity / peak - 1) * 100);
  }
  return LineChart("Equity (quote currency)", times, {{"equity", &equity, "#1f77b4"}},
                   [](double v) { return FormatGrouped(v, 2); }) +
         LineChart("Drawdown (%)", times, {{"drawdown", &drawdown, "#d62728"}}, PercentLabel,
                   drawdown_note);
}

std::string ControllerBand(std::span<const ControllerStatusRow> rows, UnixNanos from,
                           UnixNanos to) {
  std::vector<BandSegment> segments;
  for (const StateSpan& s : ControllerStateSpans(rows, from, to)) {
    segments.push_back({s.from, s.to, std::string(RiskStateName(s.state)), StateColour(s.state)});
  }
  return StateBandChart("Traffic light", from, to, segments,
                        "The controller's state on the time axis of the charts above: the "
                        "light while active, paused or stopped when set by hand.");
}

std::string PnlHistogram(const std::vector<double>& pnl_pct, double tail, const std::string& title,
                         const std::string& note) {
  std::vector<HistogramBin> bins = EqualWidthBins(pnl_pct, SuggestedBinCount(pnl_pct.size()), tail);
  for (HistogramBin& b : bins) b.colour = b.upper <= 0 ? "#d62728" : "#2ca02c";
  return HistogramChart(title, bins, PercentLabel, note);
}

std::string TradePnlHistogram(const std::vector<double>& pnl_pct) {
  return PnlHistogram(pnl_pct, 0, "P&L per trade (%)",
                      "Each trade's P&L in percent of its entry (before fees), in bins of equal "
                      "width; losing bins red.");
}

std::string StoppedPnlHistogram(const std::vector<double>& pnl_pct) {
  return PnlHistogram(pnl_pct, 0.01, "P&L per stopped candidate (%)",
                      "What the rejected and denied candidates made when followed as shadows "
                      "(before fees), in bins of equal width; losing bins red; the outer bars "
                      "also hold the 1 % most extreme at each end.");
}

std::string DaysHtml(const nlohmann::ordered_json& days,
                     std::span<const analytics::EquityPoint> curve) {
  std::string html = "<h2>Days</h2>";
  if (days.is_null()) return html + "<p>none</p>";
  html += HtmlFigures(days);
  const Result<std::vector<analytics::PeriodReturn>> daily =
      analytics::ResampleReturns(curve, kNanosPerDay, 0);
  if (!daily.ok()) return html;
  std::vector<double> moved_pct;
  for (const analytics::PeriodReturn& d : *daily) {
    if (std::fabs(d.value) > analytics::kFlatDayReturn) moved_pct.push_back(d.value * 100);
  }
  if (moved_pct.empty()) return html;
  const std::size_t flat = daily->size() - moved_pct.size();
  return html + PnlHistogram(moved_pct, 0, "Return per day (%)",
                             fmt::format("Each UTC day's compounded return of the account, in "
                                         "bins of equal width; losing bins red; the {} flat "
                                         "day{} left out.",
                                         flat, flat == 1 ? "" : "s"));
}

std::string CalibrationHtml(const nlohmann::ordered_json& calibration) {
  return "<h2>Calibration</h2>" + HtmlFigures(calibration["overall"]) +
         HtmlTable(calibration["overall"]["bins"]) +
         ReliabilityFromBins(calibration["overall"]["bins"]);
}

std::string BreakdownsHtml(const nlohmann::ordered_json& breakdowns) {
  std::string html;
  for (const auto& [key, rows] : breakdowns.items()) {
    nlohmann::ordered_json named = rows;
    for (auto& row : named) row["label"] = BreakdownLabel(key, row["label"].get<std::string>());
    html += "<h2>By " + HtmlEscape(key) + "</h2>" + HtmlTable(named);
  }
  return html;
}

std::string WeekdayHourHeatmap(std::span<const analytics::WeekdayHourCell> cells) {
  static const std::vector<std::string> kDays = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
  std::vector<std::string> hours;
  for (int h = 0; h < 24; ++h) hours.push_back(std::to_string(h));
  std::vector<HeatCell> heat;
  for (const analytics::WeekdayHourCell& c : cells) {
    heat.push_back({c.weekday - 1, c.hour, c.stats.total_pnl_pct,
                    fmt::format("{} {:02}:00 UTC: {} trade{}, win rate {:.1f} %, P&L {:+.2f} %",
                                kDays[static_cast<std::size_t>(std::clamp(c.weekday, 1, 7) - 1)],
                                c.hour, c.stats.count, c.stats.count == 1 ? "" : "s",
                                c.stats.win_rate_pct, c.stats.total_pnl_pct),
                    ""});
  }
  return HeatmapChart("P&L by weekday and hour of entry (UTC)", kDays, hours, heat,
                      "Each cell sums the P&L % (before fees) of the trades entered in that "
                      "hour: green above 0, red below, stronger for larger sums; blank where "
                      "nothing was traded.");
}

std::string MonthsHtml(const nlohmann::ordered_json& monthly) {
  static const std::vector<std::string> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  std::vector<std::string> years;
  std::vector<HeatCell> heat;
  for (const auto& row : monthly) {
    const std::string month = row["month"].get<std::string>();  // "2021-05"
    const std::string year = month.substr(0, 4);
    if (years.empty() || years.back() != year) years.push_back(year);
    if (!row["account_pct"].is_number()) continue;  // none that month (null): left blank
    const double account = row["account_pct"].get<double>();
    const std::string market = row["market_pct"].is_number()
                                   ? fmt::format("{:+.2f} %", row["market_pct"].get<double>())
                                   : std::string("-");
    heat.push_back({static_cast<int>(years.size()) - 1, std::stoi(month.substr(5, 2)) - 1, account,
                    fmt::format("{}: account {:+.2f} %, market {}", month, account, market),
                    fmt::format("{:+.2f}", account)});
  }
  std::string html = "<h3>Months</h3>";
  if (!heat.empty()) {
    html += HeatmapChart("The account's return by month (%)", years, kMonths, heat,
                         "Compounded from the days of each UTC month the period covers: green "
                         "above 0, red below, stronger for larger returns; the market's return "
                         "of the month in each cell's tooltip and in the table.");
  }
  return html + HtmlTable(monthly);
}

std::string MarketChart(const MarketComparison& market, UnixNanos start, UnixNanos end,
                        const std::string& account_name) {
  std::vector<UnixNanos> times{start};
  std::vector<double> account{0}, benchmark{0};
  const std::vector<double> account_growth = analytics::CumReturns(market.account);
  const std::vector<double> market_growth = analytics::CumReturns(market.benchmark);
  for (std::size_t i = 0; i < market.days.size(); ++i) {
    times.push_back(std::min(market.days[i] + kNanosPerDay, end));
    account.push_back(account_growth[i] * 100);
    benchmark.push_back(market_growth[i] * 100);
  }
  return LineChart("Return against buy and hold (%)", times,
                   {{account_name, &account, "#1f77b4"}, {"buy and hold", &benchmark, "#7f7f7f"}},
                   PercentLabel, "Both compounded from one return per UTC day.");
}

std::string ReliabilityFromBins(const nlohmann::ordered_json& bins) {
  std::vector<ReliabilityPoint> points;
  for (const auto& b : bins) {
    points.push_back({b["mean_confidence"].get<double>(), b["hit_rate"].get<double>(),
                      b["count"].get<std::int64_t>()});
  }
  return ReliabilityChart("Reliability", points,
                          "Each confidence bin's hit rate against its mean confidence; on the "
                          "dashed diagonal a confidence means what it says. Circle area grows "
                          "with the bin's count.");
}

}  // namespace pulse::app
