// InMemoryPortfolioStore: a hand-written PortfolioStore fake for unit tests of code above the
// port. Keeps the port's documented semantics (positions keyed by account and number, fill +
// position + account together, orders and filters). Not thread-safe.
#pragma once

#include <algorithm>
#include <map>
#include <string>
#include <utility>

#include "ports/portfolio_store.h"

namespace pulse::testing {

class InMemoryPortfolioStore : public PortfolioStore {
 public:
  Status RecordFill(const Fill& fill, const Position& position,
                    const AccountState& account) override {
    if (fill.position_id != position.id || fill.signal_id != position.signal_id ||
        fill.symbol != position.symbol) {
      return InvalidArgumentError("fill does not belong to position {}", position.id);
    }
    if (account.name.empty()) return InvalidArgumentError("account has no name");
    if (position.id <= 0) return InvalidArgumentError("position number {}", position.id);
    positions_[{account.name, position.id}] = position;
    trades_.push_back({account.name, fill});
    accounts_[account.name] = account;
    ++writes_;
    return Status::Ok();
  }
  Status SaveState(const AccountState& account, std::span<const Position> positions) override {
    if (account.name.empty()) return InvalidArgumentError("account has no name");
    for (const Position& p : positions) {
      if (p.id <= 0) return InvalidArgumentError("position number {}", p.id);
    }
    accounts_[account.name] = account;
    for (const Position& p : positions) positions_[{account.name, p.id}] = p;
    ++writes_;
    return Status::Ok();
  }
  Result<std::optional<AccountState>> LoadAccount(std::string_view name) override {
    auto it = accounts_.find(std::string(name));
    if (it == accounts_.end()) return std::optional<AccountState>();
    return std::optional<AccountState>(it->second);
  }
  Result<std::vector<Position>> LoadOpenPositions(std::string_view account) override {
    PositionFilter filter;
    filter.account = std::string(account);
    filter.status = PositionStatus::kOpen;
    return ListPositions(filter);
  }
  Result<std::vector<Fill>> ListTrades(const TradeFilter& filter) override {
    if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
    std::vector<Fill> out;
    for (const auto& [account, f] : trades_) {
      if (filter.account && *filter.account != account) continue;
      if (filter.signal_id && *filter.signal_id != f.signal_id) continue;
      if (filter.symbol && *filter.symbol != f.symbol) continue;
      if (filter.since && f.time < *filter.since) continue;
      out.push_back(f);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const Fill& a, const Fill& b) { return a.time < b.time; });
    if (filter.limit > 0) {
      std::reverse(out.begin(), out.end());
      if (out.size() > static_cast<std::size_t>(filter.limit)) out.resize(filter.limit);
    }
    return out;
  }
  Result<std::vector<Position>> ListPositions(const PositionFilter& filter) override {
    if (filter.limit < 0) return InvalidArgumentError("negative limit {}", filter.limit);
    std::vector<Position> out;
    for (const auto& [key, p] : positions_) {
      if (filter.account && *filter.account != key.first) continue;
      if (filter.status && *filter.status != p.status) continue;
      if (filter.symbol && *filter.symbol != p.symbol) continue;
      out.push_back(p);
    }
    std::stable_sort(out.begin(), out.end(), [](const Position& a, const Position& b) {
      return a.opened_at != b.opened_at ? a.opened_at < b.opened_at : a.id < b.id;
    });
    if (filter.limit > 0) {
      std::reverse(out.begin(), out.end());
      if (out.size() > static_cast<std::size_t>(filter.limit)) out.resize(filter.limit);
    }
    return out;
  }

  int writes() const { return writes_; }

 private:
  std::map<std::string, AccountState> accounts_;
  std::map<std::pair<std::string, std::int64_t>, Position> positions_;
  std::vector<std::pair<std::string, Fill>> trades_;
  int writes_ = 0;
};

}  // namespace pulse::testing
