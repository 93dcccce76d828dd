// Writing JSON text directly, without building a document first: a string with JSON's escapes
// and a number in the shortest form that reads back as the same double. For hot paths that
// write a fixed shape (log records, stored gate checks, snapshot metrics); build a document
// for anything else.
// Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

namespace pulse {

// Appends `text` as a JSON string: quoted, with `"`, `\` and control characters escaped
// (\n, \r, \t, else \u00XX). UTF-8 passes through; a byte that does not start or continue a
// valid UTF-8 sequence is written as \ufffd, so the output is always valid JSON.
void AppendJsonString(std::string_view text, std::string& out);

// Appends `value` as a JSON number in the shortest form that parses back to the same double
// ("0.6", "1", "1e-07", "-2.5e+20"). JSON has no NaN or infinity: those are written as null.
void AppendJsonNumber(double value, std::string& out);

}  // namespace pulse
