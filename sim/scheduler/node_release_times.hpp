// When each node is expected to be wholly free again, for fragmentation-aware placement
// (docs/models.md, section (e)): the latest expected end among the node-sharing jobs on it.
//
// A job smaller than a node strands the node's other PPUs for whole-node jobs until every job
// on it has ended. Putting a new small job on a node whose jobs end no earlier than it does
// costs nothing; putting it next to a job that ends soon keeps that node from coming free.
#pragma once

#include <set>
#include <vector>

namespace ppusim {

class NodeReleaseTimes {
 public:
  explicit NodeReleaseTimes(int nodes) : ends_(nodes) {}

  void add(int node, double end_s) { ends_[node].insert(end_s); }
  void remove(int node, double end_s);
  /// How much later the node would be wholly free if a job ending at end_s joined it:
  /// max(0, end_s − the latest expected end of its jobs); end_s itself for a node without any.
  double delay_if_added(int node, double end_s) const;

 private:
  std::vector<std::multiset<double>> ends_;
};

}  // namespace ppusim
