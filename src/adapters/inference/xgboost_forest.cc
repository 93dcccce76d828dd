#include "adapters/inference/xgboost_forest.h"

#include <charconv>
#include <cstdint>
#include <exception>
#include <map>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace pulse::inference {
namespace {

// JSON with single-precision numbers: the parser turns each decimal straight into the nearest
// float (strtof), the value XGBoost wrote it from, with no detour through double.
using FloatJson = nlohmann::basic_json<std::map, std::vector, std::string, bool, std::int64_t,
                                       std::uint64_t, float>;

// A parameter XGBoost stores as a decimal string ("num_class": "0"); `fallback` when absent.
// Throws (caught by the caller) when present and not a whole number.
std::int64_t IntParam(const FloatJson& object, const char* key, std::int64_t fallback) {
  if (!object.contains(key)) return fallback;
  const auto& v = object.at(key);
  if (v.is_number_integer()) return v.get<std::int64_t>();
  const std::string& text = v.get_ref<const std::string&>();
  std::int64_t out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    throw std::invalid_argument(fmt::format("\"{}\" is \"{}\", not a whole number", key, text));
  }
  return out;
}

// base_score as XGBoost 1.7 reads it: a decimal string holding a float.
Result<float> BaseScore(const FloatJson& learner_param) {
  const auto& v = learner_param.at("base_score");
  if (v.is_number()) return v.get<float>();
  const std::string& text = v.get_ref<const std::string&>();
  float out = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  if (ec != std::errc() || end != text.data() + text.size()) {
    return InvalidArgumentError("base_score \"{}\" is not a number", text);
  }
  return out;
}

// Reads one tree's node arrays; Unimplemented for categorical splits or vector leaves.
Result<ForestTree> ReadTree(const FloatJson& tree, std::size_t index) {
  const auto& param = tree.at("tree_param");
  if (IntParam(param, "size_leaf_vector", 0) > 1) {
    return UnimplementedError("tree {} has vector leaves (multi-target trees)", index);
  }
  if (tree.contains("split_type")) {
    for (const auto& t : tree.at("split_type")) {
      if (t.get<int>() != 0) return UnimplementedError("tree {} has categorical splits", index);
    }
  }
  if (tree.contains("categories_nodes") && !tree.at("categories_nodes").empty()) {
    return UnimplementedError("tree {} has categorical splits", index);
  }
  ForestTree out;
  out.left = tree.at("left_children").get<std::vector<std::int32_t>>();
  out.right = tree.at("right_children").get<std::vector<std::int32_t>>();
  out.feature = tree.at("split_indices").get<std::vector<std::int32_t>>();
  // A split's threshold and a leaf's value share split_conditions.
  out.threshold = tree.at("split_conditions").get<std::vector<float>>();
  out.value = out.threshold;
  for (const auto& d : tree.at("default_left")) {
    out.default_left.push_back(d.is_boolean() ? d.get<bool>() : d.get<int>() != 0);
  }
  const auto nodes = IntParam(param, "num_nodes", -1);
  if (nodes != static_cast<std::int64_t>(out.left.size())) {
    return InvalidArgumentError("tree {}: num_nodes is {} but it lists {} nodes", index, nodes,
                                out.left.size());
  }
  return out;
}

Result<FlatForest> Compile(const FloatJson& model, std::size_t features) {
  const auto& learner = model.at("learner");
  const auto& booster = learner.at("gradient_booster");
  const auto& booster_name = booster.at("name").get_ref<const std::string&>();
  if (booster_name != "gbtree") {
    return UnimplementedError("booster \"{}\" (only gbtree is compiled)", booster_name);
  }
  const auto& objective = learner.at("objective").at("name").get_ref<const std::string&>();
  if (objective != "binary:logistic" && objective != "reg:logistic") {
    return UnimplementedError("objective \"{}\"", objective);
  }
  const auto& learner_param = learner.at("learner_model_param");
  const std::int64_t classes = IntParam(learner_param, "num_class", 0);
  const std::int64_t targets = IntParam(learner_param, "num_target", 1);
  if (classes > 1 || targets != 1) {
    return UnimplementedError("{} classes and {} targets (one output is compiled)", classes,
                              targets);
  }
  const auto& gbtree = booster.at("model");
  if (IntParam(gbtree.at("gbtree_model_param"), "size_leaf_vector", 0) > 1) {
    return UnimplementedError("vector leaves (multi-target trees)");
  }
  for (const auto& group : gbtree.at("tree_info")) {
    if (group.get<int>() != 0) return UnimplementedError("trees of more than one output group");
  }
  std::vector<ForestTree> trees;
  const auto& json_trees = gbtree.at("trees");
  trees.reserve(json_trees.size());
  for (const auto& tree : json_trees) {
    ASSIGN_OR_RETURN(ForestTree t, ReadTree(tree, trees.size()));
    trees.push_back(std::move(t));
  }
  ASSIGN_OR_RETURN(const float base_score, BaseScore(learner_param));
  if (!(base_score > 0.0f && base_score < 1.0f)) {
    return InvalidArgumentError("base_score {} is not in (0, 1)", base_score);
  }
  // LogisticRegression::ProbToMargin, in float as XGBoost computes it.
  const float base_margin = -std::log(1.0f / base_score - 1.0f);
  return FlatForest::Build(trees, features, base_margin);
}

}  // namespace

Result<FlatForest> CompileXgboostJson(std::string_view json, std::size_t features) {
  try {
    const FloatJson model = FloatJson::parse(json);
    return Compile(model, features);
  } catch (const std::exception& e) {
    return InvalidArgumentError("XGBoost model JSON: {}", e.what());
  }
}

Result<FlatForest> CompileXgboostForest(BoosterHandle booster, std::size_t features) {
  bst_ulong length = 0;
  const char* text = nullptr;
  RETURN_IF_ERROR(
      XgbStatus(XGBoosterSaveModelToBuffer(booster, R"({"format": "json"})", &length, &text),
                "exporting the model as JSON"));
  return CompileXgboostJson(std::string_view(text, length), features);
}

}  // namespace pulse::inference
