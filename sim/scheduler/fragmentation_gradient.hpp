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
//
// Hosts. The paper's "m does not fit" also reads the node's CPU (its simulator classes each
// typical pod by CPU and GPU: a pod that lacks CPU counts every free GPU as fragment), so a
// CPU-heavy task placed where it leaves too few cores for the tasks to come strands the node's
// PPUs. When the pool models hosts (host_resources.hpp) and the mix asks for CPU or memory,
// `fragmentation_with_host` reads each request's fit against the node's free cores and memory
// as well, and the measure depends on the node, not only its free counts.
#pragma once

#include <vector>

#include "sim/scheduler/host_resources.hpp"

namespace ppusim {

/// One job's request, as FGD's target workload counts it.
struct JobRequest {
  int ppus = 1;
  int ppu_milli = 1000;  // < 1000: a fraction of one PPU
  HostRequest host;      // for the whole job
};

/// The workload's distribution of requests: FGD's target workload.
struct RequestMix {
  struct Request {
    int ppus = 1;
    int ppu_milli = 1000;  // < 1000: a fraction of one PPU
    HostRequest host;      // for the whole job
    double share = 0;      // of the jobs, summing to 1
  };
  std::vector<Request> requests;

  /// The mix of a list of requests, one per job; empty for no jobs.
  static RequestMix of(const std::vector<JobRequest>& job_requests);
};

class FragmentationGradient {
 public:
  FragmentationGradient(const RequestMix& mix, int ppus_per_node);

  /// A node's expected fragmentation F_n(M) (in PPUs) with `free_whole` wholly free PPUs and
  /// shared PPUs with these free thousandths, its host not limiting.
  double fragmentation(int free_whole, const std::vector<int>& shared_free_milli) const;
  /// The same when the node's host has `host_free` left in a pool whose hosts are `hosts`: a
  /// request the host cannot hold does not fit, and every free PPU is fragment to it.
  double fragmentation_with_host(int free_whole, const std::vector<int>& shared_free_milli,
                                 const HostRequest& host_free, const HostResources& hosts) const;
  /// Whether any request asks for CPU cores or memory: only then can a host change the measure.
  bool reads_hosts() const { return reads_hosts_; }

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

  /// One request as the host-aware measure reads it: its host request per node it lands on.
  struct NodeRequest {
    enum class Kind { Fraction, PpusOnNode, WholeNodes } kind = Kind::PpusOnNode;
    int amount = 1;  // thousandths for a fraction, PPUs for PpusOnNode, unused for WholeNodes
    HostRequest host_per_node;
    double share = 0;
  };

  int ppus_per_node_;
  std::vector<NodeRequest> node_requests_;
  bool reads_hosts_ = false;
  std::vector<std::pair<int, double>> whole_on_node_;  // (q PPUs, share), q <= ppus_per_node
  std::vector<std::pair<int, double>> fractions_;      // (m thousandths, share)
  double whole_nodes_share_ = 0;                       // multi-node requests
  double whole_share_ = 0;                             // whole_on_node_ plus whole_nodes_share_
};

}  // namespace ppusim
