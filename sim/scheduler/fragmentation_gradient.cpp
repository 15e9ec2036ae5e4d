#include "sim/scheduler/fragmentation_gradient.hpp"

#include <map>
#include <utility>

#include "sim/scheduler/fractional_ppus.hpp"

namespace ppusim {

RequestMix RequestMix::of(const std::vector<std::pair<int, int>>& job_requests) {
  std::map<std::pair<int, int>, long long> counts;
  for (const auto& [ppus, milli] : job_requests) {
    ++counts[milli < FractionalPpus::kWhole ? std::pair{1, milli} : std::pair{ppus, FractionalPpus::kWhole}];
  }
  RequestMix mix;
  for (const auto& [request, count] : counts) {
    mix.requests.push_back({request.first, request.second,
                            static_cast<double>(count) / static_cast<double>(job_requests.size())});
  }
  return mix;
}

FragmentationGradient::FragmentationGradient(const RequestMix& mix, int ppus_per_node)
    : ppus_per_node_(ppus_per_node) {
  for (const RequestMix::Request& request : mix.requests) {
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
