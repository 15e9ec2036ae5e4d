// The hardware catalog: the chips and servers planners compare, with their figures and where
// each figure comes from (docs/hardware.md).
//
// The data lives in sim/hardware/catalog/*.json and is embedded in the binary at build time.
// A chip's `ppu` object and a server's `node` object are written exactly as a scenario's `ppu`
// and `node` blocks, so that a scenario naming an entry ("ppu": "h20") is read by the same
// loader, with the same checks, as one that spells the figures out (catalog_reference.hpp).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace ppusim {

/// One figure's provenance: a short citation key (docs/hardware.md lists them all) and, for a
/// figure no source states, how it was derived and its range.
struct FigureSource {
  std::string cite;
  std::string estimate;  // empty: the source states the figure
};

struct CatalogChip {
  std::string name;                             // what a scenario writes: "h20"
  std::string display_name;                     // "NVIDIA H20"
  nlohmann::json ppu;                           // a scenario's ppu block
  double scale_up_bandwidth_bytes_per_s = 0;    // per chip, one direction
  std::map<std::string, FigureSource> sources;  // one per figure of ppu and the bandwidth

  double figure(const char* field) const { return ppu.at(field).get<double>(); }
};

struct CatalogServer {
  std::string name;          // "hgx-h20"
  std::string display_name;  // "NVIDIA HGX H20 (8 x H20)"
  std::string chip;          // a CatalogChip's name
  nlohmann::json node;       // a scenario's node block
  std::map<std::string, FigureSource> sources;

  double figure(const char* field) const { return node.at(field).get<double>(); }
};

class HardwareCatalog {
 public:
  HardwareCatalog(std::vector<CatalogChip> chips, std::vector<CatalogServer> servers);

  const std::vector<CatalogChip>& chips() const { return chips_; }
  const std::vector<CatalogServer>& servers() const { return servers_; }
  const CatalogChip* find_chip(std::string_view name) const;
  const CatalogServer* find_server(std::string_view name) const;
  std::vector<std::string> chip_names() const;
  std::vector<std::string> server_names() const;

 private:
  std::vector<CatalogChip> chips_;
  std::vector<CatalogServer> servers_;
};

/// Parses and checks the catalog files: every entry has a unique name, the fields a scenario
/// block needs, and a source for every figure; every server names a chip of the catalog.
/// Throws InputError naming the file and JSON path of the first problem.
HardwareCatalog parse_hardware_catalog(std::string_view chips_json, std::string_view servers_json);

/// The catalog embedded in this binary, parsed on first use.
const HardwareCatalog& hardware_catalog();

/// "a chip of the hardware catalog (a100-sxm-80gb, h100-sxm, ...)", ending in "; did you mean
/// \"h20\"?" when one is close to `found`: the expected part of an unknown-name message.
std::string expected_catalog_name(std::string_view what, std::string_view found,
                                  const std::vector<std::string>& names);

}  // namespace ppusim
