#include "adapters/inference/manifest_json.h"

#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <set>
#include <sstream>
#include <string_view>

#include <nlohmann/json.hpp>

#include "adapters/inference/probability_calibration.h"
#include "core/time.h"

namespace pulse::inference {
namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view kSuffix = ".manifest.json";

constexpr std::array<std::string_view, 18> kKnownKeys = {"name",
                                                         "version",
                                                         "format",
                                                         "model_file",
                                                         "base_timeframe",
                                                         "timeframes",
                                                         "feature_names",
                                                         "sequence_length",
                                                         "label",
                                                         "horizon_bars",
                                                         "symbols",
                                                         "train_window",
                                                         "validation_window",
                                                         "test_window",
                                                         "calibration",
                                                         "test_metrics",
                                                         "created_at",
                                                         "notes"};

// Reads the fields of one JSON object, remembering the file name for error messages.
class FieldReader {
 public:
  FieldReader(const std::string& path, const Json& object) : path_(path), object_(object) {}

  Status String(const char* key, bool required, std::string* out) const {
    const Json* value = Find(key);
    if (value == nullptr) return required ? Missing(key) : Status::Ok();
    if (!value->is_string()) return WrongType(key, "a string", *value);
    *out = value->get<std::string>();
    return Status::Ok();
  }

  Status Int(const char* key, int* out) const {
    const Json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    if (!value->is_number_integer()) return WrongType(key, "an integer", *value);
    const auto v = value->get<std::int64_t>();
    if (v < std::numeric_limits<int>::min() || v > std::numeric_limits<int>::max()) {
      return Bad(key, fmt::format("{} is out of range", v));
    }
    *out = static_cast<int>(v);
    return Status::Ok();
  }

  Status Strings(const char* key, bool required, std::vector<std::string>* out) const {
    const Json* value = Find(key);
    if (value == nullptr) return required ? Missing(key) : Status::Ok();
    if (!value->is_array()) return WrongType(key, "an array of strings", *value);
    out->clear();
    for (std::size_t i = 0; i < value->size(); ++i) {
      const Json& item = (*value)[i];
      if (!item.is_string()) {
        return Bad(key, fmt::format("item {} is {}, not a string", i, item.type_name()));
      }
      out->push_back(item.get<std::string>());
    }
    return Status::Ok();
  }

  Status Window(const char* key, std::optional<TimeWindow>* out) const {
    const Json* value = Find(key);
    if (value == nullptr || value->is_null()) return Status::Ok();
    if (!value->is_object()) return WrongType(key, "an object {start, end, rows}", *value);
    TimeWindow window;
    for (const auto& [name, item] : value->items()) {
      if (name == "rows") {
        if (!item.is_number_integer()) return Bad(key, "rows must be an integer");
        window.rows = item.get<std::int64_t>();
      } else if (name == "start" || name == "end") {
        UnixNanos t = 0;
        if (item.is_number_integer()) {
          t = item.get<std::int64_t>();
        } else if (item.is_string()) {
          auto parsed = ParseIso8601(item.get<std::string>());
          if (!parsed.ok()) return Bad(key, fmt::format("{}: {}", name, parsed.status().message()));
          t = *parsed;
        } else {
          return Bad(key, fmt::format("{} must be an ISO-8601 string or Unix nanoseconds", name));
        }
        (name == "start" ? window.start : window.end) = t;
      } else {
        return Bad(key, fmt::format("unknown key \"{}\" (expected start, end, rows)", name));
      }
    }
    if (window.end < window.start) return Bad(key, "end is before start");
    *out = window;
    return Status::Ok();
  }

  Status Metrics(const char* key, std::vector<std::pair<std::string, double>>* out) const {
    const Json* value = Find(key);
    if (value == nullptr) return Status::Ok();
    if (!value->is_object()) return WrongType(key, "an object of name: number", *value);
    out->clear();
    for (const auto& [name, item] : value->items()) {
      if (item.is_null()) {
        out->emplace_back(name, std::numeric_limits<double>::quiet_NaN());
      } else if (item.is_number()) {
        out->emplace_back(name, item.get<double>());
      } else {
        return Bad(key, fmt::format("\"{}\" is {}, not a number", name, item.type_name()));
      }
    }
    return Status::Ok();
  }

