#include "core/money.h"

#include <cmath>
#include <limits>

#include "core/check.h"

namespace pulse {

namespace {
constexpr double kMaxAbs = static_cast<double>(std::numeric_limits<std::int64_t>::max()) /
                           static_cast<double>(Money::kScale);
}

Money Money::FromUnits(std::int64_t units) {
  std::int64_t raw = 0;
  CHECK(!__builtin_mul_overflow(units, kScale, &raw));
  return Money(raw);
}

Result<Money> Money::FromDouble(double value) {
  if (!std::isfinite(value)) return InvalidArgumentError("amount is not a finite number");
  if (std::fabs(value) >= kMaxAbs) return OutOfRangeError("amount {} is out of range", value);
  return Money(static_cast<std::int64_t>(std::llround(value * kScale)));
}

Result<Money> Money::Parse(std::string_view text) {
  auto bad = [&](std::string_view why) {
    return InvalidArgumentError("'{}' is not a decimal amount: {}", text, why);
  };
  if (text.empty()) return bad("empty");
  size_t pos = 0;
  bool negative = false;
  if (text[0] == '-' || text[0] == '+') {
    negative = text[0] == '-';
    ++pos;
  }
  std::int64_t whole = 0;
  size_t whole_digits = 0;
  while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
    if (__builtin_mul_overflow(whole, 10, &whole) ||
        __builtin_add_overflow(whole, text[pos] - '0', &whole)) {
      return bad("out of range");
    }
    ++pos;
    ++whole_digits;
  }
  std::int64_t frac = 0;
  size_t frac_digits = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (frac_digits == kDecimals) return bad("more than 8 decimal places");
      frac = frac * 10 + (text[pos] - '0');
      ++frac_digits;
      ++pos;
    }
  }
  if (pos != text.size()) return bad("unexpected character");
  if (whole_digits + frac_digits == 0) return bad("no digits");
  for (size_t i = frac_digits; i < kDecimals; ++i) frac *= 10;
  std::int64_t raw = 0;
  if (__builtin_mul_overflow(whole, kScale, &raw) || __builtin_add_overflow(raw, frac, &raw)) {
    return bad("out of range");
  }
  return Money(negative ? -raw : raw);
}

std::string Money::ToString() const {
  std::string s = ToString(kDecimals);
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  return s;
}

std::string Money::ToString(int decimals) const {
  CHECK(decimals >= 0 && decimals <= kDecimals);
  std::int64_t div = 1;
  for (int i = decimals; i < kDecimals; ++i) div *= 10;
  const bool negative = raw_ < 0;
  // Work in unsigned to cover INT64_MIN.
  unsigned long long mag = negative ? 0ULL - static_cast<unsigned long long>(raw_)
                                    : static_cast<unsigned long long>(raw_);
  const unsigned long long udiv = static_cast<unsigned long long>(div);
  mag = (mag + udiv / 2) / udiv;  // half away from zero
  unsigned long long unit = 1;
  for (int i = 0; i < decimals; ++i) unit *= 10;
  const unsigned long long whole = mag / unit;
  const unsigned long long frac = mag % unit;
  const bool show_sign = negative && mag != 0;
  if (decimals == 0) return fmt::format("{}{}", show_sign ? "-" : "", whole);
  return fmt::format("{}{}.{:0{}}", show_sign ? "-" : "", whole, frac, decimals);
}

Money Money::operator+(Money o) const {
  std::int64_t r = 0;
  CHECK(!__builtin_add_overflow(raw_, o.raw_, &r));
  return Money(r);
}

Money Money::operator-(Money o) const {
  std::int64_t r = 0;
  CHECK(!__builtin_sub_overflow(raw_, o.raw_, &r));
  return Money(r);
}

Money Money::MultipliedBy(double factor) const {
  const long double v = static_cast<long double>(raw_) * factor;
  CHECK(std::isfinite(static_cast<double>(v)) && std::fabs(static_cast<double>(v)) < 9.2e18);
  return Money(static_cast<std::int64_t>(std::llroundl(v)));
}

}  // namespace pulse
