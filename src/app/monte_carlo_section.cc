#include "app/monte_carlo_section.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>

#include "analytics/trade_monte_carlo.h"
#include "app/json_views.h"
#include "app/report_html.h"
#include "app/report_sections.h"
#include "app/svg_chart.h"

namespace pulse::app {

namespace {

constexpr const char* kBinColour = "#8c9bab";
constexpr const char* kObservedColour = "#ff7f0e";

nlohmann::ordered_json SpreadJson(const analytics::MonteCarloSpread& s, double scale) {
  return {{"p5", FigureToJson(s.p5 * scale)},   {"p25", FigureToJson(s.p25 * scale)},
          {"p50", FigureToJson(s.p50 * scale)}, {"p75", FigureToJson(s.p75 * scale)},
          {"p95", FigureToJson(s.p95 * scale)}, {"mean", FigureToJson(s.mean * scale)}};
}

// Equal-width bins of the values in percent.
nlohmann::ordered_json HistogramJson(const std::vector<double>& fractions) {
  std::vector<double> pct;
  pct.reserve(fractions.size());
  for (double v : fractions) pct.push_back(v * 100);
  nlohmann::ordered_json bins = nlohmann::ordered_json::array();
  for (const HistogramBin& bin : EqualWidthBins(pct, SuggestedBinCount(pct.size()))) {
    bins.push_back({{"lower", bin.lower}, {"upper", bin.upper}, {"count", bin.count}});
  }
  return bins;
}

// The shares one method's paths reached, in percent.
void AddShares(const analytics::MonteCarloPaths& paths, nlohmann::ordered_json& j) {
  j["as_deep_pct"] = FigureToJson(paths.share_as_deep * 100);
  j["beyond_drawdown_limit_pct"] = FigureToJson(paths.share_beyond.at(0) * 100);
  j["streak_limit_pct"] = FigureToJson(paths.share_streak.at(0) * 100);
}

std::string Pct(const nlohmann::json& figure, const char* spec = "{:.2f}") {
  return FigureText(figure, spec) + " %";
}

// A histogram of the JSON bins, the one holding `observed` (the last bin also holds its upper
// edge) in orange.
std::string ObservedHistogram(const nlohmann::ordered_json& bins, double observed,
                              const std::string& title, const std::string& note) {
  std::vector<HistogramBin> drawn;
  for (std::size_t i = 0; i < bins.size(); ++i) {
    const nlohmann::ordered_json& b = bins[i];
    HistogramBin bin;
    bin.lower = b["lower"].get<double>();
    bin.upper = b["upper"].get<double>();
    bin.count = b["count"].get<std::int64_t>();
    const bool last = i + 1 == bins.size();
    const bool holds =
        observed >= bin.lower && (observed < bin.upper || (last && observed <= bin.upper));
    bin.colour = holds ? kObservedColour : kBinColour;
    drawn.push_back(bin);
  }
  return HistogramChart(title, drawn, PercentLabel, note);
}

}  // namespace

MonteCarloSettings MonteCarloSettingsFor(const risk::RiskConfig& risk, int simulations,
                                         std::uint64_t seed) {
  MonteCarloSettings s;
  s.simulations = simulations;
  s.seed = seed;
  s.drawdown_limit = risk.breakers.max_drawdown_limit;
  s.streak_limit = risk.breakers.max_consecutive_losses;
  return s;
}

Status CheckMonteCarloFlags(int simulations, std::int64_t seed) {
  if (simulations < 0 || simulations > analytics::kMaxMonteCarloSimulations) {
    return InvalidArgumentError("--simulations must be 0 .. {} (0: no Monte Carlo), got {}",
                                analytics::kMaxMonteCarloSimulations, simulations);
  }
  if (seed < 0) return InvalidArgumentError("--seed must be >= 0, got {}", seed);
  return Status::Ok();
}

Result<nlohmann::ordered_json> MonteCarloJson(std::span<const analytics::TradeRecord> trades,
                                              double capital, const MonteCarloSettings& settings) {
  if (settings.simulations == 0) return nlohmann::ordered_json();
  ASSIGN_OR_RETURN(const std::vector<analytics::AccountTrade> account,
                   analytics::AccountTrades(trades, capital));
  return MonteCarloJson(account, capital, settings);
}

Result<nlohmann::ordered_json> MonteCarloJson(std::span<const analytics::AccountTrade> account,
                                              double capital, const MonteCarloSettings& settings) {
  if (settings.simulations == 0 || account.size() < 2) return nlohmann::ordered_json();
  analytics::MonteCarloOptions options;
  options.simulations = settings.simulations;
  options.seed = settings.seed;
  options.drawdown_limits = {settings.drawdown_limit};
  options.streak_limits = {settings.streak_limit};
  ASSIGN_OR_RETURN(const analytics::TradeMonteCarlo mc,
                   analytics::RunTradeMonteCarlo(account, options));

  nlohmann::ordered_json j;
  j["simulations"] = mc.simulations;
  j["seed"] = mc.seed;
  j["trades"] = mc.trades;
  j["capital"] = FigureToJson(capital);
  j["observed"] = {{"max_drawdown_pct", FigureToJson(mc.observed_max_drawdown * 100)},
                   {"return_pct", FigureToJson(mc.observed_total_return * 100)},
                   {"longest_losing_streak", mc.observed_longest_losing}};
  j["limits"] = {{"max_drawdown_pct", FigureToJson(settings.drawdown_limit * 100)},
                 {"losing_streak", settings.streak_limit}};
  nlohmann::ordered_json shuffle;
  shuffle["max_drawdown_pct"] = SpreadJson(mc.shuffle.max_drawdown, 100);
  shuffle["longest_losing_streak"] = SpreadJson(mc.shuffle.longest_losing, 1);
  AddShares(mc.shuffle, shuffle);
  shuffle["max_drawdown_histogram"] = HistogramJson(mc.shuffle.max_drawdowns);
  j["shuffle"] = std::move(shuffle);
  nlohmann::ordered_json bootstrap;
  bootstrap["return_pct"] = SpreadJson(mc.bootstrap.total_return, 100);
  bootstrap["max_drawdown_pct"] = SpreadJson(mc.bootstrap.max_drawdown, 100);
  bootstrap["longest_losing_streak"] = SpreadJson(mc.bootstrap.longest_losing, 1);
  bootstrap["losing_money_pct"] = FigureToJson(mc.bootstrap.share_losing_money * 100);
  AddShares(mc.bootstrap, bootstrap);
  bootstrap["return_histogram"] = HistogramJson(mc.bootstrap.total_returns);
  j["bootstrap"] = std::move(bootstrap);
  return j;
}

std::string MonteCarloText(const nlohmann::ordered_json& m, MonteCarloOf of) {
  if (m.is_null()) return "";
  const std::string subject =
      of == MonteCarloOf::kPaper
          ? fmt::format("the paper account's {} positions on {}", FigureText(m["trades"]),
                        FigureText(m["capital"]))
          : fmt::format("the {} trades' quote P&L on {} (the signals' account)",
                        FigureText(m["trades"]), FigureText(m["capital"]));
  const auto& o = m["observed"];
  const auto& limits = m["limits"];
  const auto& s = m["shuffle"];
  const auto& b = m["bootstrap"];
  const std::string streak = fmt::format("{} losses in a row", FigureText(limits["losing_streak"]));
  const std::string beyond = "beyond " + Pct(limits["max_drawdown_pct"]);
  return fmt::format(
      "Monte Carlo of {}, {} paths each (seed {}): as taken, max drawdown {}, return {}, "
      "longest losing streak {}\n"
      "  in other orders: max drawdown median {}, 1 in 20 {} or deeper; as deep as taken or "
      "deeper in {}; {} in {}; {} in {}\n"
      "  drawn again: return median {} (90 % between {} and {}), a loss in {}; max drawdown "
      "median {}, 1 in 20 {} or deeper; {} in {}; {} in {}\n",
      subject, FigureText(m["simulations"]), FigureText(m["seed"]), Pct(o["max_drawdown_pct"]),
      Pct(o["return_pct"], "{:+.2f}"), FigureText(o["longest_losing_streak"]),
      Pct(s["max_drawdown_pct"]["p50"]), Pct(s["max_drawdown_pct"]["p5"]),
      Pct(s["as_deep_pct"], "{:.1f}"), beyond, Pct(s["beyond_drawdown_limit_pct"], "{:.1f}"),
      streak, Pct(s["streak_limit_pct"], "{:.1f}"), Pct(b["return_pct"]["p50"], "{:+.2f}"),
      Pct(b["return_pct"]["p5"], "{:+.2f}"), Pct(b["return_pct"]["p95"], "{:+.2f}"),
      Pct(b["losing_money_pct"], "{:.1f}"), Pct(b["max_drawdown_pct"]["p50"]),
      Pct(b["max_drawdown_pct"]["p5"]), beyond, Pct(b["beyond_drawdown_limit_pct"], "{:.1f}"),
      streak, Pct(b["streak_limit_pct"], "{:.1f}"));
}

std::string MonteCarloHtml(const nlohmann::ordered_json& m, MonteCarloOf of) {
  const bool paper = of == MonteCarloOf::kPaper;
  std::string html = paper ? "<h2>Monte Carlo of the paper account</h2>" : "<h2>Monte Carlo</h2>";
  if (m.is_null()) {
    return html + (paper ? "<p>fewer than 2 closed positions</p>"
                         : "<p>fewer than 2 trades with a quote P&amp;L</p>");
  }
  html += fmt::format(
      "<p>The {} {} are one draw of what {}. In other orders (shuffled, each "
      "trade once) the account ends where it did and only the path changes; drawn again with "
      "replacement (bootstrap) the return changes too. {} paths of each, seed {}; drawdowns of "
      "the equity after each trade; the limits are the max-drawdown and consecutive-losses "
      "breakers'.{}</p>",
      HtmlCell(m["trades"]), paper ? "closed positions" : "trades",
      paper ? "the account trades" : "the signals give", HtmlCell(m["simulations"]),
      HtmlCell(m["seed"]),
      paper ? " Each position's realised P&amp;L after fees, on the starting balance; one below "
              "zero is a loss."
            : "");
  nlohmann::ordered_json figures = m["observed"];
  for (const auto& [key, value] : m["limits"].items()) figures["limit_" + key] = value;
  html += "<h3>Observed</h3>" + HtmlFigures(figures);
  nlohmann::ordered_json spreads = nlohmann::ordered_json::array();
  auto add = [&](const char* method, const char* figure, const nlohmann::ordered_json& spread) {
    nlohmann::ordered_json row = {{"method", method}, {"figure", figure}};
    for (const auto& [key, value] : spread.items()) row[key] = value;
    spreads.push_back(std::move(row));
  };
  add("shuffle", "max_drawdown_pct", m["shuffle"]["max_drawdown_pct"]);
  add("shuffle", "longest_losing_streak", m["shuffle"]["longest_losing_streak"]);
  add("bootstrap", "return_pct", m["bootstrap"]["return_pct"]);
  add("bootstrap", "max_drawdown_pct", m["bootstrap"]["max_drawdown_pct"]);
  add("bootstrap", "longest_losing_streak", m["bootstrap"]["longest_losing_streak"]);
  html += "<h3>Spread over the paths</h3>" + HtmlTable(spreads);
  html += "<h3>Shares of the paths (%)</h3>";
  nlohmann::ordered_json shares = nlohmann::ordered_json::array();
  for (const char* method : {"shuffle", "bootstrap"}) {
    const auto& p = m[method];
    shares.push_back(
        {{"method", method},
         {"as_deep_as_observed", p["as_deep_pct"]},
         {"beyond_drawdown_limit", p["beyond_drawdown_limit_pct"]},
         {"losing_streak_limit", p["streak_limit_pct"]},
         {"losing_money", p.contains("losing_money_pct") ? p["losing_money_pct"]
                                                         : nlohmann::ordered_json(nullptr)}});
  }
  html += HtmlTable(shares);
  const auto& observed = m["observed"];
  if (observed["max_drawdown_pct"].is_number()) {
    html += ObservedHistogram(m["shuffle"]["max_drawdown_histogram"],
                              observed["max_drawdown_pct"].get<double>(),
                              "Max drawdown of the shuffled paths (%)",
                              "Each path's deepest fall below its running high; the bin "
                              "holding the observed one in orange.");
  }
  if (observed["return_pct"].is_number()) {
    html +=
        ObservedHistogram(m["bootstrap"]["return_histogram"], observed["return_pct"].get<double>(),
                          "Return of the bootstrap paths (%)",
                          "Each path's return at its end; the bin holding the observed "
                          "return in orange.");
  }
  return html;
}

}  // namespace pulse::app
