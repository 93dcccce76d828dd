#include "indicators/indicator_request.h"

#include <fmt/format.h>

#include "core/numbers.h"

namespace pulse::indicators {
namespace {

std::string_view Trim(std::string_view text) {
  const size_t first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const size_t last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

}  // namespace

Result<IndicatorRequest> ParseIndicatorRequest(std::string_view text) {
  IndicatorRequest req;
  const size_t colon = text.find(':');
  const std::string_view name = Trim(text.substr(0, colon));
  req.spec = FindIndicator(name);
  if (req.spec == nullptr) {
    // CreateIndicator words the error with the accepted names.
    return CreateIndicator(name).status();
  }
  req.base_name = std::string(req.spec->name);
  std::vector<double> given;
  if (colon != std::string_view::npos) {
    const std::string_view rest = text.substr(colon + 1);
    size_t start = 0;
    while (start <= rest.size()) {
      const size_t comma = std::min(rest.find(',', start), rest.size());
      const std::string_view part = Trim(rest.substr(start, comma - start));
      ASSIGN_OR_RETURN(double v, ParseFiniteDouble(part, fmt::format("{} parameter", name)));
      given.push_back(v);
      req.base_name += "_";
      req.base_name += part;
      start = comma + 1;
    }
  }
  ASSIGN_OR_RETURN(req.params, ResolveParams(*req.spec, given));
  if (req.spec->outputs.size() == 1) {
    req.columns.push_back(req.base_name);
  } else {
    for (std::string_view output : req.spec->outputs) {
      req.columns.push_back(req.base_name + "." + std::string(output));
    }
  }
  return req;
}

}  // namespace pulse::indicators
