#include "adapters/inference/manifest_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "adapters/inference/testing/temp_dir.h"

namespace pulse::inference {
namespace {

ModelManifest FullManifest() {
  ModelManifest m;
  m.name = "btc_5m";
  m.version = "2026-11-21.1";
  m.format = "xgboost";
  m.model_file = "btc_5m.ubj";
  m.base_timeframe = "5m";
  m.timeframes = {"5m", "1h"};
  m.feature_names = {"rsi_14@5m", "atr_14@5m", "ema_50@1h"};
  m.sequence_length = 1;
  m.label = "tp-before-sl:rr=2,stop=atr:14:2";
  m.horizon_bars = 48;
  m.symbols = {"BTCUSDT", "ETHUSDT"};
  // 2024-01-01, 2024-07-01, 2024-10-01, 2025-01-01 (UTC midnights).
  m.train_window = TimeWindow{1704067200000000000, 1719792000000000000, 52000};
  m.validation_window = TimeWindow{1719792000000000000, 1727740800000000000, 23000};
  m.test_window = TimeWindow{1727740800000000000, 1735689600000000000, 23000};
  ProbabilityCalibration platt;
  platt.method = "platt";
  platt.a = 0.4321987654321;
  platt.b = -1.87654321e-3;
  platt.fit_rows = 23000;
  m.calibration = platt;
  m.test_metrics = {{"roc_auc", 0.61}, {"accuracy", 0.57}, {"log_loss", 0.671}, {"ece", NAN}};
  m.created_at = "2026-11-21T10:00:00Z";
  m.notes = "first try";
  return m;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

void WriteText(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::trunc);
  out << text;
}

TEST(ManifestJsonTest, PathIsModelPathPlusSuffix) {
  EXPECT_EQ(ManifestPathFor("models/btc_5m.ubj"), "models/btc_5m.ubj.manifest.json");
}

TEST(ManifestJsonTest, IsotonicCalibrationRoundTripsAndBadOnesAreRefused) {
  TempDir dir;
  const std::string path = dir.File("m.ubj.manifest.json");
  ModelManifest in = FullManifest();
  ProbabilityCalibration isotonic;
  isotonic.method = "isotonic";
  isotonic.x = {0.1, 0.35, 0.9};
  isotonic.y = {0.02, 0.1 / 3, 0.4};
  isotonic.fit_rows = 812;
  in.calibration = isotonic;
  ASSERT_TRUE(WriteManifest(path, in).ok());
  auto out = ReadManifest(path);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->calibration, in.calibration);

  in.calibration = std::nullopt;
  ASSERT_TRUE(WriteManifest(path, in).ok());
  EXPECT_EQ(ReadText(path).find("calibration"), std::string::npos);
  auto none = ReadManifest(path);
  ASSERT_TRUE(none.ok()) << none.status();
  EXPECT_FALSE(none->calibration.has_value());

  const std::string head = R"({"name": "m", "version": "1", "format": "xgboost",
    "feature_names": ["a"], "calibration": )";
  const std::pair<std::string, std::string> bad[] = {
      {R"({"method": "platt", "a": 1})", "platt needs both a and b"},
      {R"({"method": "isotonic", "x": [0.5, 0.4], "y": [0.1, 0.2]})", "x[1] = 0.4"},
      {R"({"method": "sigmoid", "a": 1, "b": 0})", "\"sigmoid\" is not"},
      {R"({"a": 1, "b": 0})", "missing \"method\""},
      {R"({"method": "platt", "a": 1, "b": 0, "c": 2})", "unknown key \"c\""},
      {R"({"method": "platt", "a": "1", "b": 0})", "a must be a number"},
  };
  for (const auto& [calibration, message] : bad) {
    WriteText(path, head + calibration + "}");
    auto refused = ReadManifest(path);
    ASSERT_FALSE(refused.ok()) << calibration;
    EXPECT_NE(refused.status().message().find("field \"calibration\""), std::string::npos)
        << refused.status();
    EXPECT_NE(refused.status().message().find(message), std::string::npos) << refused.status();
  }
}

