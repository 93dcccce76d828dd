#include "analytics/chronological_split.h"

#include <cmath>

namespace pulse::analytics {
namespace {

// round(rows * fraction), half away from zero, for a fraction in [0, 1).
std::size_t RowsFor(std::size_t rows, double fraction) {
  return static_cast<std::size_t>(std::llround(static_cast<double>(rows) * fraction));
}

}  // namespace

Result<ChronologicalSplit> SplitChronologically(std::size_t rows, double train_fraction,
                                                double validation_fraction, std::size_t purge_gap) {
  if (!(train_fraction > 0.0 && train_fraction < 1.0)) {
    return InvalidArgumentError("train fraction is {}, must be in (0, 1)", train_fraction);
  }
  if (!(validation_fraction >= 0.0 && validation_fraction < 1.0)) {
    return InvalidArgumentError("validation fraction is {}, must be in [0, 1)",
                                validation_fraction);
  }
  if (!(train_fraction + validation_fraction < 1.0)) {
    return InvalidArgumentError(
        "train fraction {} plus validation fraction {} is {}, must be below 1 to leave test rows",
        train_fraction, validation_fraction, train_fraction + validation_fraction);
  }
  const std::size_t train_rows = RowsFor(rows, train_fraction);
  if (train_rows == 0) {
    return InvalidArgumentError("not enough rows: a train fraction of {} of {} rows is no rows",
                                train_fraction, rows);
  }
  const bool has_validation = validation_fraction > 0.0;
  const std::size_t validation_rows = has_validation ? RowsFor(rows, validation_fraction) : 0;
  if (has_validation && validation_rows == 0) {
    return InvalidArgumentError(
        "not enough rows: a validation fraction of {} of {} rows is no rows", validation_fraction,
        rows);
  }
  // Rows used before the test part; saturates at `rows` so that a huge gap cannot overflow.
  std::size_t used = train_rows;
  auto skip = [&](std::size_t n) { used = n >= rows - used ? rows : used + n; };
  skip(purge_gap);
  if (has_validation) {
    skip(validation_rows);
    skip(purge_gap);
  }
  if (used >= rows) {
    return InvalidArgumentError(
        "not enough rows: {} rows with a purge gap of {} leave no test rows", rows, purge_gap);
  }
  ChronologicalSplit split;
  split.train = {0, train_rows};
  const std::size_t validation_begin = has_validation ? train_rows + purge_gap : train_rows;
  split.validation = {validation_begin, validation_begin + validation_rows};
  split.test = {used, rows};
  return split;
}

}  // namespace pulse::analytics
