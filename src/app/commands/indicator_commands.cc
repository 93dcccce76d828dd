// `pulse indicators list|compute`.
#include <cmath>
#include <fstream>
#include <iostream>

#include <nlohmann/json.hpp>

#include "adapters/replay/candle_file_reader.h"
#include "app/commands/commands.h"
#include "app/table_printer.h"
#include "indicators/indicator_request.h"
#include "indicators/registry.h"

namespace pulse::app {

namespace {

std::string ParamsText(const indicators::IndicatorSpec& spec) {
  std::string out;
  for (const indicators::ParamSpec& p : spec.params) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{}={} [{}..{}]", p.name, p.default_value, p.min, p.max);
  }
  return out.empty() ? "-" : out;
}

std::string Join(const std::vector<std::string_view>& items) {
  std::string out;
  for (std::string_view s : items) out += (out.empty() ? "" : ",") + std::string(s);
  return out;
}

Status RunList(const std::string& format) {
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const indicators::IndicatorSpec& spec : indicators::AllIndicators()) {
      nlohmann::json params = nlohmann::json::array();
      for (const indicators::ParamSpec& p : spec.params) {
        params.push_back({{"name", p.name},
                          {"default", p.default_value},
                          {"min", p.min},
                          {"max", p.max},
                          {"integer", p.integer}});
      }
      out.push_back({{"name", spec.name},
                     {"description", spec.description},
                     {"inputs", spec.inputs},
                     {"params", params},
                     {"outputs", spec.outputs}});
    }
    std::cout << out.dump(2) << "\n";
    return Status::Ok();
  }
  TablePrinter table(
      {"name", "inputs", "parameters (default [min..max])", "outputs", "description"});
  for (const indicators::IndicatorSpec& spec : indicators::AllIndicators()) {
    table.AddRow({std::string(spec.name), std::string(spec.inputs), ParamsText(spec),
                  Join(spec.outputs), std::string(spec.description)});
  }
  table.Print(std::cout);
  return Status::Ok();
}

struct ComputeFlags {
  std::string data, out;
  std::vector<std::string> inds;
};

Status RunCompute(const ComputeFlags& f) {
  std::vector<indicators::IndicatorRequest> requests;
  for (const std::string& text : f.inds) {
    ASSIGN_OR_RETURN(indicators::IndicatorRequest req, indicators::ParseIndicatorRequest(text));
    requests.push_back(std::move(req));
  }
  ASSIGN_OR_RETURN(std::vector<Bar> bars, replay::ReadCandleFile(f.data));
  std::vector<std::string> header = {"timestamp_ms"};
  std::vector<std::vector<double>> columns;
  for (const indicators::IndicatorRequest& req : requests) {
    std::unique_ptr<indicators::Indicator> ind = req.Create();
    std::vector<std::vector<double>> out = indicators::RunBatch(*ind, bars);
    for (size_t i = 0; i < out.size(); ++i) {
      header.push_back(req.columns[i]);
      columns.push_back(std::move(out[i]));
    }
  }
  std::ofstream file;
  if (!f.out.empty()) {
    file.open(f.out, std::ios::binary | std::ios::trunc);
    if (!file) return InvalidArgumentError("cannot write '{}'", f.out);
  }
  std::ostream& out = f.out.empty() ? std::cout : file;
  std::string line;
  for (size_t c = 0; c < header.size(); ++c) line += (c ? "," : "") + header[c];
  out << line << '\n';
  for (size_t r = 0; r < bars.size(); ++r) {
    line = std::to_string(ToMillis(bars[r].open_time));
    for (const std::vector<double>& col : columns) {
      line += ',';
      if (!std::isnan(col[r])) line += fmt::format("{}", col[r]);
    }
    out << line << '\n';
  }
  if (!f.out.empty()) {
    file.close();
    if (!file) return DataLossError("writing '{}' failed", f.out);
    std::cout << fmt::format("wrote {} rows x {} columns to {}\n", bars.size(), header.size(),
                             f.out);
  }
  return Status::Ok();
}

}  // namespace

void AddIndicatorCommands(CLI::App& app, CliContext& ctx) {
  CLI::App* ind = app.add_subcommand("indicators", "List indicators or compute them over candles");
  ind->require_subcommand(1);

  auto format = std::make_shared<std::string>("table");
  CLI::App* list = ind->add_subcommand("list", "Every indicator with parameters and outputs");
  list->add_option("--format", *format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  list->callback([&ctx, format] { ctx.Finish(RunList(*format)); });

  auto flags = std::make_shared<ComputeFlags>();
  CLI::App* compute =
      ind->add_subcommand("compute", "Indicator columns over a candle file (CSV out)");
  compute
      ->add_option("--data", flags->data, "Candle file (CSV, freqtrade JSON, Binance klines, .gz)")
      ->required();
  compute->add_option("--ind", flags->inds, "name[:p1,p2,...], e.g. rsi:14 or macd:12,26,9")
      ->required();
  compute->add_option("--out", flags->out, "Write CSV here (default: stdout)");
  compute->callback([&ctx, flags] { ctx.Finish(RunCompute(*flags)); });
}

}  // namespace pulse::app
