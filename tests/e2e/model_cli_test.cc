// `pulse model train | inspect | predict` through the real binary on the bundled hourly candles:
// the model and manifest files, the report against the manifest, the purge gaps of the split,
// determinism, predictions per bar, and refused input (bad flags, too few rows, a model built on
// other features, a missing manifest).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iomanip>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "e2e/cli_runner.h"

namespace pulse::testing {
namespace {

const std::string kHourConfig =
    "features:\n"
    "  base_timeframe: 1h\n"
    "  sets:\n"
    "    - {timeframe: 1h, indicators: [\"rsi:14\", \"macd:12,26,9\", \"atr:14\"]}\n"
    "    - {timeframe: 4h, indicators: [\"sma:5\"]}\n";
// The same features but RSI(21) in place of RSI(14): the first feature differs.
const std::string kOtherConfig =
    "features:\n"
    "  base_timeframe: 1h\n"
    "  sets:\n"
    "    - {timeframe: 1h, indicators: [\"rsi:21\", \"macd:12,26,9\", \"atr:14\"]}\n"
    "    - {timeframe: 4h, indicators: [\"sma:5\"]}\n";

constexpr std::int64_t kHourMs = 3'600'000;

std::string Sample(const std::string& name) {
  return CliRunner::SourceDir() + "/data/sample/" + name;
}

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  std::string line;
  while (std::getline(in, line)) lines.push_back(line);
  return lines;
}

// The number after `key` on the first line of `report` starting with `key` (after spaces).
double ReportValue(const std::string& report, const std::string& key) {
  for (const std::string& line : Lines(report)) {
    const std::size_t at = line.find_first_not_of(' ');
    if (at == std::string::npos || line.compare(at, key.size(), key) != 0) continue;
    if (line.size() > at + key.size() && line[at + key.size()] != ' ') continue;
    return std::stod(line.substr(at + key.size()));
  }
  ADD_FAILURE() << "no line '" << key << "' in:\n" << report;
  return NAN;
}

// "  true 1        30        68" -> {30, 68}.
std::vector<std::int64_t> ConfusionRow(const std::string& report, const std::string& row) {
  for (const std::string& line : Lines(report)) {
    if (line.rfind("  " + row, 0) != 0) continue;
    std::istringstream in(line.substr(row.size() + 2));
    std::int64_t a = -1, b = -1;
    in >> a >> b;
    return {a, b};
  }
  ADD_FAILURE() << "no confusion row " << row;
  return {-1, -1};
}

std::int64_t IsoToMs(const std::string& iso) {
  std::tm tm{};
  std::istringstream in(iso);
  in >> std::get_time(&tm, "%Y-%m-%dT%H:%M:%S");
  return static_cast<std::int64_t>(timegm(&tm)) * 1000;
}

class ModelCliTest : public ::testing::Test {
 protected:
  void SetUp() override { config_ = cli_.WriteFile("pulse.yaml", kHourConfig); }

  // Trains on the hourly BTC sample; `flags` replace or add to the defaults below.
  CliResult Train(const std::string& out, const std::map<std::string, std::string>& flags = {}) {
    std::map<std::string, std::string> all = {{"--data", Sample("BTCUSDT-1h.csv.gz")},
                                              {"--horizon", "12"},
                                              {"--label", "tp-before-sl:rr=2"},
                                              {"--rounds", "20"},
                                              {"--progress", "off"},
                                              {"--out", out}};
    for (const auto& [flag, value] : flags) all[flag] = value;
    std::vector<std::string> args = {"--config", config_, "model", "train"};
    for (const auto& [flag, value] : all) {
      args.push_back(flag);
      args.push_back(value);
    }
    return cli_.Run(args);
  }

  nlohmann::json Manifest(const std::string& model) {
    return nlohmann::json::parse(ReadTextFile(cli_.dir() + "/" + model + ".manifest.json"));
  }

