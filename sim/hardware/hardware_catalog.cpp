#include "sim/hardware/hardware_catalog.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <utility>

#include "sim/core/edit_distance.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/hardware/catalog_data.hpp"

namespace ppusim {

namespace {

// Where the files live in the repository, for messages: the embedded copy has no path.
constexpr const char* kChipsSource = "sim/hardware/catalog/chips.json";
constexpr const char* kServersSource = "sim/hardware/catalog/servers.json";

// The figures each entry must source: the numbers of a scenario's ppu or node block, and the
// chip's scale-up bandwidth that only the table shows.
const std::initializer_list<std::string_view> kChipFigures = {"peak_bf16_flops_per_s",
                                                              "peak_fp8_flops_per_s",
                                                              "hbm_bytes",
                                                              "hbm_bandwidth_bytes_per_s",
                                                              "tdp_watts",
                                                              "idle_watts",
                                                              "scale_up_bandwidth_bytes_per_s"};
const std::initializer_list<std::string_view> kServerFigures = {
    "ppus_per_node", "intra_node_bandwidth_bytes_per_s",
    "nics_per_node", "nic_bandwidth_bits_per_s",
    "host_watts",    "scale_up_domain_ppus"};

/// A short citation for every figure, and the derivation of those that are estimates.
std::map<std::string, FigureSource> read_sources(JsonReader& entry,
                                                 std::initializer_list<std::string_view> figures) {
  std::map<std::string, FigureSource> sources;
  JsonReader cites = entry.object("sources");
  for (const std::string_view figure : figures) sources[std::string(figure)].cite = cites.string(figure);
  cites.finish();
  if (auto estimates = entry.optional_object("estimates")) {
    for (const std::string_view figure : figures) {
      if (auto derivation = estimates->optional_string(figure))
        sources[std::string(figure)].estimate = *derivation;
    }
    estimates->finish();
  }
  return sources;
}

CatalogChip read_chip(JsonReader entry) {
  entry.allow_only({"name", "display_name", "ppu", "scale_up_bandwidth_bytes_per_s", "sources", "estimates"});
  CatalogChip chip;
  chip.name = entry.string("name");
  chip.display_name = entry.string("display_name");
  JsonReader ppu = entry.object("ppu");
  ppu.allow_only({"name", "family", "peak_bf16_flops_per_s", "peak_fp8_flops_per_s", "hbm_bytes",
                  "hbm_bandwidth_bytes_per_s", "tdp_watts", "idle_watts"});
  ppu.string("name");
  ppu.string("family");
  for (const std::string_view figure : kChipFigures) {
    if (figure != "scale_up_bandwidth_bytes_per_s") ppu.number(figure, NumberRange::positive());
  }
  chip.ppu = ppu.value();
  chip.scale_up_bandwidth_bytes_per_s =
      entry.number("scale_up_bandwidth_bytes_per_s", NumberRange::positive());
  chip.sources = read_sources(entry, kChipFigures);
  entry.finish();
  return chip;
}

CatalogServer read_server(JsonReader entry) {
  entry.allow_only({"name", "display_name", "chip", "node", "sources", "estimates"});
  CatalogServer server;
  server.name = entry.string("name");
  server.display_name = entry.string("display_name");
  server.chip = entry.string("chip");
  JsonReader node = entry.object("node");
  node.allow_only(kServerFigures);
  for (const std::string_view figure : kServerFigures) node.number(figure, NumberRange::positive());
  server.node = node.value();
  server.sources = read_sources(entry, kServerFigures);
  entry.finish();
  return server;
}

/// The entries of the file's one array, each read by `read`; names must be unique.
template <typename Entry, typename Read>
std::vector<Entry> read_entries(std::string_view text, const char* source, const char* key, Read read) {
  const nlohmann::json document = parse_json_text(std::string(text), source);
  JsonReader root(document, source);
  root.allow_only({"about", key});
  if (!root.has(key) || !root.value().at(key).is_array()) root.fail_found(key, "an array of entries");
  const nlohmann::json& array = root.value().at(key);
  std::vector<Entry> entries;
  for (std::size_t i = 0; i < array.size(); ++i) {
    JsonReader entry(array[i], source, root.path_of(key) + "/" + std::to_string(i));
    entries.push_back(read(entry));
    for (std::size_t j = 0; j + 1 < entries.size(); ++j) {
      if (entries[j].name == entries.back().name) entry.fail_found("name", "a name no other entry has");
    }
  }
  return entries;
}

template <typename Entry>
std::vector<std::string> names_of(const std::vector<Entry>& entries) {
  std::vector<std::string> names;
  for (const Entry& entry : entries) names.push_back(entry.name);
  return names;
}

template <typename Entry>
const Entry* find_by_name(const std::vector<Entry>& entries, std::string_view name) {
  const auto found =
      std::find_if(entries.begin(), entries.end(), [&](const Entry& e) { return e.name == name; });
  return found == entries.end() ? nullptr : &*found;
}

}  // namespace

HardwareCatalog::HardwareCatalog(std::vector<CatalogChip> chips, std::vector<CatalogServer> servers)
    : chips_(std::move(chips)), servers_(std::move(servers)) {}

const CatalogChip* HardwareCatalog::find_chip(std::string_view name) const {
  return find_by_name(chips_, name);
}

const CatalogServer* HardwareCatalog::find_server(std::string_view name) const {
  return find_by_name(servers_, name);
}

std::vector<std::string> HardwareCatalog::chip_names() const { return names_of(chips_); }

std::vector<std::string> HardwareCatalog::server_names() const { return names_of(servers_); }

HardwareCatalog parse_hardware_catalog(std::string_view chips_json, std::string_view servers_json) {
  std::vector<CatalogChip> chips = read_entries<CatalogChip>(chips_json, kChipsSource, "chips", read_chip);
  std::vector<CatalogServer> servers =
      read_entries<CatalogServer>(servers_json, kServersSource, "servers", read_server);
  const std::vector<std::string> chip_names = names_of(chips);
  for (std::size_t i = 0; i < servers.size(); ++i) {
    if (find_by_name(chips, servers[i].chip) == nullptr) {
      throw InputError(std::string(kServersSource) + ": /servers/" + std::to_string(i) + "/chip: found \"" +
                       servers[i].chip + "\", expected " +
                       expected_catalog_name("chip", servers[i].chip, chip_names));
    }
  }
  return HardwareCatalog(std::move(chips), std::move(servers));
}

const HardwareCatalog& hardware_catalog() {
  static const HardwareCatalog catalog = parse_hardware_catalog(catalog_chips_json(), catalog_servers_json());
  return catalog;
}

std::string expected_catalog_name(std::string_view what, std::string_view found,
                                  const std::vector<std::string>& names) {
  std::string text = "a " + std::string(what) + " of the hardware catalog (";
  for (std::size_t i = 0; i < names.size(); ++i) text += (i > 0 ? ", " : "") + names[i];
  text += "; ppusim hardware lists them)";
  // A name typed without its suffix ("h200", "zhenwu") most likely means the one entry it begins.
  std::vector<std::string> extended;
  for (const std::string& name : names) {
    if (!found.empty() && name.starts_with(found)) extended.push_back(name);
  }
  const auto close =
      extended.size() == 1 ? std::optional<std::string>(extended.front()) : closest_name(found, names);
  if (close) text += "; did you mean \"" + *close + "\"?";
  return text;
}

}  // namespace ppusim
