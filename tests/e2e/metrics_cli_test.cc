// `pulse metrics` through the real binary: empyrical's series written as CSV files, the JSON
// figures checked against empyrical's expected values (tests/data/oracles/metrics_empyrical.json),
// and every refusal of bad input (non-zero exit, a message naming the problem).
#include <cmath>
#include <map>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

using nlohmann::json;

json Oracle() {
  const std::string text =
      ReadTextFile(CliRunner::SourceDir() + "/tests/data/oracles/metrics_empyrical.json");
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  EXPECT_FALSE(doc.is_discarded()) << "metrics_empyrical.json missing or invalid";
  return doc;
}

// The series as "timestamp,return" rows (a NaN as an empty cell).
std::string SeriesCsv(const json& series) {
  std::string csv = "timestamp,return\n";
  for (std::size_t i = 0; i < series["values"].size(); ++i) {
    const json& v = series["values"][i];
    csv += series["index"][i].get<std::string>() + "," + (v.is_null() ? std::string() : v.dump()) +
           "\n";
  }
  return csv;
}

class MetricsCliTest : public ::testing::Test {
 protected:
  CliRunner cli_;
};

TEST_F(MetricsCliTest, JsonFiguresMatchEmpyrical) {
  const json doc = Oracle();
  ASSERT_TRUE(doc.contains("cases"));
  // empyrical metric -> `pulse metrics` JSON key.
  const std::map<std::string, std::string> keys = {{"sharpe_ratio", "sharpe"},
                                                   {"sortino_ratio", "sortino"},
                                                   {"calmar_ratio", "calmar"},
                                                   {"max_drawdown", "max_drawdown"},
                                                   {"annual_return", "annual_return"},
                                                   {"cagr", "annual_return"},
                                                   {"annual_volatility", "annual_volatility"},
                                                   {"downside_risk", "downside_risk"},
                                                   {"stability_of_timeseries", "stability"},
                                                   {"tail_ratio", "tail_ratio"}};
  const std::map<std::string, std::string> periods = {
      {"daily", "252"}, {"weekly", "52"}, {"monthly", "12"}};
  int checked = 0;
  for (const std::string name : {"mixed_returns", "weekly_returns", "monthly_returns"}) {
    const std::string file = cli_.WriteFile(name + ".csv", SeriesCsv(doc["series"][name]));
    for (const auto& [period, ppy] : periods) {
      CliResult r =
          cli_.Run({"metrics", "--returns", file, "--periods-per-year", ppy, "--format", "json"});
      ASSERT_EQ(r.exit_code, 0) << r.err;
      const json got = json::parse(r.out);
      for (const char* key :
           {"sharpe", "sortino", "calmar", "max_drawdown", "annual_return", "annual_volatility",
            "downside_risk", "var_95", "cvar_95", "omega", "tail_ratio", "stability"}) {
        EXPECT_TRUE(got.contains(key)) << key;
      }
      for (const json& c : doc["cases"]) {
        const json& p = c["params"];
        if (c["inputs"]["returns"] != name || !keys.count(c["metric"])) continue;
        if (p.value("period", "daily") != period) continue;
        if (p.value("risk_free", json(0.0)) != json(0.0) ||
            p.value("required_return", 0.0) != 0.0) {
          continue;
        }
        const double expected = c["expected"].get<double>();
        const json& value = got[keys.at(c["metric"])];
        ASSERT_TRUE(value.is_number()) << c.dump();
        EXPECT_NEAR(value.get<double>(), expected, c["tolerance"]["abs_tol"].get<double>())
            << c.dump();
        ++checked;
      }
    }
  }
  // mixed daily: max_drawdown, annual_return, annual_volatility, calmar, sortino, stability,
  // tail_ratio; weekly: annual_return; monthly: annual_volatility, calmar, downside_risk,
  // sortino.
  EXPECT_EQ(checked, 12);
}

