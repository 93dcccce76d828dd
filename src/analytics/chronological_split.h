// Splitting time-ordered rows into train, validation and test parts for model training: no
// shuffling, the parts in time order, and a purge gap of rows dropped between neighbouring
// parts so that a label looking h rows ahead cannot leak from one part into the next (use a
// gap of at least h). Pure; thread-safe.
#pragma once

#include <cstddef>

#include "core/status.h"

namespace pulse::analytics {

// Half-open range [begin, end) of row indices.
struct RowRange {
  std::size_t begin = 0;
  std::size_t end = 0;

  std::size_t size() const { return end - begin; }
  bool empty() const { return end == begin; }
  bool operator==(const RowRange&) const = default;
};

// The three parts, in time order: train.end + purge_gap == validation.begin and
// validation.end + purge_gap == test.begin (test ends at the last row). Without a validation
// part (fraction 0), validation is the empty range at train.end and test begins purge_gap rows
// after train.
struct ChronologicalSplit {
  RowRange train;
  RowRange validation;
  RowRange test;
};

// Splits `rows` time-ordered rows. Train takes round(rows * train_fraction) rows from the start,
// validation round(rows * validation_fraction) rows after one purge gap, and test everything
// after the next purge gap. train_fraction must be in (0, 1), validation_fraction in [0, 1) with
// a sum below 1; 0 means no validation part (and one gap only). InvalidArgument naming the
// problem when a fraction is out of range or a part would be empty, e.g. "not enough rows: 120
// rows with a purge gap of 24 leave no test rows".
Result<ChronologicalSplit> SplitChronologically(std::size_t rows, double train_fraction,
                                                double validation_fraction, std::size_t purge_gap);

}  // namespace pulse::analytics
