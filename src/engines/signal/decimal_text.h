// DecimalText: the text of a double as fmt writes it for "{:.Nf}" and "{:.Ng}" (optionally with
// '+'), computed exactly in integer arithmetic instead of fmt's general float algorithms. The
// signal engine writes many such numbers into the notes and reasons of its records; this is the
// fast path for the values it meets (finite, moderate magnitudes), and it declines the rest so
// the caller falls back to fmt.
#pragma once

namespace pulse::signal {

// Longest text the functions below write.
inline constexpr int kDecimalTextMax = 48;

// fmt::format("{:.<precision>f}", value) ("{:+.<precision>f}" with `plus`) into `out`
// (kDecimalTextMax chars): returns the length, or -1 (nothing written that counts) when the value
// is outside the exact fast path (not finite, |value| >= 2^53, precision outside 0..6).
int FixedText(double value, int precision, bool plus, char* out);

// fmt::format("{:.<precision>g}", value) ("{:+.<precision>g}" with `plus`) into `out`: returns the
// length, or -1 when outside the fast path (not finite, |value| >= 10^precision, too small for
// 18 digits after the point (below about 10^(precision - 19)), precision outside 1..9).
int GeneralText(double value, int precision, bool plus, char* out);

}  // namespace pulse::signal
