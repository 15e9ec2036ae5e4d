#include "sim/scheduler/fragmentation_gradient.hpp"

#include <algorithm>
#include <map>
#include <tuple>
#include <utility>

#include "sim/scheduler/fractional_ppus.hpp"

namespace ppusim {

RequestMix RequestMix::of(const std::vector<JobRequest>& job_requests) {
  // Keyed by (PPUs, thousandths, cores, bytes): a fraction is one PPU whatever the job says.
  std::map<std::tuple<int, int, double, double>, long long> counts;
  for (const JobRequest& job : job_requests) {
    const bool fraction = job.ppu_milli < FractionalPpus::kWhole;
    ++counts[{fraction ? 1 : job.ppus, fraction ? job.ppu_milli : FractionalPpus::kWhole, job.host.cpu_cores,
              job.host.memory_bytes}];
  }
  RequestMix mix;
  for (const auto& [request, count] : counts) {
    const auto& [ppus, milli, cores, bytes] = request;
    mix.requests.push_back(
        {ppus, milli, {cores, bytes}, static_cast<double>(count) / static_cast<double>(job_requests.size())});
  }
  return mix;
}

FragmentationGradient::FragmentationGradient(const RequestMix& mix, int ppus_per_node)
    : ppus_per_node_(ppus_per_node) {
  for (const RequestMix::Request& request : mix.requests) {
    NodeRequest on_node{NodeRequest::Kind::PpusOnNode, request.ppus, request.host, request.share};
    if (request.ppu_milli < FractionalPpus::kWhole) {
      on_node.kind = NodeRequest::Kind::Fraction;
      on_node.amount = request.ppu_milli;
    } else if (request.ppus > ppus_per_node) {
      on_node.kind = NodeRequest::Kind::WholeNodes;
      on_node.host_per_node = request.host.per_node((request.ppus - 1) / ppus_per_node + 1);
    }
    node_requests_.push_back(on_node);
    reads_hosts_ = reads_hosts_ || !request.host.empty();
    if (request.ppu_milli < FractionalPpus::kWhole) {
      fractions_.emplace_back(request.ppu_milli, request.share);
    } else if (request.ppus <= ppus_per_node) {
      whole_on_node_.emplace_back(request.ppus, request.share);
      whole_share_ += request.share;
    } else {
      whole_nodes_share_ += request.share;
      whole_share_ += request.share;
    }
  }
}

double FragmentationGradient::stranded_whole(int free_whole) const {
  double stranded = 0;
  for (const auto& [q, share] : whole_on_node_) {
    if (free_whole < q) stranded += share * free_whole;
  }
  if (free_whole < ppus_per_node_) stranded += whole_nodes_share_ * free_whole;
  return stranded;
}

double FragmentationGradient::stranded_fraction(int free_milli) const {
  double stranded = 0;
  for (const auto& [m, share] : fractions_) {
    if (free_milli < m) stranded += share * free_milli / 1000.0;
  }
  return stranded;
}

double FragmentationGradient::fragmentation(int free_whole, const std::vector<int>& shared_free_milli) const {
  // F = sum over requests of share × F_n(request), grouped: whole-PPU and whole-node requests
  // count the shared PPUs' room S and, when they do not fit, the free PPUs; fractions count
  // the shared PPUs too small for them.
  double shared_room = 0;
  double fraction_part = 0;
  for (int free_milli : shared_free_milli) {
    shared_room += free_milli / 1000.0;
    fraction_part += stranded_fraction(free_milli);
  }
  return whole_share_ * shared_room + stranded_whole(free_whole) + fraction_part;
}

double FragmentationGradient::fragmentation_with_host(int free_whole,
                                                      const std::vector<int>& shared_free_milli,
                                                      const HostRequest& host_free,
                                                      const HostResources& hosts) const {
  // F = sum over requests of share × F_n(request), each read from its definition: the PPUs it
  // cannot use when it fits the node (PPUs and host), every free PPU when it does not.
  double shared_room = 0;
  for (int free_milli : shared_free_milli) shared_room += free_milli / 1000.0;
  const double all_free = free_whole + shared_room;
  double fragmentation = 0;
  for (const NodeRequest& request : node_requests_) {
    bool fits_ppus = false;
    double cannot_use = shared_room;  // partly free PPUs serve no request of whole PPUs
    switch (request.kind) {
      case NodeRequest::Kind::Fraction:
        cannot_use = 0;
        for (int free_milli : shared_free_milli) {
          if (free_milli < request.amount) cannot_use += free_milli / 1000.0;
          fits_ppus = fits_ppus || free_milli >= request.amount;
        }
        fits_ppus = fits_ppus || free_whole >= 1;
        break;
      case NodeRequest::Kind::PpusOnNode:
        fits_ppus = free_whole >= request.amount;
        break;
      case NodeRequest::Kind::WholeNodes:
        fits_ppus = free_whole == ppus_per_node_;
        break;
    }
    const bool fits = fits_ppus && hosts.holds(host_free, request.host_per_node);
    fragmentation += request.share * (fits ? cannot_use : all_free);
  }
  return fragmentation;
}

double FragmentationGradient::growth_taking_ppus(int free_whole, int ppus) const {
  return stranded_whole(free_whole - ppus) - stranded_whole(free_whole);
}

double FragmentationGradient::growth_sharing_open_ppu(int free_milli, int milli) const {
  return stranded_fraction(free_milli - milli) - stranded_fraction(free_milli) -
         whole_share_ * milli / 1000.0;
}

double FragmentationGradient::growth_opening_shared_ppu(int free_whole, int milli) const {
  const int room = FractionalPpus::kWhole - milli;
  return stranded_fraction(room) + whole_share_ * room / 1000.0 + stranded_whole(free_whole - 1) -
         stranded_whole(free_whole);
}

}  // namespace ppusim