  // {"method": "platt", "a": .., "b": .., "fit_rows": ..} or
  // {"method": "isotonic", "x": [..], "y": [..], "fit_rows": ..}.
  Status Calibration(const char* key, std::optional<ProbabilityCalibration>* out) const {
    const Json* value = Find(key);
    if (value == nullptr || value->is_null()) return Status::Ok();
    if (!value->is_object()) return WrongType(key, "an object {method, ...}", *value);
    ProbabilityCalibration c;
    bool has_method = false, has_a = false, has_b = false;
    for (const auto& [name, item] : value->items()) {
      if (name == "method") {
        if (!item.is_string()) return Bad(key, "method must be a string");
        c.method = item.get<std::string>();
        has_method = true;
      } else if (name == "a" || name == "b") {
        if (!item.is_number()) return Bad(key, fmt::format("{} must be a number", name));
        (name == "a" ? c.a : c.b) = item.get<double>();
        (name == "a" ? has_a : has_b) = true;
      } else if (name == "x" || name == "y") {
        if (!item.is_array()) return Bad(key, fmt::format("{} must be an array of numbers", name));
        std::vector<double>& points = name == "x" ? c.x : c.y;
        for (const Json& v : item) {
          if (!v.is_number())
            return Bad(key, fmt::format("{} holds {}, not a number", name, v.type_name()));
          points.push_back(v.get<double>());
        }
      } else if (name == "fit_rows") {
        if (!item.is_number_integer()) return Bad(key, "fit_rows must be an integer");
        c.fit_rows = item.get<std::int64_t>();
      } else {
        return Bad(key,
                   fmt::format("unknown key \"{}\" (expected method, a, b, x, y, fit_rows)", name));
      }
    }
    if (!has_method) return Bad(key, "missing \"method\"");
    if (c.method == "platt" && (!has_a || !has_b)) return Bad(key, "platt needs both a and b");
    Status check = CheckCalibration(c);
    if (!check.ok()) return Bad(key, check.message());
    *out = std::move(c);
    return Status::Ok();
  }

  Status Bad(std::string_view key, std::string_view what) const {
    return InvalidArgumentError("model manifest {}: field \"{}\": {}", path_, key, what);
  }

 private:
  const Json* Find(const char* key) const {
    auto it = object_.find(key);
    return it == object_.end() ? nullptr : &*it;
  }

  Status Missing(std::string_view key) const {
    return InvalidArgumentError("model manifest {}: missing required field \"{}\"", path_, key);
  }

  Status WrongType(std::string_view key, std::string_view expected, const Json& value) const {
    return Bad(key, fmt::format("expected {}, found {}", expected, value.type_name()));
  }

  const std::string& path_;
  const Json& object_;
};

Json WindowToJson(const TimeWindow& window) {
  Json out = Json::object();
  out["start"] = FormatIso8601(window.start);
  out["end"] = FormatIso8601(window.end);
  out["rows"] = window.rows;
  return out;
}

Result<ModelManifest> ParseManifest(const std::string& path, const Json& root) {
  if (!root.is_object()) {
    return InvalidArgumentError("model manifest {}: expected a JSON object, found {}", path,
                                root.type_name());
  }
  for (const auto& [key, value] : root.items()) {
    bool known = false;
    for (auto k : kKnownKeys) known = known || k == key;
    if (!known) {
      return InvalidArgumentError("model manifest {}: unknown field \"{}\" (known: {})", path, key,
                                  fmt::join(kKnownKeys, ", "));
    }
  }
  FieldReader reader(path, root);
  ModelManifest m;
  RETURN_IF_ERROR(reader.String("name", true, &m.name));
  RETURN_IF_ERROR(reader.String("version", true, &m.version));
  RETURN_IF_ERROR(reader.String("format", true, &m.format));
  RETURN_IF_ERROR(reader.String("model_file", false, &m.model_file));
  RETURN_IF_ERROR(reader.String("base_timeframe", false, &m.base_timeframe));
  RETURN_IF_ERROR(reader.Strings("timeframes", false, &m.timeframes));
  RETURN_IF_ERROR(reader.Strings("feature_names", true, &m.feature_names));
  RETURN_IF_ERROR(reader.Int("sequence_length", &m.sequence_length));
  RETURN_IF_ERROR(reader.String("label", false, &m.label));
  RETURN_IF_ERROR(reader.Int("horizon_bars", &m.horizon_bars));
  RETURN_IF_ERROR(reader.Strings("symbols", false, &m.symbols));
  RETURN_IF_ERROR(reader.Window("train_window", &m.train_window));
  RETURN_IF_ERROR(reader.Window("validation_window", &m.validation_window));
  RETURN_IF_ERROR(reader.Window("test_window", &m.test_window));
  RETURN_IF_ERROR(reader.Calibration("calibration", &m.calibration));
  RETURN_IF_ERROR(reader.Metrics("test_metrics", &m.test_metrics));
  RETURN_IF_ERROR(reader.String("created_at", false, &m.created_at));
  RETURN_IF_ERROR(reader.String("notes", false, &m.notes));

  if (m.name.empty()) return reader.Bad("name", "must not be empty");
  if (m.version.empty()) return reader.Bad("version", "must not be empty");
  if (m.format != "xgboost" && m.format != "onnx") {
    return reader.Bad("format", fmt::format("\"{}\" is not \"xgboost\" or \"onnx\"", m.format));
  }
  if (m.feature_names.empty()) return reader.Bad("feature_names", "must not be empty");
  std::set<std::string> seen;
  for (const auto& f : m.feature_names) {
    if (f.empty()) return reader.Bad("feature_names", "holds an empty name");
    if (!seen.insert(f).second) {
      return reader.Bad("feature_names", fmt::format("\"{}\" appears twice", f));
    }
  }
  if (m.sequence_length < 1) {
    return reader.Bad("sequence_length", fmt::format("{} is below 1", m.sequence_length));
  }
  if (m.horizon_bars < 0) return reader.Bad("horizon_bars", "must not be negative");
  if (m.model_file.empty()) {
    std::string file = std::filesystem::path(path).filename().string();
    if (file.size() > kSuffix.size() && file.ends_with(kSuffix)) {
      m.model_file = file.substr(0, file.size() - kSuffix.size());
    } else {
      return reader.Bad(
          "model_file",
          fmt::format("missing, and the manifest's name does not end in {}", kSuffix));
    }
  }
  return m;
}

}  // namespace

