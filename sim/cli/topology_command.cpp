#include "sim/cli/topology_command.hpp"

#include <algorithm>
#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "sim/cli/commands.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/economics/storage_cost.hpp"
#include "topologies/scenario_topology_analysis.hpp"

namespace ppusim {

namespace {

std::string format(const char* pattern, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, pattern, value);
  return buffer;
}

/// Bytes/s as bits/s, the unit network capacities are quoted in.
std::string bandwidth(double bytes_per_s) {
  const double bits = 8 * bytes_per_s;
  if (bits >= 1e15) return format("%.4g Pb/s", bits / 1e15);
  if (bits >= 1e12) return format("%.4g Tb/s", bits / 1e12);
  return format("%.4g Gb/s", bits / 1e9);
}

std::string usd(double value) {
  if (value >= 1e6) return format("$%.4gM", value / 1e6);
  return format("$%.0f", value);
}

}  // namespace

nlohmann::json topology_analysis_json(const TopologyAnalysis& a) {
  nlohmann::json tiers = nlohmann::json::array();
  for (const TierSummary& t : a.link_tiers) {
    tiers.push_back({{"tier", t.name}, {"links", t.links}, {"capacity_bytes_per_s", t.capacity_bytes_per_s}});
  }
  nlohmann::json failures = nlohmann::json::array();
  for (const FailureImpact& f : a.failures) {
    failures.push_back({{"element", f.element},
                        {"instance", f.which},
                        {"nodes_disconnected", f.nodes_disconnected},
                        {"nodes_degraded", f.nodes_degraded},
                        {"capacity_lost_fraction", f.capacity_lost_fraction},
                        {"capacity_scope", f.capacity_scope}});
  }
  nlohmann::json j = {
      {"kind", a.kind},
      {"planes", a.planes},
      {"tiers", a.tiers},
      {"nodes", a.nodes},
      {"ppus", a.ppus},
      {"leaf_groups", a.leaf_groups},
      {"pods", a.pods},
      {"switch_radix", a.switch_radix},
      {"switch_radix_source", a.routers > 0     ? "router port count"
                              : a.radix_derived ? "leaf switch port count"
                                                : "scenario switch_radix or --switch-radix"},
      {"max_switch_ports_used", a.max_switch_ports_used},
      {"switches",
       {{"leaf", a.leaf_switches},
        {"spine", a.spine_switches},
        {"core", a.core_switches},
        {"router", a.routers},
        {"spines_per_pod", a.spines_per_pod},
        {"total", a.switches}}},
      {"link_tiers", tiers},
      {"cables", a.cables},
      {"transceivers", a.transceivers},
      {"oversubscription", {{"leaf", a.leaf_oversubscription}, {"pod", a.pod_oversubscription}}},
      {"bisection_bytes_per_s", a.bisection_bytes_per_s},
      {"bisection_per_ppu_bytes_per_s", a.bisection_per_ppu_bytes_per_s},
      {"hops",
       {{"diameter", a.hops.diameter},
        {"average", a.hops.average},
        {"sources", a.hops.sources},
        {"method", a.hops.exact ? "exact" : "sampled"}}},
      {"path_diversity",
       {{"from_node", a.path_diversity.from_node},
        {"to_node", a.path_diversity.to_node},
        {"relation", a.path_diversity.relation},
        {"hops", a.path_diversity.hops},
        {"shortest_paths", a.path_diversity.shortest_paths}}},
      {"single_failures", failures},
  };
  if (a.capex) {
    j["capex"] = {{"switch_price_usd", a.capex->switch_price_usd},
                  {"optic_price_usd", a.capex->optic_price_usd},
                  {"switches_usd", a.capex->switches_usd},
                  {"optics_usd", a.capex->optics_usd},
                  {"total_usd", a.capex->total_usd},
                  {"per_ppu_usd", a.capex->per_ppu_usd}};
  }
  return j;
}

