// Fragmentation gradient descent (FGD) placement: Weng et al., "Beware of Fragmentation:
// Scheduling GPU-Sharing Workloads with Fragmentation Gradient Descent", USENIX ATC'23.
//
// The paper's measure. A node's fragmentation for a task m asking for D PPUs is the free PPU
// capacity on the node that m cannot use:
//   - m does not fit on the node:  F_n(m) = sum over the node's PPUs of their free part R_g;
//   - m fits:                      F_n(m) = sum of R_g over PPUs with R_g < min(D, 1)
// (a partly free PPU cannot serve a task of whole PPUs, nor a fraction larger than its room).
// The target workload M is a distribution of requests, each with its share p_m of the tasks
// (here: the job trace's PPU requests), and the node's expected fragmentation is
//   F_n(M) = sum_m p_m · F_n(m).
// FGD places a task on the node (and PPU) whose F_n(M) grows the least.
//
// In ppusim's allocation rule (resource_pool.hpp) a node holds f wholly free PPUs and a few
// shared PPUs, each with s_i free thousandths (0 < s_i < 1000), S = sum s_i / 1000 in PPUs.
// The measure then reads, per kind of request (derivation in docs/models.md (e)):
//   fraction of m' thousandths:    F = sum of s_i/1000 over shared PPUs with s_i < m'
//   q whole PPUs on one node:      F = S + (f < q ? f : 0)
//   whole nodes (a multi-node job, needing the node wholly free, f = P):
//                                  F = (f == P ? 0 : f + S)
// (the last is ppusim's reading of "does not fit" for gang-allocated multi-node jobs; the
// paper's tasks fit on one node). The changes a placement makes follow, and depend only on
// the free counts involved, not on which node: so a placement compares a few buckets of
// nodes, not every node.
#pragma once

#include <vector>

namespace ppusim {

/// The workload's distribution of PPU requests: FGD's target workload.
struct RequestMix {
  struct Request {
    int ppus = 1;
    int ppu_milli = 1000;  // < 1000: a fraction of one PPU
    double share = 0;      // of the jobs, summing to 1
  };
  std::vector<Request> requests;

  /// The mix of a list of (ppus, ppu_milli) requests, one per job; empty for no jobs.
  static RequestMix of(const std::vector<std::pair<int, int>>& job_requests);
};

class FragmentationGradient {
 public:
  FragmentationGradient(const RequestMix& mix, int ppus_per_node);

  /// A node's expected fragmentation F_n(M) (in PPUs) with `free_whole` wholly free PPUs and
  /// shared PPUs with these free thousandths.
  double fragmentation(int free_whole, const std::vector<int>& shared_free_milli) const;

  /// Growth of F_n(M) when `ppus` whole PPUs are taken on a node with `free_whole` free.
  double growth_taking_ppus(int free_whole, int ppus) const;
  /// Growth when `milli` thousandths are taken on an open shared PPU with `free_milli` free.
  double growth_sharing_open_ppu(int free_milli, int milli) const;
  /// Growth when a node with `free_whole` free PPUs opens a shared PPU and `milli` of it is taken.
  double growth_opening_shared_ppu(int free_whole, int milli) const;

 private:
  /// Fragmentation the whole-PPU and whole-node requests see in a node's f free PPUs, apart
  /// from the shared PPUs' room (which every such request counts, S).
  double stranded_whole(int free_whole) const;
  /// Fragmentation the fractional requests see in one shared PPU with `free_milli` free.
  double stranded_fraction(int free_milli) const;

  int ppus_per_node_;
  std::vector<std::pair<int, double>> whole_on_node_;  // (q PPUs, share), q <= ppus_per_node
  std::vector<std::pair<int, double>> fractions_;      // (m thousandths, share)
  double whole_nodes_share_ = 0;                       // multi-node requests
  double whole_share_ = 0;                             // whole_on_node_ plus whole_nodes_share_
};

}  // namespace ppusim
