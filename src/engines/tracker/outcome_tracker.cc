#include "engines/tracker/outcome_tracker.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "analytics/signal_exit.h"

namespace pulse::tracker {

namespace {

using analytics::BracketHit;

// The exit reason of a bracket exit: a stop moved by the trailing stop is a trailing stop.
std::string ExitReason(const TrackedSignal& t, BracketHit decided) {
  if (decided == BracketHit::kTakeProfit) return kExitTakeProfit;
  return t.trailing && analytics::TrailingStopBinds(t.bracket, *t.trailing) ? kExitTrailingStop
                                                                            : kExitStopLoss;
}

// Signed % move from the entry: positive in the trade's favour.
double MovePct(const TrackedSignal& t, double price) {
  const double move = (price - t.result.entry_price) / t.result.entry_price * 100.0;
  return t.bracket.direction == Direction::kLong ? move : -move;
}

void NotePrice(TrackedSignal& t, double price) {
  const double pct = MovePct(t, price);
  t.result.mfe_percent = std::max(*t.result.mfe_percent, pct);
  t.result.mae_percent = std::min(*t.result.mae_percent, pct);
}

// A bar the trade lived through entirely.
void NoteWholeBar(TrackedSignal& t, const Bar& bar) {
  NotePrice(t, bar.high);
  NotePrice(t, bar.low);
}

bool TimeStopReached(const TrackedSignal& t, UnixNanos at) {
  return t.signal.max_hold_minutes &&
         at - t.result.entry_time >= *t.signal.max_hold_minutes * kNanosPerMinute;
}

// Stable compaction of a book in one pass: open[k] stays open and moves to open[kept]. The
// caller erases the tail [kept, end) afterwards, so resolving m of n signals costs O(n) moves
// in all instead of one erase (a shift of the rest) per resolution.
void Keep(std::vector<TrackedSignal>& open, std::size_t k, std::size_t& kept) {
  if (kept != k) open[kept] = std::move(open[k]);
  ++kept;
}

}  // namespace

OutcomeTracker::OutcomeTracker(const TrackerConfig& config, const Clock& clock)
    : config_(config), clock_(clock) {}

OutcomeTracker::SymbolBook* OutcomeTracker::Find(std::string_view exchange,
                                                 std::string_view symbol) {
  key_.assign(exchange).append(":").append(symbol);
  auto it = book_ids_.find(key_);
  if (it == book_ids_.end()) return nullptr;
  SymbolBook& book = books_[it->second];
  return book.tracked ? &book : nullptr;
}

OutcomeTracker::BookId OutcomeTracker::BookOf(std::string_view exchange, std::string_view symbol) {
  key_.assign(exchange).append(":").append(symbol);
  auto it = book_ids_.find(key_);
  if (it != book_ids_.end()) return it->second;
  books_.emplace_back();
  book_ids_.emplace(key_, books_.size() - 1);
  return books_.size() - 1;
}

Status OutcomeTracker::Track(Signal signal, std::vector<TheoryContribution> contributions,
                             bool shadow) {
  ASSIGN_OR_RETURN(Timeframe tf, Timeframe::Parse(signal.timeframe));
  const double entry = signal.entry_price;
  if (!(entry > 0) || !std::isfinite(entry)) {
    return InvalidArgumentError("signal {} {}: entry price must be positive, got {}", signal.id,
                                signal.symbol, entry);
  }
  const bool long_side = signal.direction == Direction::kLong;
  const bool levels_ok = long_side ? signal.stop_loss < entry && signal.take_profit > entry
                                   : signal.stop_loss > entry && signal.take_profit < entry;
  if (!levels_ok || !(signal.stop_loss > 0)) {
    return InvalidArgumentError(
        "signal {} {}: a {} needs stop-loss {} and take-profit {} the entry {} (got {} and {})",
        signal.id, signal.symbol, DirectionName(signal.direction), long_side ? "below" : "above",
        long_side ? "above" : "below", entry, signal.stop_loss, signal.take_profit);
  }
  TrackedSignal t;
  t.timeframe = tf;
  t.shadow = shadow;
  t.bracket = {signal.direction, entry, signal.stop_loss, signal.take_profit};
  // A trail without an activation trails from the entry on, as the paper engine follows it.
  if (signal.trailing_pct) {
    t.trailing =
        analytics::TrailingStop{signal.trailing_activation_pct.value_or(0), *signal.trailing_pct};
  }
  t.result.signal_id = signal.id;
  t.result.entry_price = entry;
  t.result.entry_time = signal.created_at;
  t.result.outcome = Outcome::kOpen;
  t.result.mfe_percent = 0.0;
  t.result.mae_percent = 0.0;
  t.result.updated_at = clock_.Now();
  if (!shadow) signal.status = SignalStatus::kOpen;
  SymbolBook& book = books_[BookOf(signal.exchange, signal.symbol)];
  book.tracked = true;
  t.signal = std::move(signal);
  t.contributions = std::move(contributions);
  book.open.push_back(std::move(t));
  ++open_count_;
  return Status::Ok();
}

void OutcomeTracker::Resolve(TrackedSignal& t, double exit_price, UnixNanos exit_time,
                             std::string reason, std::vector<OutcomeResolved>* out) {
  OutcomeResolved resolved;
  resolved.result = analytics::CloseSignalResult(
      t.signal, std::move(t.result), exit_price, exit_time, std::move(reason),
      {config_.fee_pct_per_side, config_.breakeven_band_pct});
  resolved.result.updated_at = clock_.Now();
  for (TheoryContribution& c : t.contributions) {
    c.was_correct =
        analytics::ContributionWasCorrect(c.contribution_score, resolved.result.outcome);
  }
  if (!t.shadow) t.signal.status = SignalStatus::kClosed;
  resolved.signal = std::move(t.signal);
  resolved.contributions = std::move(t.contributions);
  resolved.shadow = t.shadow;
  out->push_back(std::move(resolved));
  --open_count_;
}

bool OutcomeTracker::ApplyBar(TrackedSignal& t, const Bar& bar, UnixNanos bar_close,
                              const FinerBars& finer, std::vector<OutcomeResolved>* out) {
  const BracketHit hit = analytics::CheckBracket(t.bracket, bar);
  if (hit == BracketHit::kNone) {
    NoteWholeBar(t, bar);
    if (TimeStopReached(t, bar_close)) {
      Resolve(t, bar.close, bar_close, kExitTimeStop, out);
      return true;
    }
    if (t.trailing) analytics::UpdateTrailingStop(bar, &t.bracket, &*t.trailing);
    return false;
  }
  BracketHit decided = hit;
  const Bar* exit_bar = &bar;
  UnixNanos exit_time = bar_close;
  std::string resolution;
  if (hit == BracketHit::kBoth) {
    const analytics::BothHitDecision d =
        analytics::DecideBothHit(t.bracket, finer.bars, config_.both_hit_policy);
    for (std::size_t i = 0; i < d.finer_index; ++i) NoteWholeBar(t, finer.bars[i]);
    decided = d.decided;
    resolution = d.resolution;
    if (d.finer_index < finer.bars.size()) {
      // The finer bar's close (not the next finer bar's open: the finer data may have a hole).
      exit_bar = &finer.bars[d.finer_index];
      exit_time = std::min(bar_close, finer.timeframe.Next(exit_bar->open_time));
    }
  }
  const double exit_price = analytics::ExitPrice(t.bracket, decided, *exit_bar);
  // The exit bar: its open and the exit count both ways. A bar that opens beyond the level
  // exits at its open, at its open time: nothing after the open counts. Otherwise its adverse
  // extreme counts against a take-profit exit (it stayed above the stop); its favourable
  // extreme never counts.
  const bool at_open = analytics::ExitsAtOpen(t.bracket, decided, *exit_bar);
  NotePrice(t, exit_bar->open);
  NotePrice(t, exit_price);
  if (at_open) {
    exit_time = std::max(exit_bar->open_time, t.result.entry_time);
  } else if (decided == BracketHit::kTakeProfit) {
    const bool long_side = t.bracket.direction == Direction::kLong;
    NotePrice(t, long_side ? std::max(exit_bar->low, t.bracket.stop_loss)
                           : std::min(exit_bar->high, t.bracket.stop_loss));
  }
  Resolve(t, exit_price, exit_time, ExitReason(t, decided), out);
  out->back().result.exit_resolution = std::move(resolution);
  return true;
}

void OutcomeTracker::OnBar(std::string_view exchange, std::string_view symbol, Timeframe timeframe,
                           const Bar& bar, const FinerBars& finer,
                           std::vector<OutcomeResolved>* out) {
  SymbolBook* book = Find(exchange, symbol);
  if (book != nullptr) ApplyBook(*book, timeframe, bar, finer, out);
}

void OutcomeTracker::OnBar(BookId book, Timeframe timeframe, const Bar& bar, const FinerBars& finer,
                           std::vector<OutcomeResolved>* out) {
  if (books_[book].tracked) ApplyBook(books_[book], timeframe, bar, finer, out);
}

void OutcomeTracker::ApplyBook(SymbolBook& book, Timeframe timeframe, const Bar& bar,
                               const FinerBars& finer, std::vector<OutcomeResolved>* out) {
  book.last_price = bar.close;
  auto& open = book.open;
  if (open.empty()) return;
  const UnixNanos bar_close = bar.open_time + timeframe.NominalNanos();
  std::size_t kept = 0;
  for (std::size_t k = 0; k < open.size(); ++k) {
    TrackedSignal& t = open[k];
    const bool exits = t.timeframe == timeframe && bar.open_time >= t.signal.created_at &&
                       ApplyBar(t, bar, bar_close, finer, out);
    if (!exits) Keep(open, k, kept);
  }
  open.erase(open.begin() + static_cast<std::ptrdiff_t>(kept), open.end());
}

void OutcomeTracker::OnTrade(std::string_view exchange, std::string_view symbol, UnixNanos time,
                             double price, std::vector<OutcomeResolved>* out) {
  SymbolBook* book = Find(exchange, symbol);
  if (book == nullptr) return;
  book->last_price = price;
  const Bar print{time, price, price, price, price, 0};
  auto& open = book->open;
  std::size_t kept = 0;
  for (std::size_t k = 0; k < open.size(); ++k) {
    TrackedSignal& t = open[k];
    if (time < t.signal.created_at) {
      Keep(open, k, kept);
      continue;
    }
    const BracketHit hit = analytics::CheckBracket(t.bracket, print);
    NotePrice(t, price);
    if (hit == BracketHit::kNone) {
      // The trailing stop moves with bars only: the bar these prints belong to is checked
      // against the levels the prints saw, so a print may not tighten them before that check.
      if (!TimeStopReached(t, time)) {
        Keep(open, k, kept);
        continue;
      }
      Resolve(t, price, time, kExitTimeStop, out);
    } else {
      Resolve(t, analytics::ExitPrice(t.bracket, hit, print), time, ExitReason(t, hit), out);
    }
  }
  open.erase(open.begin() + static_cast<std::ptrdiff_t>(kept), open.end());
}

Result<OutcomeResolved> OutcomeTracker::Exit(SignalId id, double price, UnixNanos time,
                                             std::string reason) {
  if (id <= 0) return InvalidArgumentError("signal id must be positive, got {}", id);
  if (!(price > 0) || !std::isfinite(price)) {
    return InvalidArgumentError("exit price must be positive, got {}", price);
  }
  for (SymbolBook& book : books_) {
    auto& open = book.open;
    auto it = std::find_if(open.begin(), open.end(),
                           [&](const TrackedSignal& t) { return t.signal.id == id; });
    if (it == open.end()) continue;
    if (time < it->result.entry_time) {
      return InvalidArgumentError("exit time is before the entry of signal {}", id);
    }
    std::vector<OutcomeResolved> out;
    NotePrice(*it, price);
    Resolve(*it, price, time, std::move(reason), &out);
    open.erase(it);
    return std::move(out.front());
  }
  return NotFoundError("signal {} is not being tracked", id);
}

void OutcomeTracker::ExitAll(std::string_view reason, bool include_shadows,
                             std::vector<OutcomeResolved>* out) {
  const UnixNanos now = clock_.Now();
  for (const auto& [key, id] : book_ids_) {
    SymbolBook& book = books_[id];
    auto& open = book.open;
    std::size_t kept = 0;
    for (std::size_t k = 0; k < open.size(); ++k) {
      TrackedSignal& t = open[k];
      // A signal of this very time has had no price after its entry: it has no outcome yet.
      if ((t.shadow && !include_shadows) || t.result.entry_time >= now) {
        Keep(open, k, kept);
        continue;
      }
      const double price = book.last_price.value_or(t.result.entry_price);
      NotePrice(t, price);
      Resolve(t, price, std::max(now, t.result.entry_time), std::string(reason), out);
    }
    open.erase(open.begin() + static_cast<std::ptrdiff_t>(kept), open.end());
  }
}

std::vector<TrackedSignal> OutcomeTracker::Open() const {
  std::vector<TrackedSignal> all;
  all.reserve(open_count_);
  for (const auto& [key, id] : book_ids_) {
    const SymbolBook& book = books_[id];
    all.insert(all.end(), book.open.begin(), book.open.end());
  }
  return all;
}

}  // namespace pulse::tracker
