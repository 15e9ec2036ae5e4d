// The wholly free nodes of each leaf group, one bit per node. A leaf group's nodes are numbered
// contiguously (topologies/topology_layout.hpp), so its free nodes are the set bits of one
// range of a bit vector, visited in ascending node order.
//
// Why not a std::set<int> per leaf, as before: every node a whole-node job takes or gives back
// was a tree node freed or allocated. Month-scale runs, whose large jobs hold hundreds of nodes,
// spent 6 % of their instructions there (docs/performance.md, "Month-scale profile"); a bit
// flip costs a few instructions and no allocation.
#pragma once

#include <cstdint>
#include <vector>

namespace ppusim {

class FreeNodesByLeaf {
 public:
  /// Ascending over the free nodes of one node range [node, end).
  class Iterator {
   public:
    Iterator(const FreeNodesByLeaf* set, int node, int end) : set_(set), node_(node), end_(end) {}
    int operator*() const { return node_; }
    Iterator& operator++() {
      node_ = set_->next_free(node_ + 1, end_);
      return *this;
    }
    Iterator operator++(int) {
      Iterator before = *this;
      ++*this;
      return before;
    }
    bool operator==(const Iterator& other) const { return node_ == other.node_; }

   private:
    const FreeNodesByLeaf* set_;
    int node_;
    int end_;
  };
  /// One leaf group's free nodes, for range-for.
  struct Range {
    Iterator first;
    Iterator last;
    Iterator begin() const { return first; }
    Iterator end() const { return last; }
  };

  /// `nodes` nodes in leaf groups of `nodes_per_leaf` (the last one may be smaller), none free.
  FreeNodesByLeaf(int nodes, int nodes_per_leaf);

  void insert(int node);
  void erase(int node);
  int count(int leaf) const { return count_[leaf]; }
  Range in_leaf(int leaf) const;

 private:
  /// The first free node in [from, end), or `end` when there is none.
  int next_free(int from, int end) const;

  int nodes_;
  int nodes_per_leaf_;
  std::vector<std::uint64_t> words_;  // bit (node % 64) of word (node / 64): the node is free
  std::vector<int> count_;            // free nodes per leaf group
};

}  // namespace ppusim