TEST(ManifestJsonTest, RoundTripKeepsEveryField) {
  TempDir dir;
  const std::string path = dir.File("m.ubj.manifest.json");
  const ModelManifest in = FullManifest();
  ASSERT_TRUE(WriteManifest(path, in).ok());
  auto out = ReadManifest(path);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->name, in.name);
  EXPECT_EQ(out->version, in.version);
  EXPECT_EQ(out->format, in.format);
  EXPECT_EQ(out->model_file, in.model_file);
  EXPECT_EQ(out->base_timeframe, in.base_timeframe);
  EXPECT_EQ(out->timeframes, in.timeframes);
  EXPECT_EQ(out->feature_names, in.feature_names);
  EXPECT_EQ(out->sequence_length, in.sequence_length);
  EXPECT_EQ(out->label, in.label);
  EXPECT_EQ(out->horizon_bars, in.horizon_bars);
  EXPECT_EQ(out->symbols, in.symbols);
  EXPECT_EQ(out->train_window, in.train_window);
  EXPECT_EQ(out->validation_window, in.validation_window);
  EXPECT_EQ(out->test_window, in.test_window);
  EXPECT_EQ(out->calibration, in.calibration);  // doubles bit for bit
  ASSERT_EQ(out->test_metrics.size(), 4u);
  EXPECT_EQ(out->test_metrics[0], in.test_metrics[0]);
  EXPECT_EQ(out->test_metrics[1], in.test_metrics[1]);
  EXPECT_EQ(out->test_metrics[2], in.test_metrics[2]);
  EXPECT_EQ(out->test_metrics[3].first, "ece");
  EXPECT_TRUE(std::isnan(out->test_metrics[3].second));
  EXPECT_EQ(out->created_at, in.created_at);
  EXPECT_EQ(out->notes, in.notes);

  // Writing what was read gives the same bytes: the key order is stable.
  const std::string first = ReadText(path);
  ASSERT_TRUE(WriteManifest(path, *out).ok());
  EXPECT_EQ(ReadText(path), first);
}

TEST(ManifestJsonTest, WritesReadableIsoWindowsAndFixedKeyOrder) {
  TempDir dir;
  const std::string path = dir.File("m.json");
  ASSERT_TRUE(WriteManifest(path, FullManifest()).ok());
  const std::string text = ReadText(path);
  EXPECT_NE(text.find("\"start\": \"2024-01-01T00:00:00Z\""), std::string::npos) << text;
  EXPECT_LT(text.find("\"name\""), text.find("\"version\""));
  EXPECT_LT(text.find("\"version\""), text.find("\"feature_names\""));
  EXPECT_LT(text.find("\"roc_auc\""), text.find("\"accuracy\""));
  EXPECT_NE(text.find("\"ece\": null"), std::string::npos);
}

TEST(ManifestJsonTest, MinimalManifestTakesModelFileFromItsOwnName) {
  TempDir dir;
  const std::string path = dir.File("eth.onnx.manifest.json");
  WriteText(path, R"({"name": "eth", "version": "3", "format": "onnx",
                      "feature_names": ["a", "b"], "sequence_length": 8,
                      "train_window": {"start": 0, "end": "1970-01-02", "rows": 5}})");
  auto m = ReadManifest(path);
  ASSERT_TRUE(m.ok()) << m.status();
  EXPECT_EQ(m->model_file, "eth.onnx");
  EXPECT_EQ(m->sequence_length, 8);
  ASSERT_TRUE(m->train_window.has_value());
  EXPECT_EQ(m->train_window->end, 86400LL * 1000000000LL);
  EXPECT_EQ(m->Tag(), "eth@3");
}

struct BadCase {
  std::string json;
  std::string expected_fragment;
};

TEST(ManifestJsonTest, BadInputNamesTheFileAndField) {
  const std::vector<BadCase> cases = {
      {R"({"version": "1", "format": "xgboost", "feature_names": ["a"]})",
       "missing required field \"name\""},
      {R"({"name": "x", "version": "1", "format": "xgboost"})",
       "missing required field \"feature_names\""},
      {R"({"name": "x", "version": 1, "format": "xgboost", "feature_names": ["a"]})",
       "field \"version\": expected a string, found number"},
      {R"({"name": "x", "version": "1", "format": "lightgbm", "feature_names": ["a"]})",
       "field \"format\": \"lightgbm\" is not"},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a", 3]})",
       "field \"feature_names\": item 1 is number"},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a", "a"]})",
       "\"a\" appears twice"},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a"],
           "sequence_length": 0})",
       "field \"sequence_length\": 0 is below 1"},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a"],
           "feature_count": 1})",
       "unknown field \"feature_count\""},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a"],
           "test_window": {"start": "yesterday"}})",
       "field \"test_window\": start:"},
      {R"({"name": "x", "version": "1", "format": "onnx", "feature_names": ["a"],
           "test_metrics": {"auc": "high"}})",
       "field \"test_metrics\": \"auc\" is string"},
      {R"({"name": "x", "version": "1", )", "is not valid JSON"},
      {R"([1, 2])", "expected a JSON object, found array"},
  };
  TempDir dir;
  const std::string path = dir.File("bad.json.manifest.json");
  for (const auto& c : cases) {
    WriteText(path, c.json);
    auto m = ReadManifest(path);
    ASSERT_FALSE(m.ok()) << c.json;
    EXPECT_EQ(m.status().code(), StatusCode::kInvalidArgument) << c.json;
    EXPECT_NE(m.status().message().find(c.expected_fragment), std::string::npos)
        << m.status() << " for " << c.json;
    EXPECT_NE(m.status().message().find(path), std::string::npos) << m.status();
  }
}

TEST(ManifestJsonTest, MissingFileIsNotFound) {
  TempDir dir;
  auto m = ReadManifest(dir.File("nothing.json.manifest.json"));
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), StatusCode::kNotFound);
  EXPECT_NE(m.status().message().find("nothing.json.manifest.json"), std::string::npos);
}

}  // namespace
}  // namespace pulse::inference
