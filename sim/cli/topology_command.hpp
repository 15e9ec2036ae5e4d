// `ppusim topology`: the scenario's fat-tree as a physical network (switches, cables), analysed
// (docs/topologies.md). Prints a table, optionally writes the analysis as JSON.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <ostream>
#include <string>

#include "sim/cli/command_registry.hpp"
#include "topologies/topology_analysis.hpp"

namespace ppusim {

struct TopologyOptions {
  std::string scenario_path;
  std::optional<std::string> json_path;
  std::optional<int> switch_radix;         // ports per switch; default: the leaf switch's port count
  std::optional<double> switch_price_usd;  // per switch, any tier
  std::optional<double> optic_price_usd;   // per transceiver
};

nlohmann::json topology_analysis_json(const TopologyAnalysis& analysis);

/// The readable table of an analysis.
std::string format_topology_table(const TopologyAnalysis& analysis);

/// Loads the scenario, builds and analyses its network, prints the table, writes the JSON if
/// asked (atomically), returns the JSON. Throws InputError for bad input.
nlohmann::json analyse_topology_command(const TopologyOptions& options, std::ostream& out);

/// `topology`.
void add_topology_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