std::string format_topology_table(const TopologyAnalysis& a) {
  std::ostringstream out;
  out << a.kind;
  if (a.routers > 0) {
    out << ": " << a.nodes << " nodes (" << a.ppus << " PPUs), " << a.leaf_groups << " leaf groups ("
        << (a.kind == "torus" ? "X-lines" : "routers") << "), " << a.pods << " pods ("
        << (a.kind == "torus" ? "XY-planes" : "groups") << ")\n";
    out << "  routers         " << a.routers << ", " << a.switch_radix
        << " fabric and node ports each at most\n";
  } else {
    out << (a.planes > 1 ? ", " + std::to_string(a.planes) + " planes" : std::string()) << ", " << a.tiers
        << " tiers: " << a.nodes << " nodes (" << a.ppus << " PPUs), " << a.leaf_groups
        << (a.kind == "rail-optimized" ? " segments, " : " leaf groups, ") << a.pods << " pods\n";
  }
  if (a.routers == 0)
    out << "  switches        " << a.switches << " = " << a.leaf_switches << " leaf + " << a.spine_switches
        << " spine (" << a.spines_per_pod << "/pod) + " << a.core_switches << " core; radix "
        << a.switch_radix << (a.radix_derived ? " (leaf port count)" : "") << ", busiest uses "
        << a.max_switch_ports_used << "\n";
  if (a.max_switch_ports_used > a.switch_radix) {
    out << "  warning         a switch needs more ports than the radix\n";
  }
  for (const TierSummary& t : a.link_tiers) {
    out << "  links " << t.name
        << std::string(std::max<std::size_t>(1, 11 - std::min<std::size_t>(11, t.name.size())), ' ')
        << t.links << " cables, " << bandwidth(t.capacity_bytes_per_s) << "\n";
  }
  out << "  cables/optics   " << a.cables << " cables, " << a.transceivers << " transceivers\n";
  if (a.kind == "dragonfly") {
    out << "  oversubscription router " << format("%.3g", a.leaf_oversubscription) << ":1, group "
        << format("%.3g", a.pod_oversubscription) << ":1 (nodes : global links)\n";
  } else if (a.kind != "torus") {
    out << "  oversubscription leaf " << format("%.3g", a.leaf_oversubscription) << ":1";
    if (a.tiers == 3) out << ", pod " << format("%.3g", a.pod_oversubscription) << ":1";
    out << "\n";
  }
  out << "  bisection       " << bandwidth(a.bisection_bytes_per_s) << ", "
      << bandwidth(a.bisection_per_ppu_bytes_per_s) << " per PPU\n";
  out << "  hops node-node  diameter " << a.hops.diameter << ", average " << format("%.3f", a.hops.average)
      << " (" << (a.hops.exact ? "exact, " : "sampled, ") << a.hops.sources << " sources)\n";
  out << "  path diversity  " << format("%.6g", a.path_diversity.shortest_paths) << " shortest paths of "
      << a.path_diversity.hops << " hops, node " << a.path_diversity.from_node << " to node "
      << a.path_diversity.to_node << " (" << a.path_diversity.relation << ")\n";
  out << "  single failures\n";
  for (const FailureImpact& f : a.failures) {
    out << "    " << f.element << " (" << f.which << "): " << f.nodes_disconnected << " nodes disconnected, "
        << f.nodes_degraded << " degraded, " << format("%.4g", 100 * f.capacity_lost_fraction) << "% of "
        << f.capacity_scope << " lost\n";
  }
  if (a.capex) {
    out << "  capex           " << usd(a.capex->total_usd) << " = switches " << usd(a.capex->switches_usd)
        << " + optics " << usd(a.capex->optics_usd) << ", " << usd(a.capex->per_ppu_usd) << " per PPU\n";
  }
  return out.str();
}

