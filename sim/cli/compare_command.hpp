// `ppusim compare`: several scenarios on the same workload and seed, side by side.
#pragma once

#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace ppusim {

struct CompareOptions {
  std::vector<std::string> scenario_paths;
  std::optional<std::string> workload_path;  // a trace replacing every scenario's workload
  std::optional<std::uint64_t> seed;         // replaces every scenario's seed
  std::string output_dir = "out/compare";
  bool quiet = false;
};

/// Simulates each scenario (each in a child process), writes compare.json, compare.csv and
/// each scenario's report.json into the output folder, prints the table. Throws InputError for
/// bad input.
void compare_scenarios(const CompareOptions& options, std::ostream& out);

}  // namespace ppusim
