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
  if (features >= (std::uint32_t{1} << 26)) {
    return InvalidArgumentError("a forest over {} features is too wide", features);
  }
  FlatForest forest;
  forest.features_ = features;
  forest.base_margin_ = base_margin;
  forest.scratch_.assign(kBlockRows * (features + 1), 0.0f);
  const auto zero_column = static_cast<std::uint32_t>(features * kBlockRows);
  const auto offset = [](std::size_t index) {
    return static_cast<std::uint32_t>(index * sizeof(Node));
  };

  std::vector<Pending> queue;
  std::vector<std::uint8_t> seen;
  for (std::size_t t = 0; t < trees.size(); ++t) {
    const ForestTree& tree = trees[t];
    const std::size_t n = tree.left.size();
    if (n == 0 || tree.right.size() != n || tree.feature.size() != n ||
        tree.threshold.size() != n || tree.value.size() != n || tree.default_left.size() != n) {
      return InvalidArgumentError("tree {}: node arrays are empty or of different lengths", t);
    }
    if (forest.nodes_.size() + n >= (std::size_t{1} << 27)) {
      return InvalidArgumentError("tree {}: more than {} nodes in the forest", t,
                                  std::size_t{1} << 27);
    }
    const auto root = static_cast<std::uint32_t>(forest.nodes_.size());
    forest.roots_.push_back(offset(root));
    forest.nodes_.emplace_back();
    forest.values_.push_back(0.0f);
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
      if (tree.left[i] == -1 && tree.right[i] == -1) {
        forest.nodes_[p.flat] =
            Node{zero_column, std::numeric_limits<float>::infinity(), offset(p.flat), 0};
        forest.values_[p.flat] = tree.value[i];
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
      const auto column = static_cast<std::uint32_t>(tree.feature[i]) * kBlockRows;
      forest.nodes_[p.flat] = Node{static_cast<std::uint32_t>(column), tree.threshold[i],
                                   offset(left), tree.default_left[i] == 0 ? 1u : 0u};
      forest.nodes_.resize(forest.nodes_.size() + 2);
      forest.values_.resize(forest.values_.size() + 2, 0.0f);
      queue.push_back(Pending{tree.left[i], left, p.depth + 1});
      queue.push_back(Pending{tree.right[i], left + 1, p.depth + 1});
    }
    forest.depths_.push_back(static_cast<std::uint8_t>(depth));
  }
  return forest;
}

// kRows rows (converted to float in `block`, column-major) through trees first_tree ..
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
  const auto* nodes = reinterpret_cast<const unsigned char*>(nodes_.data());
  for (int level = 0; level < depth; ++level) {
    for (std::size_t lane = 0; lane < kLanes; ++lane) {
      const Node& node = *reinterpret_cast<const Node*>(nodes + at[lane]);
      const float x = block[node.column + lane % kRows];
      // x >= threshold is false for NaN: a missing value goes right only when the node says so.
      const std::uint32_t right = static_cast<std::uint32_t>(x >= node.threshold) |
                                  (static_cast<std::uint32_t>(std::isnan(x)) & node.nan_right);
      at[lane] = node.left + right * static_cast<std::uint32_t>(sizeof(Node));
    }
  }
  const float* values = values_.data();
  for (std::size_t r = 0; r < kRows; ++r) {
    float margin = margins[r];
    for (std::size_t t = 0; t < kTrees; ++t) margin += values[at[t * kRows + r] / sizeof(Node)];
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
    for (std::size_t c = 0; c < features_; ++c) {
      block[c * kBlockRows + r] = static_cast<float>(row[c]);
    }
    margins[r] = base_margin_;
  }
  constexpr std::size_t kTrees = kBlockRows / kRows;
  const std::size_t trees = roots_.size();
  std::size_t t = 0;
  for (; t + kTrees <= trees; t += kTrees) EvaluateTrees<kRows, kTrees>(block, t, margins);
  // The last few trees in halving groups, so that a single row's last trees still overlap.
  if constexpr (kTrees >= 16) {
    if (trees - t >= 8) EvaluateTrees<kRows, 8>(block, std::exchange(t, t + 8), margins);
  }
  if constexpr (kTrees >= 8) {
    if (trees - t >= 4) EvaluateTrees<kRows, 4>(block, std::exchange(t, t + 4), margins);
  }
  if constexpr (kTrees >= 4) {
    if (trees - t >= 2) EvaluateTrees<kRows, 2>(block, std::exchange(t, t + 2), margins);
  }
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
