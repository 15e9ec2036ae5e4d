// `ppusim plan cheapest SPEC.json` (docs/sweeps.md): runs every candidate configuration of the
// spec (cheapest_spec.hpp) with every seed, judges each on the plan's targets, and answers
// with the cheapest that meets them all, printing the evidence for every candidate.
#pragma once

#include <optional>
#include <ostream>
#include <string>

namespace ppusim {

struct CheapestOptions {
  std::string spec_path;
  int parallel = 1;
  std::optional<std::string> output_dir;  // default: out/plan-<spec file stem>
  bool quiet = false;
};

/// Prints the evidence table and the answer, writes OUTPUT/plan.json. Returns 0 when a
/// candidate meets every target, 1 when none does; InputError (exit 2) for bad input, before
/// any run.
int plan_cheapest(const CheapestOptions& options, std::ostream& out, std::ostream& err);

}  // namespace ppusim
