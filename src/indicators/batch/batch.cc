#include "indicators/batch/batch.h"

#include <memory>

#include "indicators/batch/kernel_table.h"
#include "indicators/indicator.h"
#include "indicators/registry.h"

namespace pulse::indicators {
namespace {

struct NamedColumn {
  std::string_view name;
  std::span<const double> data;
};

// Non-empty columns must agree in length; the columns the indicator reads must be present.
Status CheckColumns(const IndicatorSpec& spec, const BarColumns& c) {
  const size_t n = c.size();
  const NamedColumn all[] = {
      {"open", c.open}, {"high", c.high}, {"low", c.low}, {"close", c.close}, {"volume", c.volume}};
  for (const NamedColumn& col : all) {
    if (!col.data.empty() && col.data.size() != n) {
      return InvalidArgumentError("{}: column '{}' has {} values, expected {}", spec.name, col.name,
                                  col.data.size(), n);
    }
  }
  if (!c.open_time.empty() && c.open_time.size() != n) {
    return InvalidArgumentError("{}: column 'open_time' has {} values, expected {}", spec.name,
                                c.open_time.size(), n);
  }
  if (n == 0) return Status::Ok();
  std::string_view inputs = spec.inputs;
  while (!inputs.empty()) {
    const size_t comma = inputs.find(',');
    const std::string_view input = inputs.substr(0, comma);
    inputs = comma == std::string_view::npos ? std::string_view() : inputs.substr(comma + 1);
    for (const NamedColumn& col : all) {
      if (col.name == input && col.data.empty()) {
        return InvalidArgumentError("{}: reads the '{}' column, which is empty", spec.name,
                                    col.name);
      }
    }
  }
  return Status::Ok();
}

// The streaming class over the columns, as RunBatch: missing prices take the close (0 when the
// close is missing too), a missing volume is 0.
void RunStreaming(Indicator& indicator, const BarColumns& c,
                  std::span<const std::span<double>> out) {
  indicator.Reset();
  const size_t n = c.size();
  const int outputs = static_cast<int>(out.size());
  Bar bar;
  for (size_t i = 0; i < n; ++i) {
    bar.close = c.close.empty() ? 0.0 : c.close[i];
    bar.open = c.open.empty() ? bar.close : c.open[i];
    bar.high = c.high.empty() ? bar.close : c.high[i];
    bar.low = c.low.empty() ? bar.close : c.low[i];
    bar.volume = c.volume.empty() ? 0.0 : c.volume[i];
    bar.open_time = c.open_time.empty() ? 0 : c.open_time[i];
    indicator.Update(bar);
    if (indicator.Ready()) {
      for (int k = 0; k < outputs; ++k) out[k][i] = indicator.Value(k);
    } else {
      for (int k = 0; k < outputs; ++k) out[k][i] = kNaN;
    }
  }
}

}  // namespace

Status ComputeBatchInto(std::string_view name, std::span<const double> params,
                        const BarColumns& columns, std::span<const std::span<double>> outputs) {
  const IndicatorSpec* spec = FindIndicator(name);
  if (spec == nullptr) return CreateIndicator(name, params).status();  // the registry's message
  ASSIGN_OR_RETURN(std::vector<double> resolved, ResolveParams(*spec, params));
  RETURN_IF_ERROR(CheckColumns(*spec, columns));
  const size_t n = columns.size();
  if (outputs.size() != spec->outputs.size()) {
    return InvalidArgumentError("{}: has {} output(s), got {} output arrays", spec->name,
                                spec->outputs.size(), outputs.size());
  }
  for (size_t k = 0; k < outputs.size(); ++k) {
    if (outputs[k].size() != n) {
      return InvalidArgumentError("{}: output '{}' has room for {} values, expected {}", spec->name,
                                  spec->outputs[k], outputs[k].size(), n);
    }
  }
  if (const batch::Kernel kernel = batch::FindKernel(spec->name); kernel != nullptr) {
    kernel(resolved, columns, outputs);
    return Status::Ok();
  }
  std::unique_ptr<Indicator> indicator = spec->factory(resolved);
  RunStreaming(*indicator, columns, outputs);
  return Status::Ok();
}

Result<std::vector<std::vector<double>>> ComputeBatch(std::string_view name,
                                                      std::span<const double> params,
                                                      const BarColumns& columns) {
  const IndicatorSpec* spec = FindIndicator(name);
  if (spec == nullptr) return CreateIndicator(name, params).status();
  std::vector<std::vector<double>> result(spec->outputs.size(),
                                          std::vector<double>(columns.size()));
  std::vector<std::span<double>> spans(result.begin(), result.end());
  RETURN_IF_ERROR(ComputeBatchInto(name, params, columns, spans));
  return result;
}

bool HasBatchKernel(std::string_view name) {
  const IndicatorSpec* spec = FindIndicator(name);
  return spec != nullptr && batch::FindKernel(spec->name) != nullptr;
}

}  // namespace pulse::indicators
