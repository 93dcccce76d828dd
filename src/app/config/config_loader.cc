#include "app/config/config_loader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <set>
#include <utility>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "app/config/config_schema.h"
#include "app/config/dotenv.h"
#include "app/config/features_config.h"
#include "core/ascii.h"

extern char** environ;  // NOLINT: POSIX

namespace pulse::app {
namespace {

constexpr std::string_view kProfileNames[] = {"development", "testing", "production"};
// PULSE_ variables that are not configuration keys.
constexpr std::string_view kNonConfigVariables[] = {
    "PULSE_CONFIG", "PULSE_ENV_FILE", "PULSE_SOURCE_DIR", "PULSE_BINARY_DIR", "PULSE_SHARED_DATA"};
constexpr std::string_view kAliases[] = {"PULSE_ENV", "PULSE_DB_URL", "PULSE_LOG_LEVEL"};

// A value of one layer and where it came from.
struct Entry {
  std::string text;
  std::string origin;
};
using Layer = std::map<std::string, Entry>;  // key path -> entry

// A PULSE_ variable from the environment or a .env line.
struct Variable {
  std::string name;
  std::string value;
  std::string origin;
};

std::string ReplaceAll(std::string text, std::string_view from, std::string_view to) {
  for (std::size_t pos = 0; (pos = text.find(from, pos)) != std::string::npos; pos += to.size()) {
    text.replace(pos, from.size(), to);
  }
  return text;
}

// Edit distance, for "did you mean" on variable names.
std::size_t Distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] =
          std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> SuggestVariable(std::string_view name) {
  std::optional<std::string> best;
  std::size_t best_distance = 3;
  auto consider = [&](std::string candidate) {
    std::size_t d = Distance(name, candidate);
    if (d < best_distance) {
      best_distance = d;
      best = std::move(candidate);
    }
  };
  for (const ConfigKey& key : ConfigKeys()) consider(ConfigEnvVarName(key.path));
  for (std::string_view alias : kAliases) consider(std::string(alias));
  return best;
}

std::string DidYouMean(const std::optional<std::string>& suggestion) {
  return suggestion ? fmt::format(" (did you mean {}?)", *suggestion) : "";
}

std::string SecretAdvice(std::string_view path) {
  return fmt::format("set {} in the environment or .env instead", ConfigEnvVarName(path));
}

// The whole file at `path`, or nullopt with the OS reason in `error` ("Is a directory").
std::optional<std::string> ReadWholeFile(const std::string& path, std::string& error) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = std::strerror(errno);
    return std::nullopt;
  }
  struct stat info {};
  if (::fstat(fd, &info) != 0 || S_ISDIR(info.st_mode)) {
    error = std::strerror(S_ISDIR(info.st_mode) ? EISDIR : errno);
    ::close(fd);
    return std::nullopt;
  }
  std::string text;
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = std::strerror(errno);
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    text.append(buffer, static_cast<std::size_t>(n));
  }
  ::close(fd);
  return text;
}

