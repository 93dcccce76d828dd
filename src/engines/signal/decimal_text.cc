#include "engines/signal/decimal_text.h"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace pulse::signal {
namespace {

using u128 = unsigned __int128;

constexpr std::uint64_t kPow10[] = {1,
                                    10,
                                    100,
                                    1000,
                                    10000,
                                    100000,
                                    1000000,
                                    10000000,
                                    100000000,
                                    1000000000,
                                    10000000000,
                                    100000000000,
                                    1000000000000,
                                    10000000000000,
                                    100000000000000,
                                    1000000000000000,
                                    10000000000000000,
                                    100000000000000000,
                                    1000000000000000000};

// |value| = mantissa * 2^exponent exactly (mantissa < 2^53); value finite and not zero.
void Decompose(double value, std::uint64_t* mantissa, int* exponent) {
  const auto bits = std::bit_cast<std::uint64_t>(value);
  const int biased = static_cast<int>((bits >> 52) & 0x7ff);
  const std::uint64_t fraction = bits & ((std::uint64_t{1} << 52) - 1);
  if (biased == 0) {  // subnormal
    *mantissa = fraction;
    *exponent = -1074;
  } else {
    *mantissa = fraction | (std::uint64_t{1} << 52);
    *exponent = biased - 1075;
  }
}

// round-half-even(mantissa * 10^scale * 2^exponent) for scale 0..18 and exponent <= 0; false when
// the result would not fit 64 bits. `truncated` gets the value before rounding.
bool ScaledRound(std::uint64_t mantissa, int exponent, int scale, std::uint64_t* rounded,
                 std::uint64_t* truncated) {
  const u128 scaled = static_cast<u128>(mantissa) * kPow10[scale];  // < 2^113
  const int shift = -exponent;
  u128 whole = 0;
  bool up = false;
  if (shift == 0) {
    whole = scaled;
  } else if (shift < 128) {
    whole = scaled >> shift;
    const u128 rest = scaled & ((static_cast<u128>(1) << shift) - 1);
    const u128 half = static_cast<u128>(1) << (shift - 1);
    up = rest > half || (rest == half && (whole & 1) != 0);
  }  // shift >= 128: scaled < 2^113 is below half of 2^128, so it rounds to 0
  if ((whole >> 63) != 0) return false;
  *truncated = static_cast<std::uint64_t>(whole);
  *rounded = *truncated + (up ? 1 : 0);
  return true;
}

// Writes `digits` decimal digits of `n` (leading zeros included) ending at `end`.
void WriteDigits(std::uint64_t n, int digits, char* end) {
  for (int i = 0; i < digits; ++i) {
    *--end = static_cast<char>('0' + n % 10);
    n /= 10;
  }
}

int DigitCount(std::uint64_t n) {
  int digits = 1;
  while (digits < 19 && n >= kPow10[digits]) ++digits;
  return digits;
}

char* WriteSign(double value, bool plus, char* out) {
  if (std::signbit(value)) {
    *out++ = '-';
  } else if (plus) {
    *out++ = '+';
  }
  return out;
}

}  // namespace

int FixedText(double value, int precision, bool plus, char* out) {
  if (!std::isfinite(value) || precision < 0 || precision > 6) return -1;
  if (!(std::abs(value) < 9007199254740992.0)) return -1;  // 2^53
  char* p = WriteSign(value, plus, out);
  std::uint64_t n = 0;
  if (value != 0) {
    std::uint64_t mantissa = 0, truncated = 0;
    int exponent = 0;
    Decompose(value, &mantissa, &exponent);
    if (exponent > 0) return -1;  // not below 2^53 after all (cannot happen)
    if (!ScaledRound(mantissa, exponent, precision, &n, &truncated)) return -1;
  }
  const std::uint64_t whole = n / kPow10[precision];
  const std::uint64_t fraction = n % kPow10[precision];
  const int whole_digits = DigitCount(whole);
  WriteDigits(whole, whole_digits, p + whole_digits);
  p += whole_digits;
  if (precision > 0) {
    *p++ = '.';
    WriteDigits(fraction, precision, p + precision);
    p += precision;
  }
  return static_cast<int>(p - out);
}

int GeneralText(double value, int precision, bool plus, char* out) {
  if (!std::isfinite(value) || precision < 1 || precision > 9) return -1;
  char* p = WriteSign(value, plus, out);
  if (value == 0) {
    *p++ = '0';
    return static_cast<int>(p - out);
  }
  const double magnitude = std::abs(value);
  if (!(magnitude < static_cast<double>(kPow10[precision]))) return -1;
  std::uint64_t mantissa = 0;
  int exponent = 0;
  Decompose(value, &mantissa, &exponent);
  if (exponent > 0) return -1;
  // The decimal exponent x of the value (10^x <= |value| < 10^(x + 1)): estimated, then fixed
  // by the exact digits. The digits are |value| * 10^(precision - 1 - x); scales beyond kPow10
  // (18) decline.
  // 2^top <= |value| < 2^(top + 1), so x is floor(top * log10(2)) or one more; 78913 / 2^18 is
  // log10(2) to within 1e-6, exact enough for |top| < 1100 (an arithmetic shift floors).
  const int top = exponent + (std::bit_width(mantissa) - 1);
  int x = (top * 78913) >> 18;
  std::uint64_t digits = 0, truncated = 0;
  for (int attempt = 0;; ++attempt) {
    const int scale = precision - 1 - x;
    if (scale < 0 || scale > 18 || attempt > 2) return -1;
    if (!ScaledRound(mantissa, exponent, scale, &digits, &truncated)) return -1;
    if (truncated >= kPow10[precision]) {
      ++x;
    } else if (truncated < kPow10[precision - 1]) {
      --x;
    } else {
      break;
    }
  }
  if (digits == kPow10[precision]) {  // rounded up to the next power of ten
    digits = kPow10[precision - 1];
    ++x;
  }
  // `digits` holds `precision` significant digits; drop the trailing zeros.
  int count = precision;
  while (count > 1 && digits % 10 == 0) {
    digits /= 10;
    --count;
  }
  if (x < -4 || x >= precision) {  // exponent style: d[.ddd]e[+-]xx
    char lead[24];
    WriteDigits(digits, count, lead + count);
    *p++ = lead[0];
    if (count > 1) {
      *p++ = '.';
      std::memcpy(p, lead + 1, static_cast<std::size_t>(count - 1));
      p += count - 1;
    }
    *p++ = 'e';
    *p++ = x < 0 ? '-' : '+';
    const int e = x < 0 ? -x : x;
    const int e_digits = e >= 100 ? 3 : 2;
    WriteDigits(static_cast<std::uint64_t>(e), e_digits, p + e_digits);
    return static_cast<int>(p + e_digits - out);
  }
  if (x >= 0) {  // ddd[.ddd]: x + 1 digits before the point
    const int before = x + 1;
    if (count <= before) {
      WriteDigits(digits * kPow10[before - count], before, p + before);
      return static_cast<int>(p + before - out);
    }
    char all[24];
    WriteDigits(digits, count, all + count);
    std::memcpy(p, all, static_cast<std::size_t>(before));
    p += before;
    *p++ = '.';
    std::memcpy(p, all + before, static_cast<std::size_t>(count - before));
    return static_cast<int>(p + count - before - out);
  }
  // 0.000ddd: -x - 1 zeros after the point, then the digits.
  *p++ = '0';
  *p++ = '.';
  for (int i = 0; i < -x - 1; ++i) *p++ = '0';
  WriteDigits(digits, count, p + count);
  return static_cast<int>(p + count - out);
}

}  // namespace pulse::signal
