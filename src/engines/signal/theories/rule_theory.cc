#include "engines/signal/theories/rule_theory.h"

#include <optional>
#include <utility>

#include "engines/signal/theories/feature_origin.h"

namespace pulse::signal {

RuleTheory::RuleTheory(const TheoryInfo& info, std::vector<std::string> feature_names)
    : info_(info),
      feature_names_(std::move(feature_names)),
      indices_(feature_names_.size(), std::numeric_limits<std::size_t>::max()) {}

Status RuleTheory::Bind(const FeatureLookup& features) {
  std::vector<std::size_t> indices(feature_names_.size());
  std::vector<std::string> qualified(feature_names_.size());
  for (std::size_t role = 0; role < feature_names_.size(); ++role) {
    qualified[role] = features.Qualify(feature_names_[role]);
    Result<std::size_t> index = features.Find(feature_names_[role]);
    if (index.ok()) {
      indices[role] = *index;
      continue;
    }
    const std::string& role_name = info_.features[role].role;
    const std::optional<FeatureOrigin> origin =
        FindFeatureOrigin(feature_names_[role], features.base());
    const std::string remedy =
        origin ? fmt::format("add '{}' to the {} indicators of features.sets", origin->request,
                             origin->timeframe.ToString())
               : std::string(
                     "no indicator request produces that name; point the role at a "
                     "feature of the set");
    return FailedPreconditionError(
        "theory {}: feature role '{}' reads '{}', which is missing: {} ({})", info_.name, role_name,
        qualified[role], remedy, index.status().message());
  }
  indices_ = std::move(indices);
  feature_names_ = std::move(qualified);
  return Status::Ok();
}

std::string RuleTheory::Explain(const FeatureView& view) const {
  std::string text;
  AppendExplanation(view, &text);
  return text;
}

}  // namespace pulse::signal
