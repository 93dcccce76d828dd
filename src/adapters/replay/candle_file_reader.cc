#include "adapters/replay/candle_file_reader.h"

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
  double* const fields[] = {&bar->open, &bar->high, &bar->low, &bar->close, &bar->volume};
  for (double* field : fields) {
    p = ParseSimpleDecimal(p + 1, end, field);
    if (p == nullptr || (p != end && *p != ',')) return false;
  }
  return true;
}

Result<std::vector<Bar>> ParseCsv(std::string_view text, std::string_view source) {
  std::vector<Bar> bars;
  std::size_t newlines = 0;
  for (const char *p = text.data(), *end = text.data() + text.size();
       (p = static_cast<const char*>(std::memchr(p, '\n', end - p))) != nullptr; ++p) {
    ++newlines;
  }
  bars.reserve(newlines + 1);
  LineReader lines(text);
  bool seen_content = false;
  for (std::string_view line; lines.Next(&line);) {
    const std::int64_t line_no = lines.number();
    if (Trim(line).empty()) continue;
    if (!seen_content) {
      seen_content = true;
      if (LooksLikeHeader(line)) continue;
    }
    Bar bar;
    if (ParsePlainRow(line, &bar)) {
      bars.push_back(bar);
      continue;
    }
    int field = 0;
    std::size_t start = 0;
    while (field < 6) {
      const std::size_t comma = line.find(',', start);
      const std::string_view raw =
          line.substr(start, comma == std::string_view::npos ? line.size() - start : comma - start);
      const std::string error = SetField(bar, field, Unquote(Trim(raw)));
      if (!error.empty()) {
        return InvalidArgumentError("{}: line {}: {}", source, line_no, error);
      }
      ++field;
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    if (field < 6) {
      return InvalidArgumentError(
          "{}: line {}: expected 6 columns (timestamp_ms,open,high,low,close,volume), found {}",
          source, line_no, field);
    }
    bars.push_back(bar);
  }
  return bars;
}

// A small scanner for arrays of arrays of numbers or numeric strings.
class JsonRowScanner {
 public:
  JsonRowScanner(std::string_view text, std::string_view source) : text_(text), source_(source) {}

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
  return bytes;
}

Result<std::vector<Bar>> ParseCandles(std::string_view data, std::string_view source_name,
                                      CandleFormat format) {
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
  if (format == CandleFormat::kCsv) return ParseCsv(data, source_name);
  return JsonRowScanner(data, source_name).Run();
}

Result<std::vector<Bar>> ReadCandleFile(const std::string& path, CandleFormat format) {
  ASSIGN_OR_RETURN(std::string bytes, ReadFileInflated(path));
  return ParseCandles(bytes, path, format);
}

}  // namespace pulse::replay
