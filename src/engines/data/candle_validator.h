// CandleValidator: checks a candle series for gaps, duplicates, ordering, OHLC consistency,
// bad prices and volumes and statistical outliers, and scores it (DataQualityReport).
#pragma once

#include <optional>
#include <span>
#include <string_view>

#include "core/timeframe.h"
#include "engines/data/data_quality_report.h"
#include "model/bar.h"

namespace pulse::data {

// Tuning of the checks. The defaults are chosen so that genuine crypto moves in the bundled
// Binance 5m/1h data (2020-12..2021-07, including the May 2021 crash) raise only a few dozen
// flags per 65k bars, while a bad tick (a price off by 2x or more) scores far above them.
struct ValidatorOptions {
  // Expected bar spacing; when empty it is inferred as the most common step between bars.
  std::optional<Timeframe> timeframe;
  // Robust z-score (0.6745 * (x - median) / MAD) above which a log close-to-close return
  // between adjacent bars is an outlier.
  double price_outlier_z = 15.0;
  // Robust z-score of log volume (positive volumes only) above which a bar is an anomaly.
  double volume_anomaly_z = 8.0;
  // Below this score a series is not usable.
  double min_usable_score = 60.0;
  // At most this many example rows per check in the report.
  int max_examples_per_check = 5;
  // At most this many gaps listed individually (all are counted).
  int max_listed_gaps = 50;
};

// Validates bar series. Stateless apart from its options: Validate may be called any number of
// times, from several threads at once.
//
// Rows are examined in the given order for ordering problems; gaps, outliers and the expected
// row count use the distinct timestamps in time order. The score starts at 100 and loses points
// per check in proportion to the share of affected rows, with a floor for checks where any hit
// matters (bad prices, non-monotonic rows) and a cap per check; every deduction carries its
// explanation. A series is unusable when it is empty, has NaN/infinite or non-positive prices,
// non-monotonic timestamps, negative or NaN volume, or scores below min_usable_score.
class CandleValidator {
 public:
  explicit CandleValidator(ValidatorOptions options = {});

  DataQualityReport Validate(std::span<const Bar> bars, std::string_view source = {}) const;

  const ValidatorOptions& options() const { return options_; }

 private:
  ValidatorOptions options_;
};

}  // namespace pulse::data
