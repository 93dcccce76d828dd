// FlatForest: a compiled ensemble of binary decision trees (the kind XGBoost's gbtree grows),
// laid out as one flat node array and evaluated on blocks of rows without allocating. Knows
// nothing about XGBoost's file formats: xgboost_forest.h builds it from a booster.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "core/status.h"

namespace pulse::inference {

// One tree as parallel per-node arrays, node 0 the root. A leaf has left == right == -1 and its
// output in `value`; a split sends a row left when `row[feature] < threshold` (compared in
// single precision), and a missing (NaN) value to the left child when default_left is set.
// Nodes not reachable from the root (deleted nodes) are ignored.
struct ForestTree {
  std::vector<std::int32_t> left;
  std::vector<std::int32_t> right;
  std::vector<std::int32_t> feature;
  std::vector<float> threshold;  // splits only
  std::vector<float> value;      // leaves only
  std::vector<std::uint8_t> default_left;
};

// The trees of one additive model: margin = base_margin + tree 0 + tree 1 + ..., summed in
// single precision in tree order (XGBoost's order, so the sums agree bit for bit).
// Lifecycle: built once by Build, then evaluated any number of times.
// Threading: Evaluate uses a scratch buffer inside the object: one thread at a time.
class FlatForest {
 public:
  // Rows per block; a block's rows go through one tree (or a few trees for small blocks)
  // together so that the tree's nodes are read while they are in cache.
  static constexpr std::size_t kBlockRows = 16;
  // Deeper trees are refused (XGBoost's max_depth rarely exceeds 20).
  static constexpr int kMaxDepth = 64;

  FlatForest() = default;

  // Compiles `trees` for rows of `features` values. InvalidArgument naming the tree and node
  // for a child index out of range, a node reached twice (a cycle or shared child), a feature
  // index >= features, a NaN threshold, or a tree deeper than kMaxDepth.
  static Result<FlatForest> Build(std::span<const ForestTree> trees, std::size_t features,
                                  float base_margin);

  std::size_t features() const { return features_; }
  std::size_t tree_count() const { return roots_.size(); }
  std::size_t node_count() const { return nodes_.size(); }
  float base_margin() const { return base_margin_; }

  // Margins of rows.size() / features() row-major rows (doubles, NaN = missing; each value is
  // rounded to float before it is compared) into `margins`, one per row. The caller checks the
  // sizes. Allocates nothing.
  void Evaluate(std::span<const double> rows, std::span<float> margins);

 private:
  // A node of the flat array. A split's children sit at left and left + 1. A leaf points to
  // itself, reads the always-zero column `features` and compares it against +infinity, so
  // extra steps past a leaf stay on it: every row takes the same number of steps per tree.
  struct Node {
    std::uint32_t feature;  // column; high bit set: a missing value goes right
    float threshold;        // go right when value >= threshold
    std::uint32_t left;     // index of the left child (a leaf: itself)
    float value;            // a leaf's output (0 for splits)
  };
  static constexpr std::uint32_t kMissingRight = 0x80000000u;

  template <std::size_t kRows, std::size_t kTrees>
  void EvaluateTrees(const float* block, std::size_t first_tree, float* margins) const;
  template <std::size_t kRows>
  void EvaluateBlock(const double* rows, float* margins);

  std::vector<Node> nodes_;
  std::vector<std::uint32_t> roots_;
  std::vector<std::uint8_t> depths_;  // steps from the root to the deepest leaf, per tree
  std::size_t features_ = 0;
  std::size_t stride_ = 0;  // floats per row in scratch_: features + the zero column
  float base_margin_ = 0;
  std::vector<float> scratch_;  // kBlockRows rows converted to float
};

}  // namespace pulse::inference
