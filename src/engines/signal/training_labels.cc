#include "engines/signal/training_labels.h"

#include <vector>

#include "core/numbers.h"

namespace pulse::signal {
namespace {

std::vector<std::string_view> Split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = text.find(separator, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? end : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

Result<int> ParsePeriod(std::string_view text, std::string_view what) {
  ASSIGN_OR_RETURN(std::int64_t value, ParseInt64(text, what));
  if (value < 1 || value > 100000) {
    return InvalidArgumentError("{} must be between 1 and 100000, got {}", what, value);
  }
  return static_cast<int>(value);
}

Status ParseStop(std::string_view value, LabelSpec* spec) {
  const std::vector<std::string_view> parts = Split(value, ':');
  const std::string_view method = parts[0];
  if (method == "atr" && parts.size() == 3) {
    spec->stop = StopMethod::kAtr;
    ASSIGN_OR_RETURN(spec->atr_period, ParsePeriod(parts[1], "label stop atr period"));
    ASSIGN_OR_RETURN(spec->atr_multiple, ParsePositiveDouble(parts[2], "label stop atr multiple"));
    return Status::Ok();
  }
  if (method == "swing" && parts.size() == 2) {
    spec->stop = StopMethod::kSwing;
    ASSIGN_OR_RETURN(spec->swing_lookback, ParsePeriod(parts[1], "label stop swing lookback"));
    return Status::Ok();
  }
  if (method == "percent" && parts.size() == 2) {
    spec->stop = StopMethod::kPercent;
    ASSIGN_OR_RETURN(spec->stop_percent, ParsePositiveDouble(parts[1], "label stop percent"));
    return Status::Ok();
  }
  return InvalidArgumentError(
      "label stop '{}' is not one of atr:<period>:<multiple>, swing:<lookback>, percent:<pct>",
      value);
}

}  // namespace

LevelConfig LabelSpec::Apply(LevelConfig levels) const {
  if (reward_risk) levels.reward_risk = *reward_risk;
  if (stop) levels.stop = *stop;
  if (atr_period) levels.atr_period = *atr_period;
  if (atr_multiple) levels.atr_multiple = *atr_multiple;
  if (swing_lookback) levels.swing_lookback = *swing_lookback;
  if (stop_percent) levels.stop_percent = *stop_percent;
  return levels;
}

Result<LabelSpec> ParseLabelSpec(std::string_view text) {
  const std::size_t colon = text.find(':');
  const std::string_view kind = text.substr(0, colon);
  if (kind != "tp-before-sl") {
    return InvalidArgumentError("unknown label kind '{}' in '{}' (accepted: tp-before-sl)", kind,
                                text);
  }
  LabelSpec spec;
  if (colon == std::string_view::npos) return spec;
  for (std::string_view setting : Split(text.substr(colon + 1), ',')) {
    const std::size_t eq = setting.find('=');
    if (eq == std::string_view::npos) {
      return InvalidArgumentError("label setting '{}' in '{}' is not key=value", setting, text);
    }
    const std::string_view key = setting.substr(0, eq);
    const std::string_view value = setting.substr(eq + 1);
    if (key == "rr") {
      ASSIGN_OR_RETURN(spec.reward_risk, ParsePositiveDouble(value, "label rr"));
    } else if (key == "stop") {
      RETURN_IF_ERROR(ParseStop(value, &spec));
    } else if (key == "both") {
      if (value == "sl") {
        spec.both = analytics::BothHitPolicy::kStopLossFirst;
      } else if (value == "tp") {
        spec.both = analytics::BothHitPolicy::kTakeProfitFirst;
      } else {
        return InvalidArgumentError("label both='{}' must be sl or tp", value);
      }
    } else {
      return InvalidArgumentError("unknown label setting '{}' in '{}' (accepted: rr, stop, both)",
                                  key, text);
    }
  }
  return spec;
}

Result<std::vector<Label>> MakeTpBeforeSlLabels(std::span<const Bar> bars,
                                                const LevelConfig& levels, const LabelSpec& spec,
                                                int horizon) {
  if (horizon < 1) return InvalidArgumentError("label horizon must be at least 1, got {}", horizon);
  ASSIGN_OR_RETURN(LevelPlanner planner, LevelPlanner::Create(spec.Apply(levels)));
  LevelContext context(planner.ContextConfig());
  const bool next_open = planner.config().entry == EntryMode::kNextOpen;
  const std::size_t n = bars.size();
  std::vector<Label> labels(n, Label::kUnknown);
  for (std::size_t i = 0; i < n; ++i) {
    context.Update(bars[i]);
    if (!planner.Ready(context)) continue;
    if (next_open && i + 1 >= n) continue;
    const double entry = next_open ? bars[i + 1].open : bars[i].close;
    Result<Levels> planned = planner.Plan(Direction::kLong, entry, context);
    if (!planned.ok()) continue;
    const analytics::Bracket bracket{Direction::kLong, planned->entry, planned->stop_loss,
                                     planned->take_profit};
    const std::size_t last = i + static_cast<std::size_t>(horizon);
    Label label = Label::kUnknown;
    for (std::size_t j = i + 1; j <= last && j < n; ++j) {
      const analytics::BracketHit hit =
          analytics::ResolveBoth(analytics::CheckBracket(bracket, bars[j]), spec.both);
      if (hit == analytics::BracketHit::kTakeProfit) {
        label = Label::kYes;
        break;
      }
      if (hit == analytics::BracketHit::kStopLoss) {
        label = Label::kNo;
        break;
      }
    }
    if (label == Label::kUnknown && last < n) label = Label::kNo;
    labels[i] = label;
  }
  return labels;
}

}  // namespace pulse::signal