TEST_F(MetricsCliTest, HandCheckedFiguresAndDrawdownDates) {
  // 10 %, -10 %, 10 % with 3 periods a year: total = annual = 1.1 * 0.9 * 1.1 - 1 = 0.089;
  // drawdown -10 % from the first row to the second, not recovered.
  const std::string file = cli_.WriteFile(
      "r.csv", "timestamp,return\n2024-01-01,0.1\n2024-01-02,-0.1\n2024-01-03,0.1\n");
  CliResult r =
      cli_.Run({"metrics", "--returns", file, "--periods-per-year", "3", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json j = json::parse(r.out);
  EXPECT_NEAR(j["total_return"].get<double>(), 0.089, 1e-12);
  EXPECT_NEAR(j["annual_return"].get<double>(), 0.089, 1e-12);
  EXPECT_NEAR(j["max_drawdown"].get<double>(), -0.1, 1e-12);
  EXPECT_NEAR(j["omega"].get<double>(), 2.0, 1e-12);  // gains 0.2 over losses 0.1
  EXPECT_NEAR(j["var_95"].get<double>(), -0.08, 1e-12);
  EXPECT_EQ(j["max_drawdown_peak"], "2024-01-01T00:00:00Z");
  EXPECT_EQ(j["max_drawdown_trough"], "2024-01-02T00:00:00Z");
  EXPECT_TRUE(j["max_drawdown_recovery"].is_null());

  CliResult table = cli_.Run({"metrics", "--returns", file, "--periods-per-year", "3"});
  ASSERT_EQ(table.exit_code, 0) << table.err;
  EXPECT_NE(table.out.find("max_drawdown"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("-0.100000"), std::string::npos) << table.out;
}

// The same series written in the forms people's tools write: the figures do not change.
TEST_F(MetricsCliTest, MissingReturnsTimestampsAndHeadersInTheirCommonForms) {
  auto figures = [&](const std::string& name, const std::string& csv) {
    CliResult r = cli_.Run({"metrics", "--returns", cli_.WriteFile(name, csv), "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << name << ": " << r.err;
    return r.exit_code == 0 ? json::parse(r.out) : json();
  };
  // empyrical's mixed_returns: a missing first return, then eight.
  const json nan =
      figures("nan.csv", "return\nNaN\n0.01\n0.1\n-0.04\n0.02\n0.03\n0.02\n0.01\n-0.1\n");
  EXPECT_EQ(nan["periods"], 9);
  EXPECT_EQ(nan["observations"], 8);
  // empyrical: prod(1 + r) ** (252 / len(r)) - 1, the missing return counted in len(r).
  const double growth = 1.01 * 1.1 * 0.96 * 1.02 * 1.03 * 1.02 * 1.01 * 0.9;
  EXPECT_NEAR(nan["annual_return"].get<double>(), std::pow(growth, 252.0 / 9) - 1, 1e-12);
  // An empty line of a one-column file is an empty cell; empty lines at the end are not rows.
  EXPECT_EQ(figures("blank.csv", "return\n\n0.01\n0.1\n-0.04\n0.02\n0.03\n0.02\n0.01\n-0.1\n\n\n"),
            nan);
  EXPECT_EQ(
      figures("spellings.csv", "return\n-NAN\n0.01\n0.1\n-0.04\n0.02\n0.03\n0.02\n0.01\n-0.1\n"),
      nan);

  // Epoch seconds, milliseconds and ISO dates, the timestamp column anywhere, a UTF-8 BOM.
  const json iso = figures("iso.csv",
                           "timestamp,return\n2021-01-01,0.01\n2021-01-02,-0.02\n"
                           "2021-01-03,0.03\n2021-01-04,0.01\n");
  EXPECT_EQ(iso["max_drawdown_peak"], "2021-01-01T00:00:00Z");
  EXPECT_EQ(iso["max_drawdown_trough"], "2021-01-02T00:00:00Z");
  EXPECT_EQ(iso["max_drawdown_recovery"], "2021-01-03T00:00:00Z");
  EXPECT_EQ(figures("seconds.csv",
                    "timestamp,return\n1609459200,0.01\n1609545600,-0.02\n"
                    "1609632000,0.03\n1609718400,0.01\n"),
            iso);
  EXPECT_EQ(figures("millis.csv",
                    "\xEF\xBB\xBFtimestamp,return\n1609459200000,0.01\n"
                    "1609545600000,-0.02\n1609632000000,0.03\n1609718400000,0.01\n"),
            iso);
  EXPECT_EQ(figures("last.csv",
                    "return,timestamp\n0.01,2021-01-01\n-0.02,2021-01-02\n"
                    "0.03,2021-01-03\n0.01,2021-01-04\n"),
            iso);
  // -1 (everything lost) is a return; the equity stays at zero.
  const json ruin = figures("ruin.csv", "return\n0.1\n-1\n0.05\n");
  EXPECT_EQ(ruin["total_return"], -1);
  EXPECT_EQ(ruin["max_drawdown"], -1);
}

TEST_F(MetricsCliTest, BadInputIsRefusedWithTheReason) {
  auto refused = [&](const std::vector<std::string>& args, const std::string& message) {
    CliResult r = cli_.Run(args);
    EXPECT_NE(r.exit_code, 0) << r.out;
    EXPECT_NE(r.err.find(message), std::string::npos) << "stderr: " << r.err;
  };
  refused({"metrics", "--returns", cli_.dir() + "/missing.csv"}, "cannot open");
  const std::string no_col = cli_.WriteFile("a.csv", "timestamp,ret\n2024-01-01,0.1\n");
  refused({"metrics", "--returns", no_col}, "no `return` column");
  const std::string text = cli_.WriteFile("b.csv", "return\n0.1\n0.2\nabc\n");
  refused({"metrics", "--returns", text}, "line 4: return 'abc' is not a number");
  const std::string one = cli_.WriteFile("c.csv", "return\n0.1\n");
  refused({"metrics", "--returns", one}, "holds 1 return(s) that are not missing; at least 2");
  const std::string nans = cli_.WriteFile("e.csv", "return\nNaN\n0.1\nnan\n");
  refused({"metrics", "--returns", nans}, "holds 1 return(s) that are not missing");
  const std::string ruin = cli_.WriteFile("f.csv", "return\n0.1\n-2\n0.05\n");
  refused({"metrics", "--returns", ruin},
          "line 3: return -2 is below -1 (a loss of more than the whole equity)");
  const std::string unsorted =
      cli_.WriteFile("g.csv", "timestamp,return\n2021-01-03,0.1\n2021-01-01,0.2\n2021-01-04,0.1\n");
  refused({"metrics", "--returns", unsorted},
          "line 3: timestamp 2021-01-01T00:00:00Z is not after the previous row's "
          "2021-01-03T00:00:00Z");
  const std::string twice =
      cli_.WriteFile("h.csv", "timestamp,return\n2021-01-01,0.1\n2021-01-01,0.2\n2021-01-04,0.1\n");
  refused({"metrics", "--returns", twice}, "line 3: timestamp 2021-01-01T00:00:00Z is not after");
  const std::string two = cli_.WriteFile("d.csv", "return\n0.1\n0.2\n");
  refused({"metrics", "--returns", two, "--periods-per-year", "0"}, "periods per year");
}

}  // namespace
}  // namespace pulse::testing
