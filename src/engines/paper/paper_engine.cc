#include "engines/paper/paper_engine.h"

#include <algorithm>
#include <cmath>
#include <set>

#include <fmt/format.h>

#include "analytics/bracket_exit.h"
#include "core/check.h"
#include "model/outcome_events.h"

namespace pulse::paper {

namespace {

// The trailing stop of a position, when it has one (an activation of 0 when none is set).
std::optional<analytics::TrailingStop> TrailingOf(const Position& p) {
  if (!p.trailing_pct) return std::nullopt;
  return analytics::TrailingStop{p.trailing_activation_pct.value_or(0), *p.trailing_pct,
                                 p.trailing_armed, p.trailing_best_price};
}

double Sign(Direction d) { return d == Direction::kLong ? 1.0 : -1.0; }

bool Positive(double v) { return std::isfinite(v) && v > 0; }

// Long: stop < price < target; short: target < price < stop.
bool BetweenLevels(Direction d, double price, double stop, double target) {
  return d == Direction::kLong ? stop < price && price < target : target < price && price < stop;
}

}  // namespace

Result<PaperEngine> PaperEngine::Create(const PaperConfig& config, const Clock& clock) {
  RETURN_IF_ERROR(config.Validate());
  return PaperEngine(config, clock);
}

PaperEngine::PaperEngine(const PaperConfig& config, const Clock& clock)
    : config_(config), clock_(&clock), fill_model_(config) {
  CHECK_MSG(config.Validate().ok(), "PaperEngine needs a validated PaperConfig");
  account_.name = config.account;
  account_.mode = config.mode;
  account_.starting_balance = config.starting_balance;
  account_.cash = config.starting_balance;
}

PaperEngine::Market& PaperEngine::MarketOf(std::string_view symbol) {
  auto it = markets_.find(symbol);
  if (it == markets_.end()) it = markets_.emplace(std::string(symbol), Market{}).first;
  return it->second;
}

double PaperEngine::Equity() const {
  double equity = account_.cash;
  for (const Position& p : positions_) equity += Sign(p.direction) * p.quantity * p.mark_price;
  return equity;
}

double PaperEngine::Exposure() const {
  double exposure = 0;
  for (const Position& p : positions_) exposure += p.quantity * p.mark_price;
  return exposure;
}

void PaperEngine::Mark(Position& p, double price) const {
  p.mark_price = price;
  p.unrealized_pnl = Sign(p.direction) * p.quantity * (price - p.avg_entry_price) - p.fees_paid;
}

void PaperEngine::Reject(const Signal& s, RejectReason reason, std::string message,
                         UnixNanos time) {
  touched_ = true;
  OrderRejected r;
  r.signal_id = s.id;
  r.symbol = s.symbol;
  r.reason = reason;
  r.message = std::move(message);
  r.time = time;
  events_.emplace_back(std::move(r));
}

bool PaperEngine::Admit(const Signal& s, UnixNanos now) {
  std::string problem;
  if (s.symbol.empty()) {
    problem = "signal has no symbol";
  } else if (!Positive(s.entry_price) || !Positive(s.stop_loss) || !Positive(s.take_profit)) {
    problem = fmt::format("prices must be positive: entry {}, stop-loss {}, take-profit {}",
                          s.entry_price, s.stop_loss, s.take_profit);
  } else if (!BetweenLevels(s.direction, s.entry_price, s.stop_loss, s.take_profit)) {
    problem = fmt::format("{} entry {} is not between stop-loss {} and take-profit {}",
                          DirectionName(s.direction), s.entry_price, s.stop_loss, s.take_profit);
  } else if (s.max_hold_minutes && *s.max_hold_minutes <= 0) {
    problem = fmt::format("max_hold_minutes must be positive, got {}", *s.max_hold_minutes);
  } else if ((s.trailing_pct && !Positive(*s.trailing_pct)) ||
             (s.trailing_activation_pct &&
              !(std::isfinite(*s.trailing_activation_pct) && *s.trailing_activation_pct >= 0))) {
    problem = fmt::format("trailing stop needs trail % > 0 and activation % >= 0, got {} and {}",
                          s.trailing_pct.value_or(0), s.trailing_activation_pct.value_or(0));
  }
  if (!problem.empty()) {
    Reject(s, RejectReason::kInvalidSignal, std::move(problem), now);
    return false;
  }
  if (s.size && !Positive(*s.size)) {
    Reject(s, RejectReason::kSizeZero, fmt::format("signal size {} is not positive", *s.size), now);
    return false;
  }
  if (s.id != 0) {
    const bool open = std::any_of(positions_.begin(), positions_.end(),
                                  [&](const Position& p) { return p.signal_id == s.id; });
    const bool queued = std::any_of(pending_.begin(), pending_.end(),
                                    [&](const Signal& q) { return q.id == s.id; });
    if (open || queued) {
      Reject(s, RejectReason::kDuplicate,
             fmt::format("signal {} already has {}", s.id, open ? "a position" : "a queued entry"),
             now);
      return false;
    }
  }
  return true;
}

void PaperEngine::OnSignalApproved(const Signal& signal) {
  const UnixNanos now = clock_->Now();
  if (!Admit(signal, now)) return;
  touched_ = true;
  if (config_.fill_mode == FillMode::kSignalPrice) {
    Market& market = MarketOf(signal.symbol);
    Enter(signal, signal.entry_price, market.last_volume, now);
    RecordEquityPoint(now);
  } else {
    pending_.push_back(signal);
  }
}

void PaperEngine::Enter(const Signal& s, double reference, double bar_volume, UnixNanos time) {
  const OrderSide side = EntrySide(s.direction);
  if (!BetweenLevels(s.direction, reference, s.stop_loss, s.take_profit)) {
    Reject(s, RejectReason::kPriceBeyondLevels,
           fmt::format("{} fill reference {} is not between stop-loss {} and take-profit {}",
                       DirectionName(s.direction), reference, s.stop_loss, s.take_profit),
           time);
    return;
  }
  const double equity = Equity();
  const double requested = s.size ? *s.size : config_.max_position_fraction * equity / reference;
  if (!Positive(requested)) {
    Reject(s, RejectReason::kSizeZero,
           fmt::format("nothing to size: equity {} at price {}", equity, reference), time);
    return;
  }
  const double position_room = config_.max_position_fraction * equity;
  const double total_room = config_.max_total_exposure * equity - Exposure();
  const double room = std::min(position_room, total_room);
  if (!(room > 0)) {
    Reject(
        s, RejectReason::kExposureLimit,
        fmt::format("no room: equity {}, exposure {}, limits {} per position and {} in total",
                    equity, Exposure(), config_.max_position_fraction, config_.max_total_exposure),
        time);
    return;
  }
  double quantity = requested;
  if (config_.max_volume_participation > 0) {
    const double available = config_.max_volume_participation * bar_volume;
    if (!Positive(available)) {
      Reject(s, RejectReason::kSizeZero,
             fmt::format("the fill bar has no volume to take a share of "
                         "(paper.max_volume_participation {})",
                         config_.max_volume_participation),
             time);
      return;
    }
    quantity = std::min(quantity, available);
  }
  FillQuote quote = fill_model_.Quote(side, reference, quantity, bar_volume);
  // A smaller order has less impact: a buy gets cheaper and a sell never beats the price without
  // impact, so sizing at the larger of the two keeps the value under `room`.
  const double cap = room / std::max(quote.price, fill_model_.PriceWithoutImpact(side, reference));
  if (quantity > cap) {
    quantity = cap;
    quote = fill_model_.Quote(side, reference, quantity, bar_volume);
  }
  const double value = quantity * quote.price;
  if (side == OrderSide::kBuy && value + quote.fee > account_.cash) {
    Reject(s, RejectReason::kInsufficientCash,
           fmt::format("buy of {} {} costs {} with fee {}, cash is {}", quantity, s.symbol, value,
                       quote.fee, account_.cash),
           time);
    return;
  }
  if (side == OrderSide::kSell && account_.cash + value - quote.fee < 0) {
    Reject(s, RejectReason::kInsufficientCash,
           fmt::format("fee {} exceeds cash {} and proceeds {}", quote.fee, account_.cash, value),
           time);
    return;
  }

  Fill fill;
  fill.signal_id = s.id;
  fill.position_id = account_.next_position_id++;
  fill.symbol = s.symbol;
  fill.exchange = s.exchange;
  fill.side = side;
  fill.quantity = quantity;
  fill.expected_price = s.entry_price;
  fill.reference_price = reference;
  fill.fill_price = quote.price;
  fill.fee = quote.fee;
  fill.fee_currency = config_.quote_currency;
  fill.slippage = quote.price - s.entry_price;
  fill.slippage_bps = SlippageBps(side, s.entry_price, quote.price);
  fill.reason = kFillEntry;
  fill.time = time;
  fill.mode = config_.mode;

  Position p;
  p.id = fill.position_id;
  p.signal_id = s.id;
  p.symbol = s.symbol;
  p.exchange = s.exchange;
  p.direction = s.direction;
  p.quantity = quantity;
  p.avg_entry_price = quote.price;
  p.stop_loss = s.stop_loss;
  p.take_profit = s.take_profit;
  if (s.trailing_pct) {
    p.trailing_pct = s.trailing_pct;
    p.trailing_activation_pct = s.trailing_activation_pct.value_or(0);
  }
  p.max_hold_minutes = s.max_hold_minutes;
  p.opened_at = time;
  p.fees_paid = quote.fee;
  p.mode = config_.mode;
  Mark(p, reference);

  account_.cash += side == OrderSide::kBuy ? -(value + quote.fee) : value - quote.fee;
  unrecorded_ = true;
  account_.fees_paid += quote.fee;
  account_.updated_at = time;
  positions_.push_back(p);
  events_.emplace_back(PositionOpened{std::move(p), std::move(fill), account_});
}

void PaperEngine::Exit(std::size_t index, double reference, double expected, double bar_volume,
                       std::string_view reason, UnixNanos time) {
  Position p = std::move(positions_[index]);
  positions_.erase(positions_.begin() + static_cast<std::ptrdiff_t>(index));
  const OrderSide side = ExitSide(p.direction);
  const FillQuote quote = fill_model_.Quote(side, reference, p.quantity, bar_volume);

  Fill fill;
  fill.signal_id = p.signal_id;
  fill.position_id = p.id;
  fill.symbol = p.symbol;
  fill.exchange = p.exchange;
  fill.side = side;
  fill.quantity = p.quantity;
  fill.expected_price = expected;
  fill.reference_price = reference;
  fill.fill_price = quote.price;
  fill.fee = quote.fee;
  fill.fee_currency = config_.quote_currency;
  fill.slippage = quote.price - expected;
  fill.slippage_bps = SlippageBps(side, expected, quote.price);
  fill.reason = std::string(reason);
  fill.time = time;
  fill.mode = config_.mode;

  const double value = p.quantity * quote.price;
  const double gross = Sign(p.direction) * p.quantity * (quote.price - p.avg_entry_price);
  const double pnl = gross - p.fees_paid - quote.fee;
  p.fees_paid += quote.fee;
  p.realized_pnl = pnl;
  p.unrealized_pnl = 0;
  p.mark_price = reference;
  p.exit_price = quote.price;
  p.exit_reason = std::string(reason);
  p.closed_at = time;
  p.status = PositionStatus::kClosed;

  account_.cash += side == OrderSide::kSell ? value - quote.fee : -(value + quote.fee);
  unrecorded_ = true;
  account_.realized_pnl += pnl;
  account_.fees_paid += quote.fee;
  account_.updated_at = time;
  events_.emplace_back(PositionClosed{std::move(p), std::move(fill), pnl, account_});
}

bool PaperEngine::CheckExits(std::size_t index, const Bar& bar, std::span<const Bar> finer,
                             UnixNanos now) {
  Position& p = positions_[index];
  analytics::Bracket bracket{p.direction, p.avg_entry_price, p.stop_loss, p.take_profit};
  analytics::BracketHit hit = analytics::CheckBracket(bracket, bar);
  const Bar* exit_bar = &bar;
  if (hit == analytics::BracketHit::kBoth) {
    const analytics::BothHitDecision d =
        analytics::DecideBothHit(bracket, finer, config_.both_hit_policy);
    hit = d.decided;
    if (d.finer_index < finer.size()) exit_bar = &finer[d.finer_index];
  }
  if (hit == analytics::BracketHit::kStopLoss || hit == analytics::BracketHit::kTakeProfit) {
    const double reference = analytics::ExitPrice(bracket, hit, *exit_bar);
    const bool stop = hit == analytics::BracketHit::kStopLoss;
    const double expected = stop ? p.stop_loss : p.take_profit;
    const std::optional<analytics::TrailingStop> trailing = TrailingOf(p);
    const bool trailed = trailing && analytics::TrailingStopBinds(bracket, *trailing);
    const char* reason = !stop ? kExitTakeProfit : trailed ? kExitTrailingStop : kExitStopLoss;
    Exit(index, reference, expected, bar.volume, reason, now);
    return true;
  }
  if (std::optional<analytics::TrailingStop> trailing = TrailingOf(p)) {
    analytics::UpdateTrailingStop(bar, &bracket, &*trailing);
    p.stop_loss = bracket.stop_loss;
    p.trailing_armed = trailing->armed;
    p.trailing_best_price = trailing->best_price;
  }
  if (p.max_hold_minutes && now - p.opened_at >= *p.max_hold_minutes * kNanosPerMinute) {
    Exit(index, bar.close, bar.close, bar.volume, kExitTimeStop, now);
    return true;
  }
  return false;
}

Status PaperEngine::OnBar(std::string_view symbol, const Bar& bar, std::span<const Bar> finer) {
  if (!Positive(bar.open) || !Positive(bar.high) || !Positive(bar.low) || !Positive(bar.close) ||
      bar.high < bar.low || !(std::isfinite(bar.volume) && bar.volume >= 0)) {
    return InvalidArgumentError(
        "bad bar for {} at {}: open {}, high {}, low {}, close {}, volume {}", symbol,
        FormatIso8601(bar.open_time), bar.open, bar.high, bar.low, bar.close, bar.volume);
  }
  const UnixNanos now = clock_->Now();
  Market& market = MarketOf(symbol);
  market.last_volume = bar.volume;

  if (config_.fill_mode == FillMode::kNextOpen) {
    std::size_t kept = 0;
    for (std::size_t i = 0; i < pending_.size(); ++i) {
      Signal& s = pending_[i];
      if (s.symbol == symbol && s.created_at <= bar.open_time) {
        Enter(s, bar.open, bar.volume, bar.open_time);
      } else {
        if (kept != i) pending_[kept] = std::move(s);
        ++kept;
      }
    }
    pending_.resize(kept);
  }

  for (std::size_t i = 0; i < positions_.size();) {
    if (positions_[i].symbol == symbol && CheckExits(i, bar, finer, now)) continue;
    ++i;
  }
  market.last_close = bar.close;
  for (Position& p : positions_) {
    if (p.symbol == symbol) {
      Mark(p, bar.close);
      unrecorded_ = true;
    }
  }
  // Another symbol's bar of the same close that changed nothing would record the same point.
  if (unrecorded_ || equity_curve_.empty() || equity_curve_.back().time != now) {
    RecordEquityPoint(now);
  }
  return Status::Ok();
}

Status PaperEngine::ClosePosition(SignalId signal_id, std::string_view reason) {
  if (reason.empty()) return InvalidArgumentError("ClosePosition needs a reason");
  const UnixNanos now = clock_->Now();
  for (std::size_t i = 0; i < pending_.size(); ++i) {
    if (pending_[i].id == signal_id) {
      Signal s = std::move(pending_[i]);
      pending_.erase(pending_.begin() + static_cast<std::ptrdiff_t>(i));
      Reject(s, RejectReason::kCancelled, fmt::format("queued entry cancelled: {}", reason), now);
      return Status::Ok();
    }
  }
  for (std::size_t i = 0; i < positions_.size(); ++i) {
    if (positions_[i].signal_id != signal_id) continue;
    const Market& market = MarketOf(positions_[i].symbol);
    const double reference = market.last_close > 0 ? market.last_close : positions_[i].mark_price;
    Exit(i, reference, reference, market.last_volume, reason, now);
    RecordEquityPoint(now);
    return Status::Ok();
  }
  return NotFoundError("no open position or queued entry for signal {}", signal_id);
}

int PaperEngine::CloseAll(std::string_view reason) {
  const UnixNanos now = clock_->Now();
  for (const Signal& s : pending_) {
    Reject(s, RejectReason::kCancelled, fmt::format("queued entry cancelled: {}", reason), now);
  }
  pending_.clear();
  int closed = 0;
  while (!positions_.empty()) {
    const Market& market = MarketOf(positions_.front().symbol);
    const double reference =
        market.last_close > 0 ? market.last_close : positions_.front().mark_price;
    Exit(0, reference, reference, market.last_volume, reason, now);
    ++closed;
  }
  RecordEquityPoint(now);
  return closed;
}

void PaperEngine::RecordEquityPoint(UnixNanos time) {
  unrecorded_ = false;
  EquityPoint point;
  point.time = time;
  point.cash = account_.cash;
  point.equity = Equity();
  point.realized_pnl = account_.realized_pnl;
  for (const Position& p : positions_) point.unrealized_pnl += p.unrealized_pnl;
  point.exposure = Exposure();
  point.open_positions = static_cast<int>(positions_.size());
  if (!equity_curve_.empty() && equity_curve_.back().time == time) {
    equity_curve_.back() = point;
  } else {
    equity_curve_.push_back(point);
  }
}

std::vector<PaperEvent> PaperEngine::TakeEvents() {
  std::vector<PaperEvent> out;
  out.swap(events_);
  return out;
}

std::vector<EquityPoint> PaperEngine::TakeEquityCurve() {
  std::vector<EquityPoint> out;
  out.swap(equity_curve_);
  return out;
}

std::optional<EquityPoint> PaperEngine::TakeLatestEquityPoint() {
  if (equity_curve_.empty()) return std::nullopt;
  const EquityPoint latest = equity_curve_.back();
  equity_curve_.clear();
  return latest;
}

PortfolioSnapshot PaperEngine::Snapshot() const {
  PortfolioSnapshot s;
  s.time = clock_->Now();
  s.cash = account_.cash;
  s.equity = Equity();
  s.realized_pnl = account_.realized_pnl;
  for (const Position& p : positions_) s.unrealized_pnl += p.unrealized_pnl;
  s.exposure = Exposure();
  s.fees_paid = account_.fees_paid;
  s.open_positions = positions_;
  return s;
}

Status PaperEngine::Restore(const AccountState& account, std::vector<Position> open_positions,
                            std::vector<Signal> pending_entries) {
  if (touched_ || !positions_.empty() || !pending_.empty()) {
    return FailedPreconditionError("Restore needs a fresh engine (no fill or queued entry yet)");
  }
  if (account.name != config_.account) {
    return InvalidArgumentError("account '{}' does not match the configured account '{}'",
                                account.name, config_.account);
  }
  if (account.mode != config_.mode) {
    return InvalidArgumentError("account '{}' is in {} mode, the engine in {} mode", account.name,
                                TradingModeName(account.mode), TradingModeName(config_.mode));
  }
  if (!Positive(account.starting_balance) || !std::isfinite(account.cash) ||
      !std::isfinite(account.realized_pnl) || !std::isfinite(account.fees_paid)) {
    return InvalidArgumentError(
        "account '{}': starting_balance {} must be positive, cash {}, realized_pnl {} and "
        "fees_paid {} finite",
        account.name, account.starting_balance, account.cash, account.realized_pnl,
        account.fees_paid);
  }
  std::set<std::int64_t> ids;
  std::set<SignalId> signal_ids;
  for (const Position& p : open_positions) {
    if (p.status != PositionStatus::kOpen) {
      return InvalidArgumentError("position {} is not open", p.id);
    }
    if (p.symbol.empty() || !Positive(p.quantity) || !Positive(p.avg_entry_price) ||
        !Positive(p.mark_price) || !Positive(p.stop_loss) || !Positive(p.take_profit)) {
      return InvalidArgumentError(
          "position {}: symbol '{}', quantity {}, avg_entry_price {}, mark_price {}, stop_loss "
          "{}, take_profit {} must be set and positive",
          p.id, p.symbol, p.quantity, p.avg_entry_price, p.mark_price, p.stop_loss, p.take_profit);
    }
    if (p.id <= 0 || p.id >= account.next_position_id || !ids.insert(p.id).second) {
      return InvalidArgumentError(
          "position id {} must be unique, positive and below next_position_id {}", p.id,
          account.next_position_id);
    }
    if (p.signal_id != 0 && !signal_ids.insert(p.signal_id).second) {
      return InvalidArgumentError("two open positions for signal {}", p.signal_id);
    }
  }
  account_ = account;
  positions_ = std::move(open_positions);
  unrecorded_ = true;
  for (const Position& p : positions_) MarketOf(p.symbol).last_close = p.mark_price;
  for (const Signal& s : pending_entries) {
    if (!Admit(s, clock_->Now())) continue;
    pending_.push_back(s);
  }
  touched_ = true;
  return Status::Ok();
}

}  // namespace pulse::paper
