// Pulse against TA-Lib itself on real candles: for every registered indicator that TA-Lib has,
// both run over the bundled Binance 5m series and the BTC-PERP 1m month, with TA-Lib's default
// parameters, with doubled periods and with real-valued parameters at 3/4 of their defaults, and
// every output after warm-up must agree to 1e-9 relative. TA-Lib is called through its abstract
// interface (by name), so the parameter and output mapping is checked too: a Pulse parameter TA-Lib
// does not know fails the test. Integer outputs (the CDL* candlestick patterns) are compared as
// doubles; each pattern must meet at least one non-zero signal, and the counts are printed.
#include <ta_abstract.h>
#include <ta_libc.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "adapters/replay/candle_file_reader.h"
#include "indicators/registry.h"

namespace pulse {
namespace {

struct Columns {
  std::string name;
  std::vector<Bar> bars;
  std::vector<double> open, high, low, close, volume;
};

std::string SourceDir() {
  const char* s = std::getenv("PULSE_SOURCE_DIR");
  return s ? s : ".";
}

std::vector<Columns> LoadSeries() {
  const std::string src = SourceDir();
  const std::vector<std::string> files = {
      src + "/data/sample/BTCUSDT-5m.csv.gz", src + "/data/sample/ETHUSDT-5m.csv.gz",
      src + "/data/sample/SOLUSDT-5m.csv.gz",
      src + "/../shared/data/candles/nautilus/BTC-PERP_1m_2021-12-31_2022-02-01.csv"};
  std::vector<Columns> out;
  for (const std::string& f : files) {
    Result<std::vector<Bar>> bars = replay::ReadCandleFile(f);
    EXPECT_TRUE(bars.ok()) << bars.status();
    if (!bars.ok()) continue;
    Columns c;
    c.name = std::filesystem::path(f).filename().string();
    c.bars = std::move(*bars);
    for (const Bar& b : c.bars) {
      c.open.push_back(b.open);
      c.high.push_back(b.high);
      c.low.push_back(b.low);
      c.close.push_back(b.close);
      c.volume.push_back(b.volume);
    }
    out.push_back(std::move(c));
  }
  return out;
}

// "optInFastK_Period" -> "fastkperiod"; Pulse's "period" is TA-Lib's "TimePeriod".
std::string Normalize(std::string_view name) {
  if (name.rfind("optIn", 0) == 0) name.remove_prefix(5);
  std::string out;
  for (char c : name) {
    if (c != '_') out.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return out == "period" ? "timeperiod" : out;
}

class TaLibOracleTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    ASSERT_EQ(TA_Initialize(), TA_SUCCESS);
    series_ = new std::vector<Columns>(LoadSeries());
  }
  static void TearDownTestSuite() {
    delete series_;
    TA_Shutdown();
  }
  static std::vector<Columns>* series_;
};
std::vector<Columns>* TaLibOracleTest::series_ = nullptr;

// True when TA-Lib writes output `k` of the function as integers (TA_Output_Integer).
bool IsIntegerOutput(const TA_FuncHandle* handle, unsigned k) {
  const TA_OutputParameterInfo* o = nullptr;
  return TA_GetOutputParameterInfo(handle, k, &o) == TA_SUCCESS && o->type == TA_Output_Integer;
}

// The columns of `s` named by the spec's inputs ("high,low" -> high, low), in order.
std::vector<const std::vector<double>*> InputFields(const indicators::IndicatorSpec& spec,
                                                    const Columns& s) {
  std::vector<const std::vector<double>*> out;
  std::string_view rest = spec.inputs;
  while (!rest.empty()) {
    const size_t comma = rest.find(',');
    const std::string_view field = rest.substr(0, comma);
    if (field == "open") out.push_back(&s.open);
    if (field == "high") out.push_back(&s.high);
    if (field == "low") out.push_back(&s.low);
    if (field == "close") out.push_back(&s.close);
    if (field == "volume") out.push_back(&s.volume);
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
  }
  return out;
}

// Runs TA-Lib function `func` on `s`; returns its outputs (index 0 = bar `beg`).
std::vector<std::vector<double>> RunTaLib(const TA_FuncHandle* handle, const TA_FuncInfo* info,
                                          const indicators::IndicatorSpec& spec,
                                          const std::vector<double>& params, const Columns& s,
                                          int* beg, int* nb) {
  TA_ParamHolder* holder = nullptr;
  EXPECT_EQ(TA_ParamHolderAlloc(handle, &holder), TA_SUCCESS);
  // One real input reads the close; several (BETA, CORREL) read the spec's input fields in order.
  const std::vector<const std::vector<double>*> fields = InputFields(spec, s);
  unsigned real_inputs = 0;
  for (unsigned i = 0; i < info->nbInput; ++i) {
    const TA_InputParameterInfo* in = nullptr;
    TA_GetInputParameterInfo(handle, i, &in);
    if (in->type != TA_Input_Price) ++real_inputs;
  }
  unsigned real_index = 0;
  for (unsigned i = 0; i < info->nbInput; ++i) {
    const TA_InputParameterInfo* in = nullptr;
    TA_GetInputParameterInfo(handle, i, &in);
    if (in->type == TA_Input_Price) {
      TA_SetInputParamPricePtr(holder, i, s.open.data(), s.high.data(), s.low.data(),
                               s.close.data(), s.volume.data(), nullptr);
    } else if (real_inputs > 1) {
      EXPECT_LT(real_index, fields.size()) << spec.name << ": more real inputs than spec inputs";
      const std::vector<double>* field = real_index < fields.size() ? fields[real_index] : &s.close;
      TA_SetInputParamRealPtr(holder, i, field->data());
      ++real_index;
    } else {
      TA_SetInputParamRealPtr(holder, i, s.close.data());
    }
  }
  std::vector<bool> used(params.size(), false);
  for (unsigned j = 0; j < info->nbOptInput; ++j) {
    const TA_OptInputParameterInfo* opt = nullptr;
    TA_GetOptInputParameterInfo(handle, j, &opt);
    const std::string ta_name = Normalize(opt->paramName);
    for (size_t p = 0; p < spec.params.size(); ++p) {
      if (Normalize(spec.params[p].name) != ta_name) continue;
      used[p] = true;
      if (opt->type == TA_OptInput_IntegerList || opt->type == TA_OptInput_IntegerRange) {
        TA_SetOptInputParamInteger(holder, j, static_cast<int>(params[p]));
      } else {
        TA_SetOptInputParamReal(holder, j, params[p]);
      }
    }
  }
  for (size_t p = 0; p < used.size(); ++p) {
    EXPECT_TRUE(used[p]) << spec.name << ": parameter '" << spec.params[p].name
                         << "' has no TA-Lib counterpart";
  }
  std::vector<std::vector<double>> out(info->nbOutput, std::vector<double>(s.close.size()));
  std::vector<std::vector<int>> ints(info->nbOutput, std::vector<int>(s.close.size()));
  for (unsigned k = 0; k < info->nbOutput; ++k) {
    const TA_OutputParameterInfo* o = nullptr;
    TA_GetOutputParameterInfo(handle, k, &o);
    if (o->type == TA_Output_Integer) {
      TA_SetOutputParamIntegerPtr(holder, k, ints[k].data());
    } else {
      TA_SetOutputParamRealPtr(holder, k, out[k].data());
    }
  }
  TA_Integer b = 0, n = 0;
  EXPECT_EQ(TA_CallFunc(holder, 0, static_cast<TA_Integer>(s.close.size()) - 1, &b, &n), TA_SUCCESS)
      << spec.name;
  TA_ParamHolderFree(holder);
  // Integer outputs (the CDL* patterns' 100 / -100 / 0) are compared as doubles.
  for (unsigned k = 0; k < info->nbOutput; ++k) {
    if (!IsIntegerOutput(handle, k)) continue;
    for (size_t i = 0; i < ints[k].size(); ++i) out[k][i] = ints[k][i];
  }
  *beg = b;
  *nb = n;
  return out;
}

TEST_F(TaLibOracleTest, EveryIndicatorTaLibHasAgreesOnRealCandles) {
  ASSERT_EQ(series_->size(), 4u) << "reference candles missing";
  int compared_indicators = 0;
  std::string not_in_talib;
  std::string signal_counts = "non-zero pattern signals compared (all series and params):";
  for (const indicators::IndicatorSpec& spec : indicators::AllIndicators()) {
    std::string upper(spec.name);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    const TA_FuncHandle* handle = nullptr;
    if (TA_GetFuncHandle(upper.c_str(), &handle) != TA_SUCCESS) {
      not_in_talib += " " + std::string(spec.name);
      continue;
    }
    const TA_FuncInfo* info = nullptr;
    ASSERT_EQ(TA_GetFuncInfo(handle, &info), TA_SUCCESS);
    ASSERT_LE(info->nbOutput, spec.outputs.size()) << spec.name << ": TA-Lib has more outputs";
    ++compared_indicators;

    // TA-Lib's defaults, then every whole-number parameter doubled (within bounds).
    std::vector<std::vector<double>> param_sets;
    std::vector<double> defaults;
    for (const indicators::ParamSpec& p : spec.params) defaults.push_back(p.default_value);
    param_sets.push_back(defaults);
    std::vector<double> doubled = defaults;
    for (size_t i = 0; i < doubled.size(); ++i) {
      if (spec.params[i].integer && spec.params[i].max > 1 && !(spec.params[i].name == "ma_type")) {
        doubled[i] = std::min(spec.params[i].max, std::max(spec.params[i].min, doubled[i] * 2));
      }
    }
    if (doubled != defaults) param_sets.push_back(doubled);
    // Every real-valued parameter at three quarters of its default (within bounds), so the
    // mapping of acceleration, nbdev, vfactor, penetration, ... is exercised too.
    std::vector<double> scaled = defaults;
    for (size_t i = 0; i < scaled.size(); ++i) {
      if (!spec.params[i].integer) {
        scaled[i] = std::min(spec.params[i].max, std::max(spec.params[i].min, scaled[i] * 0.75));
      }
    }
    if (scaled != defaults) param_sets.push_back(scaled);
    long long signals = 0;  // non-zero integer outputs compared (candlestick patterns)

    for (const std::vector<double>& params : param_sets) {
      for (const Columns& s : *series_) {
        int beg = 0, nb = 0;
        std::vector<std::vector<double>> ta = RunTaLib(handle, info, spec, params, s, &beg, &nb);
        Result<std::unique_ptr<indicators::Indicator>> ind =
            indicators::CreateIndicator(spec.name, params);
        ASSERT_TRUE(ind.ok()) << ind.status();
        std::vector<std::vector<double>> pulse = indicators::RunBatch(**ind, s.bars);
        EXPECT_EQ((*ind)->WarmUp(), beg) << spec.name << " on " << s.name;
        for (unsigned k = 0; k < info->nbOutput; ++k) {
          int bad = 0;
          double worst = 0;
          int worst_at = -1;
          for (int i = 0; i < nb; ++i) {
            const double want = ta[k][i];
            const double got = pulse[k][beg + i];
            const double tol = 1e-9 * std::max({1.0, std::fabs(want), std::fabs(got)});
            const double err = std::isnan(got) ? INFINITY : std::fabs(got - want);
            if (err > tol) {
              ++bad;
              if (err > worst) {
                worst = err;
                worst_at = beg + i;
              }
            }
          }
          if (IsIntegerOutput(handle, k)) {
            for (int i = 0; i < nb; ++i) signals += ta[k][i] != 0 ? 1 : 0;
          }
          EXPECT_EQ(bad, 0) << spec.name << "." << spec.outputs[k] << " params "
                            << ::testing::PrintToString(params) << " on " << s.name << ": " << bad
                            << " of " << nb << " values differ; worst " << worst << " at bar "
                            << worst_at;
        }
      }
    }
    if (IsIntegerOutput(handle, 0)) {
      signal_counts += " " + std::string(spec.name) + "=" + std::to_string(signals);
      // A pattern the real candles never trigger would only be compared on zeros.
      EXPECT_GT(signals, 0) << spec.name << ": no non-zero signal on the real candles";
    }
  }
  EXPECT_GT(compared_indicators, 20);
  std::printf("%s\n", signal_counts.c_str());
  std::printf("compared %d indicators with TA-Lib; not in TA-Lib:%s\n", compared_indicators,
              not_in_talib.empty() ? " (none)" : not_in_talib.c_str());
}

}  // namespace
}  // namespace pulse
