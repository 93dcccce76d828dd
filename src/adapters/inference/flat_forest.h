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
  // itself, reads the always-zero column and compares it against +infinity, so extra steps
  // past a leaf stay on it: every row takes the same number of steps per tree.
  struct Node {
    std::uint32_t column;     // offset of the feature's column in the block (feature * 16)
    float threshold;          // go right when value >= threshold
    std::uint32_t left;       // byte offset of the left child in nodes_ (a leaf: its own)
    std::uint32_t nan_right;  // 1: a missing value goes right; 0: left
  };

  template <std::size_t kRows, std::size_t kTrees>
  void EvaluateTrees(const float* block, std::size_t first_tree, float* margins) const;
  template <std::size_t kRows>
  void EvaluateBlock(const double* rows, float* margins);

  std::vector<Node> nodes_;
  std::vector<float> values_;         // per node: a leaf's output, 0 for splits
  std::vector<std::uint32_t> roots_;  // byte offsets in nodes_
  std::vector<std::uint8_t> depths_;  // steps from the root to the deepest leaf, per tree
  std::size_t features_ = 0;
  float base_margin_ = 0;
  // Up to kBlockRows rows converted to float, column-major: value c of row r at
  // c * kBlockRows + r; then the zero column.
  std::vector<float> scratch_;
};

}  // namespace pulse::inference
