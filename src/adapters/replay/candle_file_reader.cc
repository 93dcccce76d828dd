#include "adapters/replay/candle_file_reader.h"

#include <algorithm>
#include <array>
#include <cerrno>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <memory>

#include "adapters/replay/csv_text.h"
#include "adapters/replay/gzip_inflate.h"
#include "core/time.h"

namespace pulse::replay {

namespace {

constexpr std::array<std::string_view, 6> kFieldNames = {"timestamp", "open",  "high",
                                                         "low",       "close", "volume"};
// Millisecond timestamps whose nanosecond value fits in int64 (up to the year 2262).
constexpr std::int64_t kMaxAbsMillis = 9'200'000'000'000;

// Milliseconds as an integer, an integral float ("1.6e12", "1606780800000.0"), or ISO-8601.
// Returns an empty string on success, otherwise what is wrong.
std::string ParseTimestamp(std::string_view s, UnixNanos* out) {
  std::int64_t ms = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), ms);
  if (ec == std::errc::result_out_of_range) return "timestamp is out of range";
  if (ec != std::errc() || ptr != s.data() + s.size()) {
    double d = 0;
    if (ParseDouble(s, &d) && std::isfinite(d)) {
      if (d != std::floor(d)) return "timestamp is not a whole number of milliseconds";
      if (std::fabs(d) > static_cast<double>(kMaxAbsMillis)) return "timestamp is out of range";
      ms = static_cast<std::int64_t>(d);
    } else if (s.size() >= 10 && s[4] == '-') {
      Result<UnixNanos> t = ParseIso8601(s);
      if (!t.ok()) return "timestamp is not a number or ISO-8601 time";
      *out = *t;
      return {};
    } else {
      return "timestamp is not a number";
    }
  }
  if (ms > kMaxAbsMillis || ms < -kMaxAbsMillis) return "timestamp is out of range";
  *out = FromMillis(ms);
  return {};
}

// Fills field `index` (0 = timestamp ... 5 = volume) of `bar`; returns what is wrong, if anything.
std::string SetField(Bar& bar, int index, std::string_view text) {
  if (index == 0) return ParseTimestamp(text, &bar.open_time);
  double v = 0;
  if (!ParseDouble(text, &v)) {
    if (text.empty()) return fmt::format("{} is empty", kFieldNames[index]);
    return fmt::format("{} is not a number: '{}'", kFieldNames[index], QuoteForError(text));
  }
  switch (index) {
    case 1:
      bar.open = v;
      break;
    case 2:
      bar.high = v;
      break;
    case 3:
      bar.low = v;
      break;
    case 4:
      bar.close = v;
      break;
    default:
      bar.volume = v;
      break;
  }
  return {};
}

// The common row, `ms,open,high,low,close,volume` with plain numbers (no blanks, quotes,
// exponents or ISO times) and maybe more columns after: read in one pass. False, with `bar`
// unspecified, for any other row, which then goes through SetField field by field (so both
// ways give the same bar: the decimals through ParseSimpleDecimal, which ParseDouble tries
// first, and the milliseconds as digits, as from_chars reads them).
bool ParsePlainRow(std::string_view line, Bar* bar) {
  const char* p = line.data();
  const char* const end = p + line.size();
  std::int64_t ms = 0;
  const char* const digits = p;
  for (; p != end && *p >= '0' && *p <= '9' && p - digits < 16; ++p) ms = ms * 10 + (*p - '0');
  if (p == digits || p == end || *p != ',' || ms > kMaxAbsMillis) return false;
  bar->open_time = FromMillis(ms);
  // Open, high, low and close end at a comma, volume at one or at the end of the line: p + 1
  // is never past the end, and a short row goes to the field-by-field path, which reports it.
  double* const fields[] = {&bar->open, &bar->high, &bar->low, &bar->close};
  for (double* field : fields) {
    p = ParseSimpleDecimal(p + 1, end, field);
    if (p == nullptr || p == end || *p != ',') return false;
  }
  p = ParseSimpleDecimal(p + 1, end, &bar->volume);
  return p != nullptr && (p == end || *p == ',');
}

// Where the six fields of a CSV row are: the fixed order, or the order a header row gives.
struct CsvColumns {
  // Field (0 = timestamp ... 5 = volume) of each column up to the last one needed; -1: ignored.
  std::vector<int> field_of_column = {0, 1, 2, 3, 4, 5};
  // The names of those columns, for the message about a short row.
  std::string names = "timestamp_ms,open,high,low,close,volume";
  // The fixed order: ParsePlainRow applies.
  bool standard = true;
};

