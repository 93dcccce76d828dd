#include "app/feature_input.h"

#include <algorithm>
#include <filesystem>

#include "adapters/replay/candle_file_reader.h"
#include "app/features_builder.h"
#include "core/ids.h"

namespace pulse::app {

Result<std::vector<Bar>> ReadFeatureInput(const std::string& path,
                                          const indicators::FeatureSetSpec& spec,
                                          bool timeframe_given, std::string_view remedy) {
  ASSIGN_OR_RETURN(std::vector<Bar> bars,
                   replay::ReadCandleFile(path, {.require_time_order = true}));
  if (bars.empty()) return InvalidArgumentError("{}: no bars", path);
  if (Result<Timeframe> found = InferBarTimeframe(bars); found.ok()) {
    if (!(*found == spec.base)) {
      return InvalidArgumentError(
          "{}: the bars are {} bars, but the feature base timeframe is {} ({})", path,
          found->ToString(), spec.base.ToString(), remedy);
    }
  } else if (!timeframe_given) {
    return InvalidArgumentError("{}: {}; pass --timeframe", path, found.status().message());
  }
  return bars;
}

Result<SymbolFileEntry> ParseSymbolFileEntry(const std::string& entry) {
  const std::size_t eq = entry.find('=');
  if (eq == std::string::npos) return SymbolFileEntry{"", entry};
  Result<std::string> symbol = NormalizeSymbol(entry.substr(0, eq));
  if (!symbol.ok()) return symbol.status().WithContext(entry);
  return SymbolFileEntry{*symbol, entry.substr(eq + 1)};
}

Result<std::string> SymbolFromFileName(const std::string& path) {
  const std::string name = std::filesystem::path(path).filename().string();
  const std::string stem = name.substr(0, name.find_first_of("-_."));
  Result<std::string> symbol = NormalizeSymbol(stem);
  if (!symbol.ok()) {
    return InvalidArgumentError("{}: cannot tell the symbol from the file name ({}); pass --symbol",
                                path, symbol.status().message());
  }
  return symbol;
}

Result<std::vector<SymbolSeries>> ReadSymbolSeries(const std::vector<std::string>& files,
                                                   const std::vector<std::string>& symbols,
                                                   const std::string& exchange,
                                                   const indicators::FeatureSetSpec& spec) {
  if (!symbols.empty() && symbols.size() != files.size()) {
    return InvalidArgumentError("{} --symbol for {} --data files: give one per file or none",
                                symbols.size(), files.size());
  }
  std::vector<SymbolSeries> series;
  for (std::size_t i = 0; i < files.size(); ++i) {
    SymbolSeries s;
    s.exchange = exchange;
    if (symbols.empty()) {
      ASSIGN_OR_RETURN(s.symbol, SymbolFromFileName(files[i]));
    } else {
      ASSIGN_OR_RETURN(s.symbol, NormalizeSymbol(symbols[i]));
    }
    for (const SymbolSeries& other : series) {
      if (other.symbol == s.symbol) {
        return InvalidArgumentError("{} {} is given twice ({})", exchange, s.symbol, files[i]);
      }
    }
    ASSIGN_OR_RETURN(s.bars, ReadFeatureInput(files[i], spec, /*timeframe_given=*/false,
                                              "set features.base_timeframe"));
    series.push_back(std::move(s));
  }
  SortBySymbol(series);
  return series;
}

void SortBySymbol(std::vector<SymbolSeries>& series) {
  std::sort(series.begin(), series.end(),
            [](const SymbolSeries& a, const SymbolSeries& b) { return a.symbol < b.symbol; });
}

std::int64_t TotalBars(const std::vector<SymbolSeries>& series) {
  std::int64_t total = 0;
  for (const SymbolSeries& s : series) total += static_cast<std::int64_t>(s.bars.size());
  return total;
}

}  // namespace pulse::app
