#include "engines/paper/paper_config.h"

#include <cmath>
#include <vector>

#include <fmt/format.h>

namespace pulse::paper {

std::string_view FillModeName(FillMode mode) {
  return mode == FillMode::kNextOpen ? "next_open" : "signal_price";
}

Result<FillMode> ParseFillMode(std::string_view text) {
  if (text == "next_open") return FillMode::kNextOpen;
  if (text == "signal_price") return FillMode::kSignalPrice;
  return InvalidArgumentError("unknown fill mode '{}' (accepted: next_open, signal_price)", text);
}

Status PaperConfig::Validate() const {
  std::vector<std::string> problems;
  auto check = [&](bool ok, std::string_view field, std::string_view rule, double value) {
    if (!ok || !std::isfinite(value)) {
      problems.push_back(fmt::format("paper.{} must be {}, got {}", field, rule, value));
    }
  };
  if (account.empty()) problems.push_back("paper.account must not be empty");
  if (quote_currency.empty()) problems.push_back("paper.quote_currency must not be empty");
  check(starting_balance > 0, "starting_balance", "> 0", starting_balance);
  check(taker_fee >= 0 && taker_fee < 0.1, "taker_fee", "in [0, 0.1)", taker_fee);
  check(slippage >= 0 && slippage < 0.1, "slippage", "in [0, 0.1)", slippage);
  check(impact_coefficient >= 0, "impact_coefficient", ">= 0", impact_coefficient);
  check(max_impact >= 0 && max_impact < 0.5, "max_impact", "in [0, 0.5)", max_impact);
  check(max_position_fraction > 0 && max_position_fraction <= 1, "max_position_fraction",
        "in (0, 1]", max_position_fraction);
  check(max_total_exposure > 0 && max_total_exposure <= 10, "max_total_exposure", "in (0, 10]",
        max_total_exposure);
  check(max_volume_participation >= 0 && max_volume_participation <= 1, "max_volume_participation",
        "in [0, 1]", max_volume_participation);
  if (std::isfinite(max_position_fraction) && std::isfinite(max_total_exposure) &&
      max_position_fraction > max_total_exposure) {
    problems.push_back(
        fmt::format("paper.max_position_fraction ({}) must not exceed paper.max_total_exposure "
                    "({})",
                    max_position_fraction, max_total_exposure));
  }
  if (problems.empty()) return Status::Ok();
  return InvalidArgumentError("{}", fmt::join(problems, "; "));
}

}  // namespace pulse::paper