// The 1-based line of a YAML node in its text, 0 when unknown.
int LineOf(const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

// One load: reads every source into its layer, then merges and checks.
class Loader {
 public:
  explicit Loader(const ConfigSources& sources) : sources_(sources) {}

  ConfigLoadReport Run() {
    ReadYaml();
    ReadDotEnv();
    ReadProcessEnvironment();
    ReadOverrides();
    Merge();
    CrossCheck();
    RegisterConfigSecrets(report_.config);
    return std::move(report_);
  }

 private:
  void Problem(std::string key, std::string message) {
    report_.problems.push_back(ConfigProblem{std::move(key), std::move(message)});
  }

  // Validates `text` for `key` and stores it in `layer`; `suffix` tells where a bad value came
  // from when that is not the key path itself (" (from PULSE_LOG_LEVEL)").
  void AddValue(const ConfigKey& key, const std::string& display, std::string_view text,
                const std::string& origin, const std::string& suffix, Layer& layer) {
    ValueCheck check = CheckConfigValue(key, text);
    if (check.problem) {
      Problem(display, *check.problem + suffix);
      return;
    }
    layer[std::string(key.path)] = Entry{std::move(check.normalised), origin};
  }

  // --- YAML --------------------------------------------------------------------------------

  // True (and a problem for `display`) when `key` was already given, as recorded in `seen`
  // (display path -> line). yaml-cpp keeps both entries of a repeated key, so without this the
  // last one would silently win.
  bool Duplicate(const YAML::Node& key, const std::string& display,
                 std::map<std::string, int>& seen) {
    const int line = LineOf(key);
    auto [it, inserted] = seen.emplace(display, line);
    if (inserted) return false;
    Problem(display, fmt::format("given twice in {} (line {}, then line {}); keep one",
                                 yaml_origin_, it->second, line));
    return true;
  }

  void ReadYaml() {
    std::string origin;
    std::string text;
    if (sources_.yaml_text) {
      origin = sources_.yaml_origin;
      text = *sources_.yaml_text;
    } else {
      std::string path = sources_.yaml_path;
      if (path.empty()) {
        auto it = sources_.env.find("PULSE_CONFIG");
        if (it != sources_.env.end()) path = it->second;
      }
      if (path.empty()) return;
      std::string error;
      std::optional<std::string> read = ReadWholeFile(path, error);
      if (!read) {
        Problem(path, fmt::format("cannot read the config file: {}", error));
        return;
      }
      report_.files_read.push_back(path);
      origin = path;
      text = std::move(*read);
    }
    yaml_origin_ = origin;
    try {
      YAML::Node root = YAML::Load(text);
      if (root.IsNull()) return;
      if (!root.IsMap()) {
        Problem(origin, "expected a mapping of sections at the top level");
        return;
      }
      ReadMap(root, "", "", origin, /*profile=*/"", base_);
    } catch (const YAML::Exception& e) {
      Problem(fmt::format("{}:{}:{}", origin, e.mark.line + 1, e.mark.column + 1), e.msg);
    } catch (const std::exception& e) {
      Problem(origin, e.what());
    }
  }

  // Reads the keys of `node` below `path_prefix`. `display_prefix` goes before paths in messages
  // ("profiles.production."); `profile` is the profile being read, empty for the base.
  void ReadMap(const YAML::Node& node, const std::string& display_prefix,
               const std::string& path_prefix, const std::string& origin,
               const std::string& profile, Layer& layer) {
    for (const auto& item : node) {
      if (!item.first.IsScalar()) {
        Problem(display_prefix + path_prefix + "<key>", "keys must be plain names");
        continue;
      }
      const std::string name = item.first.Scalar();
      const YAML::Node& value = item.second;
      const std::string path = path_prefix.empty() ? name : path_prefix + "." + name;
      const std::string display = display_prefix + path;

      if (path == "profiles" && profile.empty()) {
        ReadProfiles(value, origin);
        continue;
      }
      if (path == "features.sets") {
        if (Duplicate(item.first, display, values_seen_)) continue;
        ReadFeatureSets(value, display, origin, profile);
        continue;
      }
      if (const ConfigKey* key = FindConfigKey(path)) {
        if (Duplicate(item.first, display, values_seen_)) continue;
        if (value.IsMap() || value.IsSequence()) {
          Problem(display, fmt::format("expected a single value, got a {}",
                                       value.IsMap() ? "mapping" : "list"));
          continue;
        }
        if (value.IsNull()) continue;  // "key:" with no value leaves the lower layer in place
        const std::string text = value.Scalar();
        if (!profile.empty() && key->path == "environment") {
          Problem(display, "a profile cannot change the environment");
          continue;
        }
        if (key->secret && !text.empty()) {
          Problem(display, "is a secret and may not be written in the config file; " +
                               SecretAdvice(key->path));
          continue;
        }
        if (key->path == "database.url" && !UrlPassword(text).empty()) {
          Problem(display, "contains a password, which may not be written in the config file; " +
                               SecretAdvice(key->path) + " (or PULSE_DB_URL)");
          continue;
        }
        std::string where =
            profile.empty() ? origin : fmt::format("{} profile {}", origin, profile);
        AddValue(*key, display, text, where, "", layer);
        continue;
      }
      if (IsConfigSection(path)) {
        if (value.IsNull()) continue;
        if (!value.IsMap()) {
          Problem(display, "expected a mapping of keys, got a single value");
          continue;
        }
        ReadMap(value, display_prefix, path, origin, profile, layer);
        continue;
      }
      std::optional<std::string> suggestion = SuggestConfigPath(path);
      if (!suggestion && path_prefix.empty() && profile.empty() &&
          Distance(name, "profiles") <= 2) {
        suggestion = "profiles";
      }
      if (suggestion) *suggestion = display_prefix + *suggestion;
      Problem(display, "unknown key" + DidYouMean(suggestion));
    }
  }

  // features.sets: a list of {timeframe, indicators: [requests]}. A list replaces the lower
  // layer's list as a whole (a profile's sets replace the base's).
  void ReadFeatureSets(const YAML::Node& node, const std::string& display,
                       const std::string& origin, const std::string& profile) {
    if (node.IsNull()) return;
    if (!node.IsSequence()) {
      Problem(display, "expected a list of {timeframe, indicators} entries");
      sets_unreadable_ = true;
      return;
    }
    FeatureSetsEntry entry;
    entry.origin = profile.empty() ? origin : fmt::format("{} profile {}", origin, profile);
    entry.prefix = display.substr(0, display.size() - std::string_view("features.sets").size());
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node& item = node[i];
      const std::string item_display = fmt::format("{}[{}]", display, i);
      if (!item.IsMap()) {
        Problem(item_display, "expected a mapping with timeframe and indicators");
        unreadable_sets_.insert(item_display);
        continue;
      }
      FeatureSetConfig set;
      std::map<std::string, int> seen;
      for (const auto& field : item) {
        const std::string name = field.first.IsScalar() ? field.first.Scalar() : "<key>";
        const YAML::Node& value = field.second;
        if (Duplicate(field.first, item_display + "." + name, seen)) {
          unreadable_sets_.insert(item_display);
          continue;
        }
        if (name == "timeframe" && (value.IsScalar() || value.IsNull())) {
          if (value.IsScalar()) set.timeframe = value.Scalar();
        } else if (name == "indicators" && (value.IsSequence() || value.IsNull())) {
          for (std::size_t j = 0; j < value.size(); ++j) {
            if (!value[j].IsScalar()) {
              Problem(fmt::format("{}.indicators[{}]", item_display, j),
                      "expected an indicator request such as \"rsi:14\"");
              unreadable_sets_.insert(item_display);
              continue;
            }
            set.indicators.push_back(value[j].Scalar());
          }
        } else if (name == "timeframe" || name == "indicators") {
          Problem(item_display + "." + name, name == "timeframe"
                                                 ? "expected a single value"
                                                 : "expected a list of indicator requests, e.g. "
                                                   "[\"rsi:14\", \"macd:12,26,9\"]");
          unreadable_sets_.insert(item_display);
        } else {
          Problem(item_display + "." + name, "unknown key (expected timeframe, indicators)");
          unreadable_sets_.insert(item_display);
        }
      }
      entry.sets.push_back(std::move(set));
    }
    if (profile.empty()) {
      base_sets_ = std::move(entry);
    } else {
      profile_sets_[profile] = std::move(entry);
    }
  }

  void ReadProfiles(const YAML::Node& node, const std::string& origin) {
    if (node.IsNull()) return;
    if (!node.IsMap()) {
      Problem("profiles", "expected a mapping of profile names (development, testing, production)");
      return;
    }
    for (const auto& item : node) {
      const std::string name = item.first.IsScalar() ? item.first.Scalar() : "<key>";
      const std::string display = "profiles." + name;
      if (std::find(std::begin(kProfileNames), std::end(kProfileNames), name) ==
          std::end(kProfileNames)) {
        Problem(display, "unknown profile (expected development, testing or production)");
        continue;
      }
      if (item.second.IsNull()) continue;
      if (!item.second.IsMap()) {
        Problem(display, "expected a mapping of keys, got a single value");
        continue;
      }
      ReadMap(item.second, display + ".", "", origin, name, profiles_[name]);
    }
  }

  // --- .env and the environment -----------------------------------------------------------

  void ReadDotEnv() {
    std::string path = sources_.dotenv_path;
    bool required = true;
    if (path == "-") return;
    if (path.empty()) {
      auto it = sources_.env.find("PULSE_ENV_FILE");
      if (it != sources_.env.end()) {
        path = it->second;
      } else {
        path = ".env";
        required = false;
      }
    }
    std::error_code ec;
    if (!required && !std::filesystem::exists(path, ec)) return;
    Result<DotEnvFile> file = ReadDotEnvFile(path);
    if (!file.ok()) {
      Problem(path, fmt::format("cannot read the .env file: {}", file.status().message()));
      return;
    }
    report_.files_read.push_back(path);
    for (const std::string& problem : file->problems) {
      std::size_t colon = problem.find(": ");
      Problem(problem.substr(0, colon), problem.substr(colon + 2));
    }
    std::vector<Variable> variables;
    for (const DotEnvEntry& entry : file->entries) {
      variables.push_back(Variable{entry.key, entry.value, fmt::format("{}:{}", path, entry.line)});
    }
    ReadVariables(variables, dotenv_);
  }

  void ReadProcessEnvironment() {
    std::vector<Variable> variables;
    for (const auto& [name, value] : sources_.env) variables.push_back(Variable{name, value, name});
    ReadVariables(variables, env_);
  }

  void ReadVariables(const std::vector<Variable>& variables, Layer& layer) {
    std::map<std::string, const Variable*> set_by;  // key path -> variable that set it
    for (const Variable& var : variables) {
      if (!var.name.starts_with("PULSE_")) continue;
      if (std::find(std::begin(kNonConfigVariables), std::end(kNonConfigVariables), var.name) !=
          std::end(kNonConfigVariables)) {
        continue;
      }
      std::optional<std::string_view> alias = ConfigAliasPath(var.name);
      std::string path =
          alias ? std::string(*alias) : ReplaceAll(AsciiLower(var.name.substr(6)), "__", ".");
      const ConfigKey* key = FindConfigKey(path);
      if (key == nullptr || (!alias && ConfigEnvVarName(path) != var.name)) {
        ReportUnknownVariable(var, path);
        continue;
      }
      auto [it, inserted] = set_by.emplace(path, &var);
      if (!inserted && it->second->name != var.name) {
        // Alias and long form for the same key (a repeated .env line simply wins).
        if (layer.count(path) && CheckConfigValue(*key, var.value).normalised != layer[path].text) {
          Problem(path, fmt::format("{} and {} are both set, to different values; set only one",
                                    it->second->name, var.name));
          continue;
        }
      }
      AddValue(*key, path, var.value, var.origin, fmt::format(" (from {})", var.origin), layer);
    }
  }

  void ReportUnknownVariable(const Variable& var, const std::string& path) {
    const std::string rest = AsciiLower(var.name.substr(6));
    bool ours = rest.find("__") != std::string::npos;
    for (const ConfigKey& key : ConfigKeys()) {
      const std::string_view section = std::string_view(key.path).substr(0, key.path.find('.'));
      if (rest.starts_with(std::string(section) + "_")) ours = true;
    }
    std::optional<std::string> suggestion = SuggestVariable(var.name);
    if (suggestion && Distance(var.name, *suggestion) <= 2) ours = true;
    if (!ours) return;  // some other tool's variable
    std::string where =
        var.origin == var.name ? var.name : fmt::format("{} ({})", var.name, var.origin);
    if (rest.find("__") != std::string::npos) {
      Problem(where, fmt::format("unknown key {}{}", path, DidYouMean(suggestion)));
    } else {
      Problem(where, "not a configuration variable" + DidYouMean(suggestion));
    }
  }

  // --- Command line --------------------------------------------------------------------------

  void ReadOverrides() {
    for (const auto& [path, value] : sources_.overrides) {
      const ConfigKey* key = FindConfigKey(path);
      if (key == nullptr) {
        Problem(path,
                "unknown key" + DidYouMean(SuggestConfigPath(path)) + " (from the command line)");
        continue;
      }
      if (key->secret) {
        Problem(path,
                "is a secret and may not be given on the command line; " + SecretAdvice(key->path));
        continue;
      }
      AddValue(*key, path, value, "command line", " (from the command line)", overrides_);
    }
  }

  // --- Merge and cross-checks ---------------------------------------------------------------

  void Merge() {
    for (const ConfigKey& key : ConfigKeys()) report_.origins[std::string(key.path)] = "default";
    std::string environment = "development";
    for (const Layer* layer :
         std::initializer_list<const Layer*>{&base_, &dotenv_, &env_, &overrides_}) {
      auto it = layer->find("environment");
      if (it != layer->end()) environment = it->second.text;
    }
    const Layer empty;
    auto profile = profiles_.find(environment);
    const Layer* profile_layer = profile == profiles_.end() ? &empty : &profile->second;
    for (const Layer* layer :
         std::initializer_list<const Layer*>{&base_, profile_layer, &dotenv_, &env_, &overrides_}) {
      for (const auto& [path, entry] : *layer) {
        FindConfigKey(path)->set(report_.config, entry.text);
        report_.origins[path] = entry.origin;
      }
    }
    report_.origins["features.sets"] = "default";
    auto profile_sets = profile_sets_.find(environment);
    for (const FeatureSetsEntry* entry :
         {base_sets_ ? &*base_sets_ : nullptr,
          profile_sets == profile_sets_.end() ? nullptr : &profile_sets->second}) {
      if (entry == nullptr) continue;
      report_.config.features.sets = entry->sets;
      report_.origins["features.sets"] = entry->origin;
      sets_prefix_ = entry->prefix;
    }
  }

  void Require(bool enabled, std::string_view flag, std::string_view path, bool has_value) {
    if (!enabled || has_value) return;
    const ConfigKey* key = FindConfigKey(path);
    std::string advice =
        key->secret ? fmt::format(" (set {} in the environment or .env)", ConfigEnvVarName(path))
                    : "";
    Problem(std::string(path), fmt::format("required when {} is true{}", flag, advice));
  }

  void CrossCheck() {
    const NotifyConfig& n = report_.config.notify;
    Require(n.telegram.enabled, "notify.telegram.enabled", "notify.telegram.chat_id",
            !n.telegram.chat_id.empty());
    Require(n.telegram.enabled, "notify.telegram.enabled", "notify.telegram.bot_token",
            !n.telegram.bot_token.empty());
    Require(n.discord.enabled, "notify.discord.enabled", "notify.discord.webhook_url",
            !n.discord.webhook_url.empty());
    Require(n.email.enabled, "notify.email.enabled", "notify.email.smtp_host",
            !n.email.smtp_host.empty());
    Require(n.email.enabled, "notify.email.enabled", "notify.email.from", !n.email.from.empty());
    Require(n.email.enabled, "notify.email.enabled", "notify.email.to", !n.email.to.empty());
    if (!sets_unreadable_) {
      // Sets already reported as malformed are not checked again.
      for (ConfigProblem& problem : CheckFeaturesConfig(report_.config.features, sets_prefix_)) {
        const std::string& key = problem.key;
        const bool reported = std::any_of(
            unreadable_sets_.begin(), unreadable_sets_.end(), [&](const std::string& item) {
              return key.starts_with(item) &&
                     (key.size() == item.size() || key[item.size()] == '.');
            });
        if (!reported) report_.problems.push_back(std::move(problem));
      }
    }
  }

  const ConfigSources& sources_;
  ConfigLoadReport report_;
  std::string yaml_origin_;  // the YAML file (or yaml_origin) being read, for messages
  // Line of each value given in the YAML, by display path ("paper.starting_balance",
  // "profiles.production.logging.level"): a value may be given once per layer. A section may
  // appear twice (its keys are merged).
  std::map<std::string, int> values_seen_;
  Layer base_;
  std::map<std::string, Layer> profiles_;
  Layer dotenv_;
  Layer env_;
  Layer overrides_;
  // features.sets of the base and of each profile, and where the effective one came from.
  struct FeatureSetsEntry {
    std::vector<FeatureSetConfig> sets;
    std::string origin;
    std::string prefix;  // "" or "profiles.<name>." for problem paths
  };
  std::optional<FeatureSetsEntry> base_sets_;
  std::map<std::string, FeatureSetsEntry> profile_sets_;
  std::string sets_prefix_;
  bool sets_unreadable_ = false;           // features.sets is not a list
  std::set<std::string> unreadable_sets_;  // "features.sets[2]" items with malformed fields
};

}  // namespace

std::map<std::string, std::string> ProcessEnvironment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    if (!text.starts_with("PULSE_")) continue;
    std::size_t eq = text.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(text.substr(0, eq)), std::string(text.substr(eq + 1)));
  }
  return env;
}

std::string ConfigLoadReport::ProblemText() const {
  std::string text;
  for (const ConfigProblem& problem : problems) {
    if (!text.empty()) text += '\n';
    text += "  " + problem.ToString();
  }
  return text;
}

ConfigLoadReport LoadConfigReport(const ConfigSources& sources) { return Loader(sources).Run(); }

Result<Config> LoadConfig(const ConfigSources& sources) {
  ConfigLoadReport report = LoadConfigReport(sources);
  if (!report.ok()) {
    return InvalidArgumentError("invalid configuration ({} problem{}):\n{}", report.problems.size(),
                                report.problems.size() == 1 ? "" : "s", report.ProblemText());
  }
  return std::move(report.config);
}

}  // namespace pulse::app