std::string ManifestPathFor(const std::string& model_path) {
  return fmt::format("{}{}", model_path, kSuffix);
}

Result<ModelManifest> ReadManifest(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) {
    return NotFoundError("model manifest {} does not exist", path);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("model manifest {} cannot be opened", path);
  std::stringstream text;
  text << in.rdbuf();
  Json root;
  try {
    root = Json::parse(text.str());
  } catch (const Json::exception& e) {
    // nlohmann's message gives the line and column.
    return InvalidArgumentError("model manifest {} is not valid JSON: {}", path, e.what());
  }
  return ParseManifest(path, root);
}

Status WriteManifest(const std::string& path, const ModelManifest& m) {
  Json root = Json::object();
  root["name"] = m.name;
  root["version"] = m.version;
  root["format"] = m.format;
  root["model_file"] = m.model_file;
  root["base_timeframe"] = m.base_timeframe;
  root["timeframes"] = m.timeframes;
  root["feature_names"] = m.feature_names;
  root["sequence_length"] = m.sequence_length;
  root["label"] = m.label;
  root["horizon_bars"] = m.horizon_bars;
  root["symbols"] = m.symbols;
  if (m.train_window) root["train_window"] = WindowToJson(*m.train_window);
  if (m.validation_window) root["validation_window"] = WindowToJson(*m.validation_window);
  if (m.test_window) root["test_window"] = WindowToJson(*m.test_window);
  if (m.calibration) {
    const ProbabilityCalibration& c = *m.calibration;
    Json calibration = Json::object();
    calibration["method"] = c.method;
    if (c.method == "platt") {
      calibration["a"] = c.a;
      calibration["b"] = c.b;
    } else {
      calibration["x"] = c.x;
      calibration["y"] = c.y;
    }
    calibration["fit_rows"] = c.fit_rows;
    root["calibration"] = std::move(calibration);
  }
  Json metrics = Json::object();
  for (const auto& [name, value] : m.test_metrics) {
    if (std::isfinite(value)) {
      metrics[name] = value;
    } else {
      metrics[name] = nullptr;  // JSON has no NaN; read back as NaN.
    }
  }
  root["test_metrics"] = std::move(metrics);
  root["created_at"] = m.created_at;
  root["notes"] = m.notes;

  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) return UnavailableError("cannot write model manifest {}", tmp);
    out << root.dump(2) << '\n';
    out.flush();
    if (!out) return UnavailableError("cannot write model manifest {}", tmp);
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) return UnavailableError("cannot rename {} to {}: {}", tmp, path, ec.message());
  return Status::Ok();
}

}  // namespace pulse::inference