namespace {

/// Bytes as the storage trade quotes them: TB or PB (decimal).
std::string storage_bytes(double bytes) {
  if (bytes >= 1e15) return format("%.4g PB", bytes / 1e15);
  return format("%.4g TB", bytes / 1e12);
}

/// Bytes/s as storage is quoted: GB/s or TB/s (decimal).
std::string storage_rate(double bytes_per_s) {
  if (bytes_per_s >= 1e12) return format("%.4g TB/s", bytes_per_s / 1e12);
  return format("%.4g GB/s", bytes_per_s / 1e9);
}

/// The storage tiers' sizing (docs/economics.md, "Storage"), for a scenario that gives tiers.
std::string format_storage_sizing(const std::vector<StorageTierSizing>& tiers) {
  std::ostringstream out;
  out << "  storage\n";
  for (const StorageTierSizing& tier : tiers) {
    out << "    " << tier.tier << ": "
        << (tier.capacity_bytes ? storage_bytes(*tier.capacity_bytes) : std::string("capacity not limited"))
        << ", " << storage_rate(tier.bandwidth_bytes_per_s) << " ("
        << storage_rate(tier.bandwidth_per_ppu_bytes_per_s) << " per PPU), " << usd(tier.usd_per_month)
        << " a month\n";
  }
  return out.str();
}

nlohmann::json storage_sizing_json(const std::vector<StorageTierSizing>& tiers) {
  nlohmann::json list = nlohmann::json::array();
  for (const StorageTierSizing& tier : tiers) {
    list.push_back(
        {{"tier", tier.tier},
         {"capacity_bytes", tier.capacity_bytes ? nlohmann::json(*tier.capacity_bytes) : nlohmann::json()},
         {"bandwidth_bytes_per_s", tier.bandwidth_bytes_per_s},
         {"bandwidth_per_ppu_bytes_per_s", tier.bandwidth_per_ppu_bytes_per_s},
         {"usd_per_month", tier.usd_per_month}});
  }
  return list;
}

}  // namespace

nlohmann::json analyse_topology_command(const TopologyOptions& options, std::ostream& out) {
  const Scenario scenario = load_scenario(options.scenario_path);
  // 1e8 PPUs: refused now with the estimate, as `run` does, not killed at 6 GB (issue #16).
  check_resources(scenario, ResourceUse::Topology);
  if (options.switch_radix && *options.switch_radix < 2) {
    throw InputError("--switch-radix: found " + std::to_string(*options.switch_radix) +
                     ", expected at least 2");
  }
  AnalysisOptions analysis_options;
  analysis_options.switch_price_usd = options.switch_price_usd;
  analysis_options.optic_price_usd = options.optic_price_usd;
  const TopologyAnalysis analysis =
      analyse_scenario_topology(scenario, options.switch_radix, analysis_options);
  nlohmann::json j = topology_analysis_json(analysis);
  j["scenario"] = scenario.name;
  out << scenario.name << ": " << format_topology_table(analysis);
  if (scenario.storage.uses_tiers()) {
    const std::vector<StorageTierSizing> tiers = storage_sizing(scenario);
    out << format_storage_sizing(tiers);
    j["storage"] = storage_sizing_json(tiers);
  }
  if (options.json_path) {
    write_output(*options.json_path, j.dump(2) + "\n");
    out << "  json: " << *options.json_path << "\n";
  }
  return j;
}

void add_topology_command(CLI::App& app, CommandRegistry& commands) {
  auto options = std::make_shared<TopologyOptions>();
  CLI::App* command =
      app.add_subcommand("topology",
                         "Build the scenario's network (fat-tree, rail-optimized, dragonfly, torus) "
                         "as switches and cables and analyse it (docs/topologies.md)");
  command->add_option("scenario", options->scenario_path, "Scenario JSON file")->required();
  command->add_option("--json", options->json_path, "Also write the analysis as JSON to this file");
  command->add_option("--switch-radix", options->switch_radix, "Ports per switch (default: the leaf's)")
      ->check(CLI::Range(2, 1 << 20));
  command->add_option("--switch-price-usd", options->switch_price_usd, "Price of one switch")
      ->check(CLI::Range(0.0, 1e12));
  command->add_option("--optic-price-usd", options->optic_price_usd, "Price of one transceiver")
      ->check(CLI::Range(0.0, 1e12));
  commands.add(command, [options] {
    analyse_topology_command(*options, std::cout);
    return 0;
  });
}

}  // namespace ppusim
