// CsvTable: rows of JSON objects as a CSV file, for the exports of `pulse signals list` and
// `pulse backtest --trades`.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace pulse::app {

// `rows` (an array of objects) as CSV (RFC 4180): a header, then a line per row. Nested objects
// become columns named "parent.child" (as pandas' json_normalize names them); the columns are
// every row's, in the order they first appear, and a row without one leaves its cell empty (a
// null too). Numbers are written to their shortest exact text, true/false as words, an array as
// its JSON text; a cell with a comma, a quote, a line break or surrounding spaces is quoted, its
// quotes doubled. Lines end with "\n". An empty array gives an empty string.
std::string CsvTable(const nlohmann::ordered_json& rows);

}  // namespace pulse::app
