#include "app/config/config_dump.h"

#include <algorithm>
#include <map>
#include <string_view>
#include <utility>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "app/config/config_schema.h"

namespace pulse::app {
namespace {

std::vector<std::string_view> Split(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  for (std::size_t dot = path.find('.'); dot != std::string_view::npos;
       dot = path.find('.', start)) {
    parts.push_back(path.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(path.substr(start));
  return parts;
}

// features.sets, the one list in the configuration (read by the loader itself).
void DumpFeatureSets(const Config& config, const std::map<std::string, std::string>* origins,
                     YAML::Emitter& out) {
  out << YAML::Key << "sets" << YAML::Value;
  if (origins != nullptr) {
    auto it = origins->find("features.sets");
    if (it != origins->end() && it->second != "default") out << YAML::Comment("from " + it->second);
  }
  out << YAML::BeginSeq;
  for (const FeatureSetConfig& set : config.features.sets) {
    out << YAML::BeginMap << YAML::Key << "timeframe" << YAML::Value << set.timeframe;
    out << YAML::Key << "indicators" << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string& request : set.indicators) out << request;
    out << YAML::EndSeq << YAML::EndMap;
  }
  out << YAML::EndSeq;
}

// The configuration keys grouped by section: ordered by the first appearance in the table of
// each of their enclosing sections, then of themselves.
std::vector<const ConfigKey*> KeysBySection() {
  const std::vector<ConfigKey>& keys = ConfigKeys();
  std::map<std::string_view, std::size_t> first;  // section or key path -> first index
  std::vector<std::pair<std::vector<std::size_t>, std::size_t>> order;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string_view path = keys[i].path;
    std::vector<std::size_t> rank;
    for (std::size_t dot = path.find('.');; dot = path.find('.', dot + 1)) {
      const std::string_view prefix = path.substr(0, dot);
      rank.push_back(first.emplace(prefix, i).first->second);
      if (dot == std::string_view::npos) break;
    }
    order.emplace_back(std::move(rank), i);
  }
  std::stable_sort(order.begin(), order.end());
  std::vector<const ConfigKey*> sorted;
  sorted.reserve(keys.size());
  for (const auto& [rank, i] : order) sorted.push_back(&keys[i]);
  return sorted;
}

}  // namespace

std::string DumpConfigYaml(const Config& config, bool mask_secrets,
                           const std::map<std::string, std::string>* origins,
                           std::span<const std::string_view> skip_prefixes) {
  YAML::Emitter out;
  out << YAML::BeginMap;
  // The keys in the table's order, each section's keys brought together (a section is written
  // once, where it first appears), so a stack of open sections is enough.
  std::vector<std::string_view> open;
  for (const ConfigKey* entry : KeysBySection()) {
    const ConfigKey& key = *entry;
    if (std::any_of(skip_prefixes.begin(), skip_prefixes.end(),
                    [&](std::string_view prefix) { return key.path.starts_with(prefix); })) {
      continue;
    }
    std::vector<std::string_view> parts = Split(key.path);
    std::size_t common = 0;
    while (common < open.size() && common + 1 < parts.size() && open[common] == parts[common]) {
      ++common;
    }
    while (open.size() > common) {
      out << YAML::EndMap;
      open.pop_back();
    }
    for (std::size_t i = common; i + 1 < parts.size(); ++i) {
      out << YAML::Key << std::string(parts[i]) << YAML::Value << YAML::BeginMap;
      open.push_back(parts[i]);
    }
    std::string value = key.get(config);
    if (mask_secrets && key.secret && !value.empty()) value = "***";
    if (mask_secrets && key.path == "database.url") value = MaskUrlPassword(value);
    out << YAML::Key << std::string(parts.back()) << YAML::Value << value;
    if (origins != nullptr) {
      auto it = origins->find(std::string(key.path));
      if (it != origins->end() && it->second != "default") {
        out << YAML::Comment("from " + it->second);
      }
    }
    if (key.path == "features.base_timeframe") DumpFeatureSets(config, origins, out);
  }
  while (!open.empty()) {
    out << YAML::EndMap;
    open.pop_back();
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace pulse::app
