#include "sim/scheduler/free_nodes_by_leaf.hpp"

#include <algorithm>
#include <bit>

namespace ppusim {

namespace {
constexpr int kBits = 64;
}  // namespace

FreeNodesByLeaf::FreeNodesByLeaf(int nodes, int nodes_per_leaf)
    : nodes_(nodes),
      nodes_per_leaf_(nodes_per_leaf),
      words_((static_cast<std::size_t>(nodes) + kBits - 1) / kBits, 0),
      count_(nodes_per_leaf > 0 ? (nodes + nodes_per_leaf - 1) / nodes_per_leaf : 0, 0) {}

void FreeNodesByLeaf::insert(int node) {
  std::uint64_t& word = words_[node / kBits];
  const std::uint64_t bit = std::uint64_t{1} << (node % kBits);
  if (word & bit) return;
  word |= bit;
  ++count_[node / nodes_per_leaf_];
}

void FreeNodesByLeaf::erase(int node) {
  std::uint64_t& word = words_[node / kBits];
  const std::uint64_t bit = std::uint64_t{1} << (node % kBits);
  if (!(word & bit)) return;
  word &= ~bit;
  --count_[node / nodes_per_leaf_];
}

FreeNodesByLeaf::Range FreeNodesByLeaf::in_leaf(int leaf) const {
  const int first = leaf * nodes_per_leaf_;
  const int end = std::min(nodes_, first + nodes_per_leaf_);
  return {Iterator(this, next_free(first, end), end), Iterator(this, end, end)};
}

int FreeNodesByLeaf::next_free(int from, int end) const {
  if (from >= end) return end;
  std::size_t index = static_cast<std::size_t>(from) / kBits;
  // The first word without the bits below `from`; then whole words.
  std::uint64_t word = words_[index] & (~std::uint64_t{0} << (from % kBits));
  while (true) {
    if (word != 0) {
      const int node = static_cast<int>(index) * kBits + std::countr_zero(word);
      return std::min(node, end);
    }
    ++index;
    if (static_cast<int>(index) * kBits >= end) return end;
    word = words_[index];
  }
}

}  // namespace ppusim
