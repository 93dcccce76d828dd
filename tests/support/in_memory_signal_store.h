// InMemorySignalStore: a hand-written SignalStore fake for unit tests of code above the port.
// Keeps the port's documented semantics (ids from 1, NotFound, status follows the result).
// Not thread-safe.
#pragma once

#include <algorithm>
#include <map>

#include "ports/signal_store.h"

namespace pulse::testing {

class InMemorySignalStore : public SignalStore {
 public:
  Result<SignalId> AddSignal(const Signal& signal) override {
    Signal s = signal;
    s.id = next_id_++;
    signals_[s.id] = s;
    return s.id;
  }
  Result<std::vector<SignalId>> AddSignals(std::span<const Signal> signals) override {
    std::vector<SignalId> ids;
    for (const Signal& s : signals) ids.push_back(*AddSignal(s));
    return ids;
  }
  Result<std::vector<SignalId>> AddSignalsWithContributions(
      std::span<const Signal> signals,
      std::span<const std::vector<TheoryContribution>> contributions) override {
    if (signals.size() != contributions.size()) {
      return InvalidArgumentError("{} signals but {} contribution lists", signals.size(),
                                  contributions.size());
    }
    std::vector<SignalId> ids;
    for (std::size_t i = 0; i < signals.size(); ++i) {
      ids.push_back(*AddSignal(signals[i]));
      for (TheoryContribution c : contributions[i]) {
        c.signal_id = ids.back();
        contributions_.push_back(c);
      }
    }
    return ids;
  }
  Result<Signal> GetSignal(SignalId id) override {
    auto it = signals_.find(id);
    if (it == signals_.end()) return NotFoundError("signal {} does not exist", id);
    return it->second;
  }
  Result<std::vector<Signal>> ListSignals(const SignalFilter& filter) override {
    std::vector<Signal> out;
    for (const auto& [id, s] : signals_) {
      if (!filter.statuses.empty() && std::find(filter.statuses.begin(), filter.statuses.end(),
                                                s.status) == filter.statuses.end()) {
        continue;
      }
      if (filter.symbol && *filter.symbol != s.symbol) continue;
      if (filter.created_since && s.created_at < *filter.created_since) continue;
      out.push_back(s);
    }
    if (filter.limit > 0) {
      std::reverse(out.begin(), out.end());
      if (out.size() > static_cast<size_t>(filter.limit)) out.resize(filter.limit);
    }
    return out;
  }
  Status SaveResult(const SignalResult& result) override {
    auto it = signals_.find(result.signal_id);
    if (it == signals_.end()) return NotFoundError("signal {} does not exist", result.signal_id);
    results_[result.signal_id] = result;
    if (it->second.status != SignalStatus::kRejected) {
      it->second.status =
          result.outcome == Outcome::kOpen ? SignalStatus::kOpen : SignalStatus::kClosed;
    }
    ++writes_;
    return Status::Ok();
  }
  Result<std::optional<SignalResult>> GetResult(SignalId id) override {
    auto it = results_.find(id);
    if (it == results_.end()) return std::optional<SignalResult>();
    return std::optional<SignalResult>(it->second);
  }
  Result<std::vector<SignalResult>> ListClosedResults(UnixNanos since) override {
    std::vector<SignalResult> out;
    for (const auto& [id, r] : results_) {
      if (r.outcome != Outcome::kOpen && r.exit_time && *r.exit_time >= since &&
          signals_.at(id).status != SignalStatus::kRejected) {
        out.push_back(r);
      }
    }
    std::sort(out.begin(), out.end(), [](const SignalResult& a, const SignalResult& b) {
      return *a.exit_time < *b.exit_time;
    });
    return out;
  }
  Result<std::vector<OutcomeResolved>> ListClosedOutcomes(
      const ClosedOutcomeFilter& filter) override {
    std::vector<OutcomeResolved> out;
    for (const auto& [id, r] : results_) {
      const Signal& s = signals_.at(id);
      if (r.outcome == Outcome::kOpen || !r.exit_time) continue;
      if ((s.status == SignalStatus::kRejected) != filter.shadows) continue;
      if (filter.exit_since && *r.exit_time < *filter.exit_since) continue;
      if (filter.exit_until && *r.exit_time > *filter.exit_until) continue;
      if (filter.updated_since && r.updated_at < *filter.updated_since) continue;
      if (!filter.symbols.empty() && std::find(filter.symbols.begin(), filter.symbols.end(),
                                               s.symbol) == filter.symbols.end()) {
        continue;
      }
      OutcomeResolved o{s, r, filter.shadows, {}};
      for (const TheoryContribution& c : contributions_) {
        if (c.signal_id == id) o.contributions.push_back(c);
      }
      out.push_back(std::move(o));
    }
    std::stable_sort(out.begin(), out.end(), [](const auto& a, const auto& b) {
      return *a.result.exit_time < *b.result.exit_time;
    });
    return out;
  }
  Status AddContributions(std::span<const TheoryContribution> contributions) override {
    for (const TheoryContribution& c : contributions) contributions_.push_back(c);
    return Status::Ok();
  }
  Result<std::vector<TheoryContribution>> ListContributions(SignalId id) override {
    std::vector<TheoryContribution> out;
    for (const auto& c : contributions_) {
      if (c.signal_id == id) out.push_back(c);
    }
    return out;
  }
  Status SaveOutcome(const SignalResult& result,
                     std::span<const TheoryContribution> contributions) override {
    for (const TheoryContribution& given : contributions) {
      auto it = std::find_if(contributions_.begin(), contributions_.end(), [&](const auto& c) {
        return c.signal_id == result.signal_id && c.theory_name == given.theory_name;
      });
      if (it == contributions_.end()) {
        return NotFoundError("signal {} has no contribution from '{}'", result.signal_id,
                             given.theory_name);
      }
    }
    RETURN_IF_ERROR(SaveResult(result));
    for (const TheoryContribution& given : contributions) {
      for (auto& c : contributions_) {
        if (c.signal_id == result.signal_id && c.theory_name == given.theory_name) {
          c.was_correct = given.was_correct;
        }
      }
    }
    return Status::Ok();
  }

  int writes() const { return writes_; }

 private:
  SignalId next_id_ = 1;
  std::map<SignalId, Signal> signals_;
  std::map<SignalId, SignalResult> results_;
  std::vector<TheoryContribution> contributions_;
  int writes_ = 0;
};

}  // namespace pulse::testing