// Header spellings of the fields, lower case without '_', '-' or blanks: "open_time",
// "Open Time" and "openTime" are all "opentime". The time: this reader's own files and
// freqtrade (timestamp_ms, date), Binance's dumps (open_time), Bybit's klines (startTime,
// openPrice, ...), Coinbase's and Lean's exports (time) and other usual names.
struct ColumnName {
  int field;
  std::string_view name;
};
constexpr ColumnName kColumnNames[] = {
    {0, "timestamp"}, {0, "timestampms"}, {0, "time"},      {0, "opentime"},   {0, "starttime"},
    {0, "date"},      {0, "datetime"},    {0, "ts"},        {1, "open"},       {1, "openprice"},
    {1, "o"},         {2, "high"},        {2, "highprice"}, {2, "h"},          {3, "low"},
    {3, "lowprice"},  {3, "l"},           {4, "close"},     {4, "closeprice"}, {4, "c"},
    {5, "volume"},    {5, "vol"},         {5, "v"}};

// The field a header column names, or -1.
int FieldNamedBy(std::string_view column) {
  std::string key;
  for (char c : column) {
    if (c == '_' || c == '-' || IsBlank(c)) continue;
    key += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  for (const ColumnName& n : kColumnNames) {
    if (n.name == key) return n.field;
  }
  return -1;
}

// "a", "a or b", "a, b or c".
std::string JoinOr(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

// The columns a header row names; an empty string, or what is wrong with the header (a field
// named twice or not at all). Columns it does not know are ignored when all six are named.
std::string ColumnsFromHeader(std::string_view line, CsvColumns* out) {
  std::vector<std::string_view> names;
  for (std::size_t start = 0;;) {
    const std::size_t comma = line.find(',', start);
    const std::size_t stop = comma == std::string_view::npos ? line.size() : comma;
    names.push_back(Trim(Unquote(Trim(line.substr(start, stop - start)))));
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  std::array<int, 6> column_of_field;
  column_of_field.fill(-1);
  std::vector<std::string> unknown;
  for (int i = 0; i < static_cast<int>(names.size()); ++i) {
    const int field = FieldNamedBy(names[i]);
    if (field < 0) {
      unknown.push_back(fmt::format("'{}'", QuoteForError(names[i])));
    } else if (column_of_field[field] >= 0) {
      return fmt::format("header names the {} twice: '{}' (column {}) and '{}' (column {})",
                         kFieldNames[field], names[column_of_field[field]],
                         column_of_field[field] + 1, QuoteForError(names[i]), i + 1);
    } else {
      column_of_field[field] = i;
    }
  }
  std::vector<std::string> missing;
  for (int field = 0; field < 6; ++field) {
    if (column_of_field[field] < 0) missing.emplace_back(kFieldNames[field]);
  }
  if (!missing.empty()) {
    std::string error = fmt::format("header has no {} column", JoinOr(missing));
    if (!unknown.empty()) {
      error += fmt::format("; unknown column{}: {}", unknown.size() == 1 ? "" : "s",
                           fmt::join(unknown, ", "));
    }
    return error;
  }
  const int needed = *std::max_element(column_of_field.begin(), column_of_field.end()) + 1;
  out->field_of_column.assign(needed, -1);
  out->names.clear();
  for (int field = 0; field < 6; ++field) out->field_of_column[column_of_field[field]] = field;
  for (int i = 0; i < needed; ++i) out->names += fmt::format("{}{}", i == 0 ? "" : ",", names[i]);
  out->standard = true;
  for (int field = 0; field < 6; ++field) out->standard &= column_of_field[field] == field;
  return {};
}

// Reads the fields of a row from its columns one by one; an empty string, or what is wrong.
std::string ParseFields(std::string_view line, const CsvColumns& columns, Bar* bar) {
  const int needed = static_cast<int>(columns.field_of_column.size());
  int column = 0;
  std::size_t start = 0;
  while (column < needed) {
    const std::size_t comma = line.find(',', start);
    const std::string_view raw =
        line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
    const int field = columns.field_of_column[column];
    if (field >= 0) {
      std::string error = SetField(*bar, field, Unquote(Trim(raw)));
      if (!error.empty()) return error;
    }
    ++column;
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  if (column < needed) {
    return fmt::format("expected {} columns ({}), found {}", needed, columns.names, column);
  }
  return {};
}

// What is wrong with a bar at `time` after one at `previous`, when not after it.
std::string TimeOrderError(UnixNanos time, UnixNanos previous) {
  if (time == previous) {
    return fmt::format("time {} repeats the previous bar's; the bars must be in time order",
                       FormatIso8601(time));
  }
  return fmt::format("time {} is before the previous bar's {}; the bars must be in time order",
                     FormatIso8601(time), FormatIso8601(previous));
}

Result<std::vector<Bar>> ParseCsv(std::string_view text, std::string_view source,
                                  bool require_time_order) {
  std::vector<Bar> bars;
  std::size_t newlines = 0;
  for (const char *p = text.data(), *end = text.data() + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p) {
    ++newlines;
  }
  bars.reserve(newlines + 1);
  LineReader lines(text);
  bool seen_content = false;
  CsvColumns columns;
  for (std::string_view line; lines.Next(&line);) {
    const std::int64_t line_no = lines.number();
    if (Trim(line).empty()) continue;
    if (!seen_content) {
      seen_content = true;
      if (LooksLikeHeader(line)) {
        const std::string error = ColumnsFromHeader(line, &columns);
        if (!error.empty()) return InvalidArgumentError("{}: line {}: {}", source, line_no, error);
        continue;
      }
    }
    Bar bar;
    if (!columns.standard || !ParsePlainRow(line, &bar)) {
      const std::string error = ParseFields(line, columns, &bar);
      if (!error.empty()) return InvalidArgumentError("{}: line {}: {}", source, line_no, error);
    }
    if (require_time_order && !bars.empty() && bar.open_time <= bars.back().open_time) {
      return InvalidArgumentError("{}: line {}: {}", source, line_no,
                                  TimeOrderError(bar.open_time, bars.back().open_time));
    }
    bars.push_back(bar);
  }
  return bars;
}

// A small scanner for arrays of arrays of numbers or numeric strings.
class JsonRowScanner {
 public:
  JsonRowScanner(std::string_view text, std::string_view source, bool require_time_order)
      : text_(text), source_(source), require_time_order_(require_time_order) {}

  Result<std::vector<Bar>> Run() {
    std::vector<Bar> bars;
    bars.reserve(text_.size() / 48 + 1);
    SkipBlank();
    if (!Consume('[')) return Error("expected '[' at the start of the document");
    SkipBlank();
    if (Consume(']')) return Finish(std::move(bars));
    while (true) {
      Bar bar;
      RETURN_IF_ERROR(ParseRow(bar));
      if (require_time_order_ && !bars.empty() && bar.open_time <= bars.back().open_time) {
        return RowError(TimeOrderError(bar.open_time, bars.back().open_time));
      }
      bars.push_back(bar);
      ++element_;
      SkipBlank();
      if (Consume(',')) continue;
      if (Consume(']')) break;
      return Error("expected ',' or ']' after a row");
    }
    return Finish(std::move(bars));
  }

 private:
  Result<std::vector<Bar>> Finish(std::vector<Bar> bars) {
    SkipBlank();
    if (pos_ != text_.size()) return Error("unexpected text after the closing ']'");
    return bars;
  }

  Status ParseRow(Bar& bar) {
    SkipBlank();
    if (!Consume('[')) return RowError("expected '[' starting a row");
    int field = 0;
    SkipBlank();
    if (!Consume(']')) {
      while (true) {
        SkipBlank();
        std::string_view token;
        RETURN_IF_ERROR(NextToken(field, &token));
        if (field < 6) {
          const std::string error = SetField(bar, field, token);
          if (!error.empty()) return RowError(error);
        }
        ++field;
        SkipBlank();
        if (Consume(',')) continue;
        if (Consume(']')) break;
        return RowError("expected ',' or ']' inside a row");
      }
    }
    if (field < 6) {
      return RowError(fmt::format(
          "expected at least 6 values (timestamp,open,high,low,close,volume), found {}", field));
    }
    return Status::Ok();
  }

  // A number, or the inside of a string, as text.
  Status NextToken(int field, std::string_view* token) {
    if (pos_ >= text_.size()) return RowError("unexpected end of document");
    if (text_[pos_] == '"') {
      const std::size_t close = text_.find('"', pos_ + 1);
      if (close == std::string_view::npos) return RowError("unterminated string");
      *token = text_.substr(pos_ + 1, close - pos_ - 1);
      if (token->find('\\') != std::string_view::npos) {
        return RowError("escaped characters are not allowed in numeric strings");
      }
      pos_ = close + 1;
      return Status::Ok();
    }
    const std::size_t start = pos_;
    while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' &&
           !IsBlank(text_[pos_])) {
      ++pos_;
    }
    *token = text_.substr(start, pos_ - start);
    if (*token == "null") {
      const std::string_view name = field < 6 ? kFieldNames[field] : "value";
      return RowError(fmt::format("{} is null", name));
    }
    if (token->empty()) return RowError("missing value");
    return Status::Ok();
  }

  void SkipBlank() {
    while (pos_ < text_.size() && IsBlank(text_[pos_])) ++pos_;
  }
  bool Consume(char c) {
    if (pos_ < text_.size() && text_[pos_] == c) {
      ++pos_;
      return true;
    }
    return false;
  }
  std::int64_t LineAt(std::size_t offset) const {
    std::int64_t line = 1;
    for (std::size_t i = 0; i < offset && i < text_.size(); ++i) line += text_[i] == '\n';
    return line;
  }
  Status RowError(std::string_view what) const {
    return InvalidArgumentError("{}: element {} (line {}): {}", source_, element_, LineAt(pos_),
                                what);
  }
  Status Error(std::string_view what) const {
    return InvalidArgumentError("{}: line {}: {}", source_, LineAt(pos_), what);
  }

  std::string_view text_;
  std::string_view source_;
  bool require_time_order_;
  std::size_t pos_ = 0;
  std::int64_t element_ = 0;
};

}  // namespace

std::string_view CandleFormatName(CandleFormat format) {
  switch (format) {
    case CandleFormat::kAuto:
      return "auto";
    case CandleFormat::kCsv:
      return "csv";
    case CandleFormat::kFreqtradeJson:
      return "freqtrade-json";
    case CandleFormat::kBinanceKlines:
      return "binance-klines";
  }
  return "unknown";
}

Result<CandleFormat> DetectCandleFormat(std::string_view text) {
  const std::string_view t = Trim(StripBom(text));
  if (t.empty()) return CandleFormat::kCsv;
  if (t.front() != '[') return CandleFormat::kCsv;
  // JSON: look at the second value of the first row.
  std::size_t p = 1;
  while (p < t.size() && IsBlank(t[p])) ++p;
  if (p >= t.size() || t[p] == ']') return CandleFormat::kFreqtradeJson;  // "[]"
  if (t[p] != '[') {
    return InvalidArgumentError("JSON candles must be an array of arrays; found '{}'", t[p]);
  }
  const std::size_t comma = t.find(',', p);
  if (comma == std::string_view::npos) return CandleFormat::kFreqtradeJson;
  std::size_t q = comma + 1;
  while (q < t.size() && IsBlank(t[q])) ++q;
  return q < t.size() && t[q] == '"' ? CandleFormat::kBinanceKlines : CandleFormat::kFreqtradeJson;
}

Result<std::string> ReadFileInflated(const std::string& path) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                       &std::fclose);
  if (file == nullptr) {
    return NotFoundError("{}: cannot open: {}", path, std::strerror(errno));
  }
  std::string bytes;
  std::array<char, 1 << 16> buffer;
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), file.get())) > 0) {
    bytes.append(buffer.data(), n);
  }
  if (std::ferror(file.get())) {
    return UnavailableError("{}: read error: {}", path, std::strerror(errno));
  }
  if (LooksGzipped(bytes)) return GzipInflate(bytes, path);
  if (path.ends_with(".gz") && !bytes.empty()) {
    return InvalidArgumentError("{}: not gzip data, though the name ends in .gz", path);
  }
  return bytes;
}

Result<std::vector<Bar>> ParseCandles(std::string_view data, std::string_view source_name,
                                      const CandleReadOptions& options) {
  CandleFormat format = options.format;
  std::string inflated;
  if (LooksGzipped(data)) {
    ASSIGN_OR_RETURN(inflated, GzipInflate(data, source_name));
    data = inflated;
  }
  data = StripBom(data);
  if (format == CandleFormat::kAuto) {
    Result<CandleFormat> detected = DetectCandleFormat(data);
    if (!detected.ok()) return detected.status().WithContext(source_name);
    format = *detected;
  }
  if (format == CandleFormat::kCsv) {
    return ParseCsv(data, source_name, options.require_time_order);
  }
  return JsonRowScanner(data, source_name, options.require_time_order).Run();
}

Result<std::vector<Bar>> ReadCandleFile(const std::string& path, const CandleReadOptions& options) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFileInflated(path));
  return ParseCandles(bytes, path, options);
}

}  // namespace pulse::replay
