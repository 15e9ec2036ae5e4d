#include "sim/cli/hardware_command.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

namespace ppusim {

namespace {

nlohmann::json sources_json(const std::map<std::string, FigureSource>& sources) {
  nlohmann::json out = nlohmann::json::object();
  for (const auto& [figure, source] : sources) {
    out[figure] = {{"source", source.cite}};
    if (!source.estimate.empty()) out[figure]["estimate"] = source.estimate;
  }
  return out;
}

/// The figure divided by `unit`, printed with `decimals`, marked "~" when it is an estimate.
std::string cell(double value, double unit, int decimals, const std::map<std::string, FigureSource>& sources,
                 const std::string& figure) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", decimals, value / unit);
  const auto source = sources.find(figure);
  const bool estimate = source != sources.end() && !source->second.estimate.empty();
  return (estimate ? "~" : "") + std::string(text);
}

/// The figures' distinct citations, in figure order: what the source column shows.
std::string cites(const std::map<std::string, FigureSource>& sources) {
  std::string text;
  for (const auto& [figure, source] : sources) {
    if (text.find(source.cite) == std::string::npos) text += (text.empty() ? "" : ", ") + source.cite;
  }
  return text;
}

void columns(std::ostringstream& out, const std::vector<std::string>& cells, const std::vector<int>& widths) {
  for (std::size_t i = 0; i < cells.size(); ++i) {
    char text[256];
    // Names left-aligned, figures right-aligned, the last column as it is.
    if (i + 1 == cells.size()) {
      out << cells[i];
    } else {
      std::snprintf(text, sizeof text, i == 0 ? "%-*s  " : "%*s  ", widths[i], cells[i].c_str());
      out << text;
    }
  }
  out << "\n";
}

constexpr double kTera = 1e12, kGiga = 1e9;

}  // namespace

nlohmann::json hardware_catalog_json(const HardwareCatalog& catalog) {
  nlohmann::json chips = nlohmann::json::array(), servers = nlohmann::json::array();
  for (const CatalogChip& chip : catalog.chips()) {
    chips.push_back({{"name", chip.name},
                     {"display_name", chip.display_name},
                     {"ppu", chip.ppu},
                     {"scale_up_bandwidth_bytes_per_s", chip.scale_up_bandwidth_bytes_per_s},
                     {"sources", sources_json(chip.sources)}});
  }
  for (const CatalogServer& server : catalog.servers()) {
    servers.push_back({{"name", server.name},
                       {"display_name", server.display_name},
                       {"chip", server.chip},
                       {"node", server.node},
                       {"sources", sources_json(server.sources)}});
  }
  return {{"chips", chips}, {"servers", servers}};
}

std::string format_hardware_table(const HardwareCatalog& catalog) {
  std::ostringstream out;
  out << "Chips (dense figures; ~ marks an estimate; sources and derivations: docs/hardware.md, "
         "ppusim hardware --json)\n";
  const std::vector<int> chip_widths = {14, 9, 9, 6, 8, 6, 13, 16, 0};
  columns(
      out,
      {"name", "BF16 TF/s", "FP8 TF/s", "HBM GB", "HBM TB/s", "TDP W", "scale-up GB/s", "family", "source"},
      chip_widths);
  for (const CatalogChip& chip : catalog.chips()) {
    const auto& s = chip.sources;
    columns(out,
            {chip.name, cell(chip.figure("peak_bf16_flops_per_s"), kTera, 1, s, "peak_bf16_flops_per_s"),
             cell(chip.figure("peak_fp8_flops_per_s"), kTera, 1, s, "peak_fp8_flops_per_s"),
             cell(chip.figure("hbm_bytes"), kGiga, 0, s, "hbm_bytes"),
             cell(chip.figure("hbm_bandwidth_bytes_per_s"), kTera, 2, s, "hbm_bandwidth_bytes_per_s"),
             cell(chip.figure("tdp_watts"), 1, 0, s, "tdp_watts"),
             cell(chip.scale_up_bandwidth_bytes_per_s, kGiga, 0, s, "scale_up_bandwidth_bytes_per_s"),
             chip.ppu.at("family").get<std::string>(), cites(s)},
            chip_widths);
  }
  out << "\nServers and scale-up domains (scale-up bandwidth per PPU, one direction)\n";
  const std::vector<int> server_widths = {14, 13, 9, 6, 13, 10, 6, 0};
  columns(out, {"name", "chip", "PPUs/node", "domain", "scale-up GB/s", "NICs x Gb/s", "host W", "source"},
          server_widths);
  for (const CatalogServer& server : catalog.servers()) {
    const auto& s = server.sources;
    columns(out,
            {server.name, server.chip, cell(server.figure("ppus_per_node"), 1, 0, s, "ppus_per_node"),
             cell(server.figure("scale_up_domain_ppus"), 1, 0, s, "scale_up_domain_ppus"),
             cell(server.figure("intra_node_bandwidth_bytes_per_s"), kGiga, 0, s,
                  "intra_node_bandwidth_bytes_per_s"),
             cell(server.figure("nics_per_node"), 1, 0, s, "nics_per_node") + " x " +
                 cell(server.figure("nic_bandwidth_bits_per_s"), kGiga, 0, s, "nic_bandwidth_bits_per_s"),
             cell(server.figure("host_watts"), 1, 0, s, "host_watts"), cites(s)},
            server_widths);
  }
  return out.str();
}

void add_hardware_command(CLI::App& app, CommandRegistry& commands) {
  auto json = std::make_shared<bool>(false);
  CLI::App* command = app.add_subcommand(
      "hardware",
      "List the hardware catalog: chips and servers a scenario may name, their figures and sources "
      "(docs/hardware.md)");
  command->add_flag("--json", *json, "Print the catalog as JSON, with every figure's source");
  commands.add(command, [json] {
    const HardwareCatalog& catalog = hardware_catalog();
    std::cout << (*json ? hardware_catalog_json(catalog).dump(2) + "\n" : format_hardware_table(catalog));
    return 0;
  });
}

}  // namespace ppusim
