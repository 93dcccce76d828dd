#include "app/paper_positions_section.h"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <vector>

#include <fmt/format.h>

#include "app/json_views.h"
#include "app/report_sections.h"
#include "app/table_printer.h"

namespace pulse::app {

nlohmann::ordered_json PaperPositionsJson(
    std::span<const analytics::PositionReconciliation> positions) {
  nlohmann::ordered_json out = nlohmann::ordered_json::array();
  using Steps = analytics::PositionReconciliation::Steps;
  for (const analytics::PositionReconciliation& p : positions) {
    // One of the signal's figures: null for a position without a signal outcome.
    const auto signal_figure = [&](double Steps::*figure) {
      return p.steps ? FigureToJson((*p.steps).*figure) : nlohmann::json(nullptr);
    };
    out.push_back({{"position", p.position_id},
                   {"signal_id", p.signal_id},
                   {"symbol", p.symbol},
                   {"direction", DirectionName(p.direction)},
                   {"opened", FormatIso8601(p.opened_at)},
                   {"closed", FormatIso8601(p.closed_at)},
                   {"exit_reason", p.exit_reason},
                   {"signal_size", signal_figure(&Steps::signal_size)},
                   {"quantity", FigureToJson(p.quantity)},
                   {"signal_entry", signal_figure(&Steps::signal_entry)},
                   {"entry_fill", FigureToJson(p.entry_fill)},
                   {"signal_exit", signal_figure(&Steps::signal_exit)},
                   {"exit_fill", FigureToJson(p.exit_fill)},
                   {"signals", signal_figure(&Steps::signals)},
                   {"size", signal_figure(&Steps::size)},
                   {"timing", signal_figure(&Steps::timing)},
                   {"slippage", signal_figure(&Steps::slippage)},
                   {"fees", signal_figure(&Steps::fees)},
                   {"paper", FigureToJson(p.paper)}});
  }
  return out;
}

std::string PaperPositionsText(const nlohmann::ordered_json& positions, std::size_t count) {
  // Indices of the positions with a signal outcome, furthest first.
  struct Apart {
    double distance;
    std::size_t index;
  };
  std::vector<Apart> apart;
  for (std::size_t i = 0; i < positions.size(); ++i) {
    const auto& p = positions[i];
    if (!p["signals"].is_number() || !p["paper"].is_number()) continue;
    apart.push_back({std::abs(p["paper"].get<double>() - p["signals"].get<double>()), i});
  }
  if (apart.empty() || count == 0) return "";
  const std::size_t matched = apart.size();
  const std::size_t shown = std::min(count, matched);
  std::stable_sort(apart.begin(), apart.end(),
                   [](const Apart& a, const Apart& b) { return a.distance > b.distance; });
  apart.resize(shown);
  std::sort(apart.begin(), apart.end(),
            [](const Apart& a, const Apart& b) { return a.index < b.index; });

  TablePrinter table({">position", ">signal", "symbol", "direction", "exit_reason", ">signals",
                      ">size", ">timing", ">slippage", ">fees", ">paper"});
  for (const Apart& a : apart) {
    const auto& p = positions[a.index];
    table.AddRow({FigureText(p["position"]), FigureText(p["signal_id"]),
                  p["symbol"].get<std::string>(), p["direction"].get<std::string>(),
                  p["exit_reason"].get<std::string>(), FigureText(p["signals"], "{:+.2f}"),
                  FigureText(p["size"], "{:+.2f}"), FigureText(p["timing"], "{:+.2f}"),
                  FigureText(p["slippage"], "{:+.2f}"), FigureText(p["fees"], "{:+.2f}"),
                  FigureText(p["paper"], "{:+.2f}")});
  }
  std::ostringstream out;
  out << fmt::format("paper positions furthest from their signals ({} of {}):\n", shown, matched);
  table.Print(out);
  return out.str();
}

}  // namespace pulse::app
