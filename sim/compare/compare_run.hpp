// The pipeline of `ppusim compare`: load and check every scenario, run each on the same jobs in
// a child process of its own, read the reports back into typed Reports, compare them, and write
// each scenario's report.json and compare.json, compare.csv and compare.html as a set. The
// command line (sim/cli/compare_command.cpp) only parses its arguments, calls this and prints.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sim/compare/scenario_comparison.hpp"

namespace ppusim {

struct CompareRequest {
  std::vector<std::string> scenario_paths;
  std::optional<std::string> workload_path;  // a trace replacing every scenario's workload
  std::optional<std::uint64_t> seed;         // replaces every scenario's seed
  std::string output_dir = "out/compare";
};

/// Where a comparison's files went.
struct CompareFiles {
  std::string json;  // compare.json
  std::string csv;   // compare.csv
  std::string html;  // compare.html
};

CompareFiles compare_files(const CompareRequest& request);

/// Simulates each scenario (each in a child process) on the first scenario's jobs (or the
/// request's workload), writes every output, and returns the comparison. `before_run(i)` is
/// called before scenario i is simulated (progress). Throws InputError for bad input, before
/// anything runs when a scenario is bad.
Comparison run_comparison(const CompareRequest& request, const std::function<void(std::size_t)>& before_run);

}  // namespace ppusim
