#include "engines/signal/theories/feature_origin.h"

#include <algorithm>

#include "indicators/indicator_request.h"
#include "indicators/registry.h"

namespace pulse::signal {
namespace {

// The request for `column` when `spec` is the indicator of its first `name_length` characters.
std::optional<std::string> RequestFor(const indicators::IndicatorSpec& spec,
                                      std::string_view column, std::size_t name_length) {
  std::string_view rest = column.substr(name_length);
  if (spec.outputs.size() > 1) {
    const auto output =
        std::find_if(spec.outputs.begin(), spec.outputs.end(), [&](std::string_view name) {
          return rest.size() > name.size() && rest.ends_with(name) &&
                 rest[rest.size() - name.size() - 1] == '.';
        });
    if (output == spec.outputs.end()) return std::nullopt;
    rest.remove_suffix(output->size() + 1);
  }
  std::string request(spec.name);
  if (!rest.empty()) {
    if (rest.front() != '_') return std::nullopt;
    std::string params(rest.substr(1));
    std::replace(params.begin(), params.end(), '_', ',');
    request += ":" + params;
  }
  Result<indicators::IndicatorRequest> parsed = indicators::ParseIndicatorRequest(request);
  if (!parsed.ok()) return std::nullopt;
  const auto& columns = parsed->columns;
  if (std::find(columns.begin(), columns.end(), column) == columns.end()) return std::nullopt;
  return request;
}

}  // namespace

std::optional<FeatureOrigin> FindFeatureOrigin(std::string_view feature, Timeframe base) {
  Timeframe timeframe = base;
  std::string_view column = feature;
  if (const std::size_t dot = feature.find('.'); dot != std::string_view::npos) {
    if (Result<Timeframe> parsed = Timeframe::Parse(feature.substr(0, dot)); parsed.ok()) {
      timeframe = *parsed;
      column = feature.substr(dot + 1);
    }
  }
  // Indicator names may hold underscores ("volume_ratio"): try every prefix that ends before a
  // '_' or '.', the longest first.
  for (std::size_t end = column.size(); end > 0; --end) {
    if (end != column.size() && column[end] != '_' && column[end] != '.') continue;
    const indicators::IndicatorSpec* spec = indicators::FindIndicator(column.substr(0, end));
    if (spec == nullptr || spec->name != column.substr(0, end)) continue;
    if (std::optional<std::string> request = RequestFor(*spec, column, end)) {
      return FeatureOrigin{timeframe, std::move(*request)};
    }
  }
  return std::nullopt;
}

}  // namespace pulse::signal
