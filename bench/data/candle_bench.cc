// Benchmarks for candle parsing, resampling and validation on the bundled Binance samples.
// Each parser runs beside a naive baseline on the same bytes in the same process; at the end the
// speed-ups are printed as ratios of items (rows) per second.
//   pulse_bench_data [--benchmark_out=data.json --benchmark_out_format=json]
// Data: $PULSE_SOURCE_DIR/data/sample (default: the source tree this was built from).
#include <benchmark/benchmark.h>
#include <zlib.h>

#include <cstdio>
#include <cstdlib>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "adapters/replay/candle_file_reader.h"
#include "adapters/replay/gzip_inflate.h"
#include "engines/data/candle_validator.h"
#include "engines/data/resampler.h"

namespace pulse {
namespace {

std::string SampleDir() {
  const char* env = std::getenv("PULSE_SOURCE_DIR");
  return std::string(env != nullptr ? env : PULSE_DEFAULT_SOURCE_DIR) + "/data/sample/";
}

// The same data in every form, loaded once.
struct Corpus {
  std::string gz;    // BTCUSDT-5m.csv.gz as stored
  std::string csv;   // inflated
  std::string json;  // the same rows as freqtrade JSON
  std::vector<Bar> bars;
};

const Corpus& Data() {
  static const Corpus* corpus = [] {
    auto* c = new Corpus;
    const std::string path = SampleDir() + "BTCUSDT-5m.csv.gz";
    std::FILE* f = std::fopen(path.c_str(), "rb");
    if (f == nullptr) {
      std::fprintf(stderr, "cannot open %s (set PULSE_SOURCE_DIR)\n", path.c_str());
      std::exit(1);
    }
    char buf[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buf, 1, sizeof(buf), f)) > 0) c->gz.append(buf, n);
    std::fclose(f);
    c->csv = *replay::GzipInflate(c->gz, path);
    c->bars = *replay::ParseCandles(c->csv, path);
    fmt::memory_buffer json;
    json.push_back('[');
    for (std::size_t i = 0; i < c->bars.size(); ++i) {
      const Bar& b = c->bars[i];
      fmt::format_to(std::back_inserter(json), "{}[{},{},{},{},{},{}]", i == 0 ? "" : ",",
                     ToMillis(b.open_time), b.open, b.high, b.low, b.close, b.volume);
    }
    json.push_back(']');
    c->json = fmt::to_string(json);
    return c;
  }();
  return *corpus;
}

// Naive CSV parsing: std::getline per line and per field, std::stod per number.
std::vector<Bar> NaiveCsv(std::istream& in) {
  std::vector<Bar> bars;
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string f;
    Bar b;
    std::getline(fields, f, ',');
    b.open_time = FromMillis(std::stoll(f));
    std::getline(fields, f, ',');
    b.open = std::stod(f);
    std::getline(fields, f, ',');
    b.high = std::stod(f);
    std::getline(fields, f, ',');
    b.low = std::stod(f);
    std::getline(fields, f, ',');
    b.close = std::stod(f);
    std::getline(fields, f, ',');
    b.volume = std::stod(f);
    bars.push_back(b);
  }
  return bars;
}

void SetRows(benchmark::State& state, std::size_t rows) {
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * rows));
}

void BM_CandleParse_Csv(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    Result<std::vector<Bar>> bars = replay::ParseCandles(c.csv, "bench");
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

void BM_CandleParse_CsvBaseline(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    std::istringstream in(c.csv);
    std::vector<Bar> bars = NaiveCsv(in);
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

void BM_CandleParse_Json(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    Result<std::vector<Bar>> bars = replay::ParseCandles(c.json, "bench");
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

// Baseline: a general JSON DOM parser (nlohmann) and a walk over it.
void BM_CandleParse_JsonBaseline(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    const nlohmann::json doc = nlohmann::json::parse(c.json);
    std::vector<Bar> bars;
    for (const auto& row : doc) {
      bars.push_back(Bar{FromMillis(row[0].get<std::int64_t>()), row[1].get<double>(),
                         row[2].get<double>(), row[3].get<double>(), row[4].get<double>(),
                         row[5].get<double>()});
    }
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

void BM_CandleParse_CsvGz(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    Result<std::vector<Bar>> bars = replay::ParseCandles(c.gz, "bench");
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

// Baseline: inflate the same bytes, then the naive parser.
void BM_CandleParse_CsvGzBaseline(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    std::istringstream in(*replay::GzipInflate(c.gz, "bench"));
    std::vector<Bar> bars = NaiveCsv(in);
    benchmark::DoNotOptimize(bars);
  }
  SetRows(state, c.bars.size());
}

void BM_Resample_5mTo1h(benchmark::State& state) {
  const Corpus& c = Data();
  for (auto _ : state) {
    Result<std::vector<Bar>> out =
        data::Resample(c.bars, Timeframe::Minutes(5), Timeframe::Hours(1));
    benchmark::DoNotOptimize(out);
  }
  SetRows(state, c.bars.size());
}

// Baseline: group by bucket in a std::map, double volume sums.
void BM_Resample_5mTo1hBaseline(benchmark::State& state) {
  const Corpus& c = Data();
  const Timeframe hour = Timeframe::Hours(1);
  for (auto _ : state) {
    std::map<UnixNanos, Bar> buckets;
    for (const Bar& b : c.bars) {
      const UnixNanos start = hour.BucketStart(b.open_time);
      auto [it, inserted] = buckets.try_emplace(start, b);
      if (inserted) {
        it->second.open_time = start;
        continue;
      }
      Bar& agg = it->second;
      agg.high = std::max(agg.high, b.high);
      agg.low = std::min(agg.low, b.low);
      agg.close = b.close;
      agg.volume += b.volume;
    }
    benchmark::DoNotOptimize(buckets);
  }
  SetRows(state, c.bars.size());
}

void BM_Validate(benchmark::State& state) {
  const Corpus& c = Data();
  const data::CandleValidator validator;
  for (auto _ : state) {
    data::DataQualityReport report = validator.Validate(c.bars, "bench");
    benchmark::DoNotOptimize(report);
  }
  SetRows(state, c.bars.size());
}

BENCHMARK(BM_CandleParse_Csv)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CandleParse_CsvBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CandleParse_Json)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CandleParse_JsonBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CandleParse_CsvGz)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_CandleParse_CsvGzBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Resample_5mTo1h)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Resample_5mTo1hBaseline)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Validate)->Unit(benchmark::kMillisecond);

// Console output plus a closing table of speed-ups over the baselines.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& run : runs) {
      auto it = run.counters.find("items_per_second");
      if (it != run.counters.end()) rates_[run.benchmark_name()] = it->second.value;
    }
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios() const {
    std::printf("\nspeed-up over the baseline (rows/s ratio, same run):\n");
    for (const auto& [name, rate] : rates_) {
      const std::string baseline = name + "Baseline";
      auto it = rates_.find(baseline);
      if (it == rates_.end() || it->second <= 0) continue;
      std::printf("  %-28s %6.2fx  (%.3g vs %.3g rows/s)\n", name.c_str(), rate / it->second, rate,
                  it->second);
    }
  }

 private:
  std::map<std::string, double> rates_;
};

}  // namespace
}  // namespace pulse

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  pulse::RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
