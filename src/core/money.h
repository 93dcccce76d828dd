// Money: fixed-point decimal amount with 8 fractional digits (satoshi precision), so sums of
// fills and fees never drift the way doubles do. Value type; thread-compatible.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace pulse {

// Range: about +/- 9.2e10 units. Arithmetic past that range is a broken invariant.
class Money {
 public:
  static constexpr int kDecimals = 8;
  static constexpr std::int64_t kScale = 100'000'000;

  constexpr Money() = default;
  static constexpr Money FromRaw(std::int64_t raw) { return Money(raw); }
  static Money FromUnits(std::int64_t units);
  // Rounds half away from zero to the nearest 1e-8. NaN, infinity and out-of-range values
  // are errors.
  static Result<Money> FromDouble(double value);
  // Exact decimal parse: "123", "-0.5", "1e3" is refused; more than 8 decimals is an error.
  static Result<Money> Parse(std::string_view text);

  std::int64_t raw() const { return raw_; }
  double ToDouble() const { return static_cast<double>(raw_) / kScale; }
  // Shortest form: "1.5", "-0.00000001", "100".
  std::string ToString() const;
  // Fixed number of decimals (0..8), rounded half away from zero: ToString(2) == "12.35".
  std::string ToString(int decimals) const;

  bool IsZero() const { return raw_ == 0; }
  bool IsNegative() const { return raw_ < 0; }

  Money operator+(Money o) const;
  Money operator-(Money o) const;
  Money operator-() const { return Money(-raw_); }
  Money& operator+=(Money o) { return *this = *this + o; }
  Money& operator-=(Money o) { return *this = *this - o; }
  // Scales by a double factor (a quantity or a rate), rounding half away from zero.
  Money MultipliedBy(double factor) const;

  auto operator<=>(const Money&) const = default;

 private:
  constexpr explicit Money(std::int64_t raw) : raw_(raw) {}
  std::int64_t raw_ = 0;
};

}  // namespace pulse
