#include "adapters/inference/flat_forest.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

namespace pulse::inference {
namespace {

// One node waiting for its place in the flat array: its index in the tree's own arrays, the
// flat index reserved for it, and its depth.
struct Pending {
  std::int32_t node;
  std::uint32_t flat;
  int depth;
};

}  // namespace

Result<FlatForest> FlatForest::Build(std::span<const ForestTree> trees, std::size_t features,
                                     float base_margin) {
  if (features >= kMissingRight) {
    return InvalidArgumentError("a forest over {} features is too wide", features);
  }
  FlatForest forest;
  forest.features_ = features;
  forest.stride_ = features + 1;
  forest.base_margin_ = base_margin;
  forest.scratch_.assign(kBlockRows * forest.stride_, 0.0f);
  const auto zero_column = static_cast<std::uint32_t>(features);

  std::vector<Pending> queue;
  std::vector<std::uint8_t> seen;
  for (std::size_t t = 0; t < trees.size(); ++t) {
    const ForestTree& tree = trees[t];
    const std::size_t n = tree.left.size();
    if (n == 0 || tree.right.size() != n || tree.feature.size() != n ||
        tree.threshold.size() != n || tree.value.size() != n || tree.default_left.size() != n) {
      return InvalidArgumentError("tree {}: node arrays are empty or of different lengths", t);
    }
    const auto root = static_cast<std::uint32_t>(forest.nodes_.size());
    forest.roots_.push_back(root);
    forest.nodes_.emplace_back();
    seen.assign(n, 0);
    queue.assign(1, Pending{0, root, 0});
    int depth = 0;
    // Breadth first: each split's two children get consecutive flat indices.
    for (std::size_t q = 0; q < queue.size(); ++q) {
      const Pending p = queue[q];
      const auto i = static_cast<std::size_t>(p.node);
      if (seen[i] != 0) {
        return InvalidArgumentError("tree {}: node {} is reached twice", t, p.node);
      }
      seen[i] = 1;
      depth = std::max(depth, p.depth);
      Node& out = forest.nodes_[p.flat];
      if (tree.left[i] == -1 && tree.right[i] == -1) {
        out = Node{zero_column, std::numeric_limits<float>::infinity(), p.flat, tree.value[i]};
        continue;
      }
      for (const std::int32_t child : {tree.left[i], tree.right[i]}) {
        if (child <= 0 || static_cast<std::size_t>(child) >= n) {
          return InvalidArgumentError("tree {}: node {} has child {} outside 1..{}", t, p.node,
                                      child, n - 1);
        }
      }
      if (tree.feature[i] < 0 || static_cast<std::size_t>(tree.feature[i]) >= features) {
        return InvalidArgumentError("tree {}: node {} splits on feature {} of {}", t, p.node,
                                    tree.feature[i], features);
      }
      if (std::isnan(tree.threshold[i])) {
        return InvalidArgumentError("tree {}: node {} has a NaN threshold", t, p.node);
      }
      if (p.depth + 1 > kMaxDepth) {
        return InvalidArgumentError("tree {} is deeper than {} levels", t, kMaxDepth);
      }
      const auto left = static_cast<std::uint32_t>(forest.nodes_.size());
      std::uint32_t column = static_cast<std::uint32_t>(tree.feature[i]);
      if (tree.default_left[i] == 0) column |= kMissingRight;
      out = Node{column, tree.threshold[i], left, 0.0f};
      forest.nodes_.emplace_back();  // `out` is not used after these
      forest.nodes_.emplace_back();
      queue.push_back(Pending{tree.left[i], left, p.depth + 1});
      queue.push_back(Pending{tree.right[i], left + 1, p.depth + 1});
    }
    forest.depths_.push_back(static_cast<std::uint8_t>(depth));
  }
  return forest;
}

// kRows rows (converted to float in `block`, stride_ apart) through trees first_tree ..
// first_tree + kTrees - 1, all row-tree pairs stepping together one level at a time (they are
// independent, so the loads of one overlap the others'). Leaf values are then added to each
// row's margin in tree order.
template <std::size_t kRows, std::size_t kTrees>
void FlatForest::EvaluateTrees(const float* block, std::size_t first_tree, float* margins) const {
  constexpr std::size_t kLanes = kRows * kTrees;
  std::uint32_t at[kLanes];
  int depth = 0;
  for (std::size_t t = 0; t < kTrees; ++t) {
    depth = std::max<int>(depth, depths_[first_tree + t]);
    for (std::size_t r = 0; r < kRows; ++r) at[t * kRows + r] = roots_[first_tree + t];
  }
  const Node* nodes = nodes_.data();
  for (int level = 0; level < depth; ++level) {
    for (std::size_t lane = 0; lane < kLanes; ++lane) {
      const Node& node = nodes[at[lane]];
      const float x = block[(lane % kRows) * stride_ + (node.feature & ~kMissingRight)];
      // x >= threshold is false for NaN: a missing value goes right only when the node says so.
      const std::uint32_t right =
          static_cast<std::uint32_t>(x >= node.threshold) |
          (static_cast<std::uint32_t>(std::isnan(x)) & (node.feature >> 31));
      at[lane] = node.left + right;
    }
  }
  for (std::size_t r = 0; r < kRows; ++r) {
    float margin = margins[r];
    for (std::size_t t = 0; t < kTrees; ++t) margin += nodes[at[t * kRows + r]].value;
    margins[r] = margin;
  }
}

// kRows rows: converted to float once, then through every tree. Few rows leave lanes idle, so
// they go through several trees at a time (kRows * trees-at-a-time = kBlockRows lanes).
template <std::size_t kRows>
void FlatForest::EvaluateBlock(const double* rows, float* margins) {
  float* block = scratch_.data();
  for (std::size_t r = 0; r < kRows; ++r) {
    const double* row = rows + r * features_;
    float* out = block + r * stride_;
    for (std::size_t c = 0; c < features_; ++c) out[c] = static_cast<float>(row[c]);
    out[features_] = 0.0f;
    margins[r] = base_margin_;
  }
  constexpr std::size_t kTrees = kBlockRows / kRows;
  const std::size_t trees = roots_.size();
  std::size_t t = 0;
  for (; t + kTrees <= trees; t += kTrees) EvaluateTrees<kRows, kTrees>(block, t, margins);
  for (; t < trees; ++t) EvaluateTrees<kRows, 1>(block, t, margins);
}

void FlatForest::Evaluate(std::span<const double> rows, std::span<float> margins) {
  const std::size_t count = margins.size();
  const double* data = rows.data();
  std::size_t r = 0;
  for (; r + kBlockRows <= count; r += kBlockRows) {
    EvaluateBlock<kBlockRows>(data + r * features_, &margins[r]);
  }
  if (count - r >= 8) {
    EvaluateBlock<8>(data + r * features_, &margins[r]);
    r += 8;
  }
  if (count - r >= 4) {
    EvaluateBlock<4>(data + r * features_, &margins[r]);
    r += 4;
  }
  if (count - r >= 2) {
    EvaluateBlock<2>(data + r * features_, &margins[r]);
    r += 2;
  }
  if (count - r >= 1) EvaluateBlock<1>(data + r * features_, &margins[r]);
}

}  // namespace pulse::inference
