// The search of `ppusim plan`: the smallest integer value of one scenario field (nodes, say)
// in [low, high] whose runs meet every target. It assumes the targets are monotone in the
// field — a bigger cluster never queues longer — and bisects: the top of the range first (if
// it fails, nothing in the range can pass), then the bottom, then halving the gap between the
// largest failing and the smallest passing value. About log2(high − low) + 2 evaluations.
//
// And the choice of `ppusim plan cheapest`: of candidates already evaluated, the one that
// passes with the lowest cost.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

namespace ppusim {

struct PlanSearchResult {
  std::optional<std::int64_t> smallest_passing;
  std::vector<std::int64_t> tried;  // in the order evaluated
};

/// `passes(value)` evaluates one candidate (it runs simulations); each value is asked once.
PlanSearchResult find_smallest_passing(std::int64_t low, std::int64_t high,
                                       const std::function<bool(std::int64_t)>& passes);

/// One evaluated candidate: whether it met every target, and its cost (absent: no run had a value).
struct CostedCandidate {
  bool passes = false;
  std::optional<double> cost;
};

/// The index of the passing candidate with the lowest cost; on a tie the first listed. Passing
/// candidates without a cost cannot be ranked and are not chosen. Nothing when none qualifies.
std::optional<std::size_t> find_cheapest_passing(const std::vector<CostedCandidate>& candidates);

}  // namespace ppusim