  CliRunner cli_;
  std::string config_;
};

TEST_F(ModelCliTest, TrainWritesModelAndManifestThatAgreeWithTheReport) {
  CliResult r = Train("models/btc_1h.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_FALSE(ReadTextFile(cli_.dir() + "/models/btc_1h.json").empty());
  const nlohmann::json m = Manifest("models/btc_1h.json");

  // Feature names and order are exactly the header of `pulse features`.
  CliResult f = cli_.Run(
      {"--config", config_, "features", "--data", Sample("BTCUSDT-1h.csv.gz"), "--out", "f.csv"});
  ASSERT_EQ(f.exit_code, 0) << f.err;
  std::vector<std::string> header = SplitCsvLine(Lines(ReadTextFile(cli_.dir() + "/f.csv"))[0]);
  header.erase(header.begin());  // timestamp_ms
  EXPECT_EQ(m["feature_names"].get<std::vector<std::string>>(), header);

  EXPECT_EQ(m["name"], "btc_1h");
  EXPECT_EQ(m["version"], "1");
  EXPECT_EQ(m["format"], "xgboost");
  EXPECT_EQ(m["model_file"], "btc_1h.json");
  EXPECT_EQ(m["base_timeframe"], "1h");
  EXPECT_EQ(m["timeframes"], (nlohmann::json{"1h", "4h"}));
  EXPECT_EQ(m["label"], "tp-before-sl:rr=2");
  EXPECT_EQ(m["horizon_bars"], 12);
  EXPECT_EQ(m["symbols"], (nlohmann::json{"BTCUSDT"}));

  // Every metric the report printed (4 decimals) is the manifest's figure.
  const nlohmann::json& metrics = m["test_metrics"];
  for (const char* name : {"accuracy", "precision", "recall", "f1", "roc_auc", "log_loss", "brier",
                           "ece", "brier_skill"}) {
    EXPECT_NEAR(ReportValue(r.out, name), metrics[name].get<double>(), 5e-5) << name;
  }
  const std::vector<std::int64_t> true0 = ConfusionRow(r.out, "true 0");
  const std::vector<std::int64_t> true1 = ConfusionRow(r.out, "true 1");
  const double tn = metrics["tn"], fp = metrics["fp"], fn = metrics["fn"], tp = metrics["tp"];
  EXPECT_EQ(true0, (std::vector<std::int64_t>{static_cast<std::int64_t>(tn),
                                              static_cast<std::int64_t>(fp)}));
  EXPECT_EQ(true1, (std::vector<std::int64_t>{static_cast<std::int64_t>(fn),
                                              static_cast<std::int64_t>(tp)}));

  // The figures follow from the confusion matrix of the test part.
  const double n = tn + fp + fn + tp;
  EXPECT_EQ(n, m["test_window"]["rows"].get<double>());
  EXPECT_DOUBLE_EQ(metrics["accuracy"].get<double>(), (tn + tp) / n);
  // Precision and recall are 0 when undefined (nothing predicted positive, no positives): with
  // calibrated probabilities of a rare label few rows reach 0.5.
  EXPECT_DOUBLE_EQ(metrics["precision"].get<double>(), tp + fp == 0 ? 0.0 : tp / (tp + fp));
  EXPECT_DOUBLE_EQ(metrics["recall"].get<double>(), tp + fn == 0 ? 0.0 : tp / (tp + fn));
  EXPECT_DOUBLE_EQ(metrics["positive_rate"].get<double>(), (fn + tp) / n);
  // The skill against always predicting that rate.
  const double base = (fn + tp) / n;
  EXPECT_NEAR(metrics["brier_skill"].get<double>(),
              1 - metrics["brier"].get<double>() / (base * (1 - base)), 1e-12);
  EXPECT_GT(metrics["roc_auc"].get<double>(), 0.0);
  EXPECT_LT(metrics["roc_auc"].get<double>(), 1.0);
  EXPECT_GT(metrics["positive_weight"].get<double>(), 0.0);
  EXPECT_NEAR(ReportValue(r.out, "class weight: label-1 rows weigh"),
              metrics["positive_weight"].get<double>(), 5e-5);
}

TEST_F(ModelCliTest, SplitKeepsAPurgeGapOfHorizonRowsBetweenParts) {
  CliResult r = Train("m.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json m = Manifest("m.json");
  const std::int64_t train = m["train_window"]["rows"];
  const std::int64_t validation = m["validation_window"]["rows"];
  const std::int64_t test = m["test_window"]["rows"];
  // "rows: 5482 bars, W warm-up and U unlabelled dropped, N usable"
  const std::string rows_line = Lines(r.out)[1];
  std::int64_t bars = 0, warm_up = 0, unlabelled = 0, usable = 0;
  ASSERT_EQ(std::sscanf(rows_line.c_str(),
                        "rows: %ld bars, %ld warm-up and %ld unlabelled dropped, %ld usable", &bars,
                        &warm_up, &unlabelled, &usable),
            4)
      << rows_line;
  EXPECT_EQ(bars, 5482);
  EXPECT_EQ(bars, warm_up + unlabelled + usable);
  EXPECT_GE(unlabelled, 1);  // at least the last bar cannot see ahead
  EXPECT_EQ(train + validation + test + 2 * 12, usable);
  EXPECT_EQ(train, std::llround(usable * 0.7));
  EXPECT_EQ(validation, std::llround(usable * 0.15));

  // In time: at least 12 hourly bars between the parts (more where the data have gaps).
  const std::int64_t train_end = IsoToMs(m["train_window"]["end"]);
  const std::int64_t validation_start = IsoToMs(m["validation_window"]["start"]);
  const std::int64_t validation_end = IsoToMs(m["validation_window"]["end"]);
  const std::int64_t test_start = IsoToMs(m["test_window"]["start"]);
  EXPECT_GE(validation_start - train_end, 12 * kHourMs);
  EXPECT_GE(test_start - validation_end, 12 * kHourMs);
  EXPECT_GT(test_start, validation_end);
  EXPECT_LE(IsoToMs(m["test_window"]["end"]), 1626552000000);  // the last bar, 2021-07-17 20:00
}

TEST_F(ModelCliTest, SameSeedGivesTheSameBytesAndPredictionsAreProbabilities) {
  ASSERT_EQ(Train("a.ubj").exit_code, 0);
  ASSERT_EQ(Train("b.ubj").exit_code, 0);
  ASSERT_EQ(Train("c.ubj", {{"--seed", "7"}}).exit_code, 0);
  const std::string a = ReadTextFile(cli_.dir() + "/a.ubj");
  ASSERT_FALSE(a.empty());
  EXPECT_EQ(a, ReadTextFile(cli_.dir() + "/b.ubj"));
  EXPECT_NE(a, ReadTextFile(cli_.dir() + "/c.ubj"));  // subsampling follows the seed

  CliResult p1 = cli_.Run(
      {"--config", config_, "model", "predict", "a.ubj", "--data", Sample("BTCUSDT-1h.csv.gz")});
  ASSERT_EQ(p1.exit_code, 0) << p1.err;
  CliResult p2 = cli_.Run({"--config", config_, "model", "predict", "a.ubj", "--data",
                           Sample("BTCUSDT-1h.csv.gz"), "--out", "p.csv"});
  ASSERT_EQ(p2.exit_code, 0) << p2.err;
  EXPECT_EQ(ReadTextFile(cli_.dir() + "/p.csv"), p1.out);

  const std::vector<std::string> lines = Lines(p1.out);
  ASSERT_EQ(lines.size(), 5483u);  // header + one row per bar
  EXPECT_EQ(lines[0], "timestamp_ms,probability");
  EXPECT_EQ(lines[1], "1606780800000,");  // warm-up: no prediction
  int predicted = 0;
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = SplitCsvLine(lines[i]);
    ASSERT_EQ(cells.size(), 2u) << lines[i];
    if (cells[1].empty()) continue;
    const double p = std::stod(cells[1]);
    ASSERT_GE(p, 0.0) << lines[i];
    ASSERT_LE(p, 1.0) << lines[i];
    ++predicted;
  }
  EXPECT_GT(predicted, 5300);
  EXPECT_EQ(lines.back().substr(0, lines.back().find(',')), "1626552000000");
}

// probability -> logit, clipped as the adapters clip.
double Logit(double p) {
  const double q = std::clamp(p, 1e-12, 1 - 1e-12);
  return std::log(q / (1 - q));
}

// The probabilities of `pulse model predict` output, NaN for warm-up rows.
std::vector<double> Probabilities(const std::string& csv) {
  std::vector<double> out;
  const std::vector<std::string> lines = Lines(csv);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::vector<std::string> cells = SplitCsvLine(lines[i]);
    out.push_back(cells.size() == 2 && !cells[1].empty() ? std::stod(cells[1]) : NAN);
  }
  return out;
}

TEST_F(ModelCliTest, CalibrationOnTheValidationPartLowersTheTestEce) {
  CliResult none = Train("none.ubj", {{"--calibration", "none"}});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  CliResult platt = Train("platt.ubj");  // platt is the default
  ASSERT_EQ(platt.exit_code, 0) << platt.err;
  CliResult isotonic = Train("iso.ubj", {{"--calibration", "isotonic"}});
  ASSERT_EQ(isotonic.exit_code, 0) << isotonic.err;
  // Calibration lives in the manifest: the boosters are the same bytes.
  const std::string booster = ReadTextFile(cli_.dir() + "/none.ubj");
  EXPECT_EQ(booster, ReadTextFile(cli_.dir() + "/platt.ubj"));
  EXPECT_EQ(booster, ReadTextFile(cli_.dir() + "/iso.ubj"));

  const nlohmann::json n = Manifest("none.ubj");
  const nlohmann::json p = Manifest("platt.ubj");
  const nlohmann::json i = Manifest("iso.ubj");
  EXPECT_FALSE(n.contains("calibration"));
  EXPECT_FALSE(n["test_metrics"].contains("uncalibrated_ece"));
  EXPECT_NE(none.out.find("calibration: none\n"), std::string::npos) << none.out;
  ASSERT_TRUE(p.contains("calibration")) << p.dump(2);
  EXPECT_EQ(p["calibration"]["method"], "platt");
  EXPECT_EQ(i["calibration"]["method"], "isotonic");
  // Fitted on the validation part, never on the test part.
  EXPECT_EQ(p["calibration"]["fit_rows"], p["validation_window"]["rows"]);
  EXPECT_EQ(i["calibration"]["fit_rows"], i["validation_window"]["rows"]);

  // The "before" figures are the uncalibrated model's own test figures.
  const double raw_ece = n["test_metrics"]["ece"];
  const double raw_brier = n["test_metrics"]["brier"];
  const double raw_log_loss = n["test_metrics"]["log_loss"];
  for (const nlohmann::json* m : {&p, &i}) {
    const nlohmann::json& metrics = (*m)["test_metrics"];
    EXPECT_DOUBLE_EQ(metrics["uncalibrated_ece"].get<double>(), raw_ece);
    EXPECT_DOUBLE_EQ(metrics["uncalibrated_brier"].get<double>(), raw_brier);
    EXPECT_DOUBLE_EQ(metrics["uncalibrated_log_loss"].get<double>(), raw_log_loss);
    // A real improvement on rows the calibration never saw: ECE at most half of the raw one,
    // and a better Brier score.
    EXPECT_LT(metrics["ece"].get<double>(), 0.5 * raw_ece) << m->dump(2);
    EXPECT_LT(metrics["brier"].get<double>(), raw_brier);
  }
  EXPECT_LT(p["test_metrics"]["log_loss"].get<double>(), raw_log_loss);
  // The report says the same as the manifest.
  EXPECT_NEAR(ReportValue(platt.out, "uncalibrated_ece"), raw_ece, 5e-5);
  EXPECT_NEAR(ReportValue(platt.out, "ece"), p["test_metrics"]["ece"].get<double>(), 5e-5);
  EXPECT_NE(platt.out.find(fmt::format("calibration on the test part (before -> after): ECE "
                                       "{:.4f} -> {:.4f}",
                                       raw_ece, p["test_metrics"]["ece"].get<double>())),
            std::string::npos)
      << platt.out;

  // Every caller sees calibrated probabilities: `pulse model predict` on the platt model is
  // sigmoid(a * logit(raw) + b) of the uncalibrated model's output, row by row.
  const double a = p["calibration"]["a"], b = p["calibration"]["b"];
  CliResult raw_rows = cli_.Run(
      {"--config", config_, "model", "predict", "none.ubj", "--data", Sample("BTCUSDT-1h.csv.gz")});
  CliResult cal_rows = cli_.Run({"--config", config_, "model", "predict", "platt.ubj", "--data",
                                 Sample("BTCUSDT-1h.csv.gz")});
  ASSERT_EQ(raw_rows.exit_code, 0) << raw_rows.err;
  ASSERT_EQ(cal_rows.exit_code, 0) << cal_rows.err;
  const std::vector<double> raw = Probabilities(raw_rows.out);
  const std::vector<double> cal = Probabilities(cal_rows.out);
  ASSERT_EQ(raw.size(), cal.size());
  int compared = 0;
  for (std::size_t k = 0; k < raw.size(); ++k) {
    if (std::isnan(raw[k])) {
      EXPECT_TRUE(std::isnan(cal[k])) << k;
      continue;
    }
    ASSERT_NEAR(cal[k], 1 / (1 + std::exp(-(a * Logit(raw[k]) + b))), 1e-12) << k;
    ++compared;
  }
  EXPECT_GT(compared, 5300);
  CliResult inspect = cli_.Run({"--config", config_, "model", "inspect", "platt.ubj"});
  EXPECT_NE(inspect.out.find("calibration     platt (a "), std::string::npos) << inspect.out;
}

TEST_F(ModelCliTest, ClassBalanceCanBeTurnedOffAndCalibrationNeedsAValidationPart) {
  CliResult balanced = Train("b.json", {{"--calibration", "none"}});
  ASSERT_EQ(balanced.exit_code, 0) << balanced.err;
  std::vector<std::string> args = {"--config",
                                   config_,
                                   "model",
                                   "train",
                                   "--data",
                                   Sample("BTCUSDT-1h.csv.gz"),
                                   "--horizon",
                                   "12",
                                   "--label",
                                   "tp-before-sl:rr=2",
                                   "--rounds",
                                   "20",
                                   "--progress",
                                   "off",
                                   "--calibration",
                                   "none",
                                   "--no-class-balance",
                                   "--out",
                                   "u.json"};
  CliResult plain = cli_.Run(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.err;
  const nlohmann::json b = Manifest("b.json");
  const nlohmann::json u = Manifest("u.json");
  EXPECT_EQ(u["test_metrics"]["positive_weight"], 1.0);
  EXPECT_GT(b["test_metrics"]["positive_weight"].get<double>(), 1.0);
  EXPECT_NE(plain.out.find("label-1 rows weigh 1.0000 (class balancing off)"), std::string::npos)
      << plain.out;
  EXPECT_NE(u["notes"].get<std::string>().find("class balancing off"), std::string::npos);
  // Weighting the rare label up pushes the raw probabilities away from its base rate.
  EXPECT_LT(u["test_metrics"]["ece"].get<double>(), b["test_metrics"]["ece"].get<double>());

  CliResult no_validation =
      Train("v.json", {{"--validation-fraction", "0"}, {"--calibration", "platt"}});
  EXPECT_EQ(no_validation.exit_code, 2);
  EXPECT_NE(no_validation.err.find("--calibration platt is fitted on the validation part, but "
                                   "--validation-fraction is 0"),
            std::string::npos)
      << no_validation.err;
  CliResult none_ok = Train("w.json", {{"--validation-fraction", "0"}, {"--calibration", "none"}});
  EXPECT_EQ(none_ok.exit_code, 0) << none_ok.err;
}

TEST_F(ModelCliTest, InspectShowsTheManifestAndOkForTheConfiguredFeatures) {
  ASSERT_EQ(Train("models/btc.json", {{"--name", "btc"}, {"--version", "3"}}).exit_code, 0);
  CliResult r = cli_.Run({"--config", config_, "model", "inspect", "models/btc.json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("btc"), std::string::npos);
  EXPECT_NE(r.out.find("version         3\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("features        6: 1h.rsi_14, 1h.macd_12_26_9.macd"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("label           tp-before-sl:rr=2\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("configured features: OK"), std::string::npos) << r.out;
}

TEST_F(ModelCliTest, ModelOnOtherFeaturesIsRefusedNamingTheFirstDifference) {
  ASSERT_EQ(Train("m.json").exit_code, 0);
  const std::string other = cli_.WriteFile("other.yaml", kOtherConfig);
  const std::string difference =
      "feature names differ at position 0: expected '1h.rsi_14', found '1h.rsi_21'";
  CliResult inspect = cli_.Run({"--config", other, "model", "inspect", "m.json"});
  EXPECT_EQ(inspect.exit_code, 2);
  EXPECT_NE(inspect.out.find("configured features: MISMATCH"), std::string::npos);
  EXPECT_NE(inspect.err.find(difference), std::string::npos) << inspect.err;
  CliResult predict = cli_.Run(
      {"--config", other, "model", "predict", "m.json", "--data", Sample("BTCUSDT-1h.csv.gz")});
  EXPECT_EQ(predict.exit_code, 2);
  EXPECT_TRUE(predict.out.empty()) << predict.out.substr(0, 200);
  EXPECT_NE(predict.err.find(difference), std::string::npos) << predict.err;
}

TEST_F(ModelCliTest, MissingManifestAndBarsOfAnotherTimeframeAreRefused) {
  ASSERT_EQ(Train("m.json").exit_code, 0);
  CliResult bars = cli_.Run(
      {"--config", config_, "model", "predict", "m.json", "--data", Sample("BTCUSDT-5m.csv.gz")});
  EXPECT_EQ(bars.exit_code, 2);
  EXPECT_NE(bars.err.find("the bars are 5m bars, but the feature base timeframe is 1h (the "
                          "model's base timeframe)"),
            std::string::npos)
      << bars.err;
  ASSERT_EQ(std::remove((cli_.dir() + "/m.json.manifest.json").c_str()), 0);
  CliResult r = cli_.Run({"--config", config_, "model", "inspect", "m.json"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("m.json.manifest.json"), std::string::npos) << r.err;
}

TEST_F(ModelCliTest, BadFlagsAndTooFewRowsAreRefused) {
  CliResult label = Train("m.json", {{"--label", "close-above:3"}});
  EXPECT_EQ(label.exit_code, 2);
  EXPECT_NE(label.err.find("--label"), std::string::npos) << label.err;
  EXPECT_NE(label.err.find("tp-before-sl"), std::string::npos) << label.err;

  CliResult horizon = Train("m.json", {{"--horizon", "0"}});
  EXPECT_EQ(horizon.exit_code, 2);
  EXPECT_NE(horizon.err.find("--horizon must be at least 1 bar, got 0"), std::string::npos)
      << horizon.err;

  CliResult reversed = Train("m.json", {{"--from", "2021-03-01"}, {"--to", "2021-02-01"}});
  EXPECT_EQ(reversed.exit_code, 2);
  EXPECT_EQ(reversed.err,
            "error: --from 2021-03-01T00:00:00Z is not before --to 2021-02-01T00:00:00Z\n");
  CliResult outside = Train("m.json", {{"--from", "2023-01-01"}});
  EXPECT_EQ(outside.exit_code, 2);
  EXPECT_NE(outside.err.find("BTCUSDT-1h.csv.gz: no bars from 2023-01-01T00:00:00Z on (the data "
                             "spans 2020-12-01T00:00:00Z .. 2021-07-17T20:00:00Z)"),
            std::string::npos)
      << outside.err;

  CliResult extension = Train("m.txt");
  EXPECT_EQ(extension.exit_code, 2);
  EXPECT_NE(extension.err.find("must end in .json or .ubj"), std::string::npos) << extension.err;

  // 80 hourly bars: after warm-up and two purge gaps of 12 rows nothing is left to test on.
  std::string csv = "timestamp_ms,open,high,low,close,volume\n";
  for (int i = 0; i < 80; ++i) {
    const double close = 100 + 5 * std::sin(i / 3.0);
    csv += std::to_string(1606780800000 + i * kHourMs) + "," + std::to_string(close) + "," +
           std::to_string(close + 1) + "," + std::to_string(close - 1) + "," +
           std::to_string(close) + ",10\n";
  }
  const std::string few = cli_.WriteFile("few.csv", csv);
  CliResult rows = cli_.Run({"--config", config_, "model", "train", "--data", few, "--horizon",
                             "12", "--rounds", "5", "--out", "m.json", "--progress", "off"});
  EXPECT_EQ(rows.exit_code, 2);
  EXPECT_NE(rows.err.find("few.csv"), std::string::npos) << rows.err;
  EXPECT_NE(rows.err.find("not enough rows"), std::string::npos) << rows.err;
  std::ifstream model(cli_.dir() + "/m.json");
  EXPECT_FALSE(model.good());  // nothing written
}

}  // namespace
}  // namespace pulse::testing
