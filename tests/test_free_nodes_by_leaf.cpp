#include <catch2/catch.hpp>
#include <vector>

#include "sim/scheduler/free_nodes_by_leaf.hpp"

using namespace ppusim;

namespace {
std::vector<int> free_in(const FreeNodesByLeaf& free, int leaf) {
  std::vector<int> nodes;
  for (int node : free.in_leaf(leaf)) nodes.push_back(node);
  return nodes;
}
}  // namespace

TEST_CASE("free nodes by leaf: ascending within a leaf, across 64-bit words", "[scheduler][pool]") {
  // 150 nodes in leaves of 70: leaf 0 is nodes 0-69 (bits of words 0 and 1), leaf 1 is 70-139,
  // leaf 2 the last 10 nodes, 140-149.
  FreeNodesByLeaf free(150, 70);
  for (int node : {69, 3, 64, 63, 0}) free.insert(node);
  for (int node : {70, 127, 128, 139}) free.insert(node);
  free.insert(149);
  free.insert(3);  // already free: counted once

  CHECK(free.count(0) == 5);
  CHECK(free.count(1) == 4);
  CHECK(free.count(2) == 1);
  CHECK(free_in(free, 0) == std::vector<int>{0, 3, 63, 64, 69});
  CHECK(free_in(free, 1) == std::vector<int>{70, 127, 128, 139});
  CHECK(free_in(free, 2) == std::vector<int>{149});

  free.erase(63);
  free.erase(64);
  free.erase(64);  // not free any more: nothing changes
  free.erase(149);
  CHECK(free.count(0) == 3);
  CHECK(free.count(2) == 0);
  CHECK(free_in(free, 0) == std::vector<int>{0, 3, 69});
  CHECK(free_in(free, 2).empty());
}
