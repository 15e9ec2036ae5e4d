#include "sim/config/catalog_reference.hpp"

#include <optional>
#include <string>

#include "sim/hardware/hardware_catalog.hpp"

namespace ppusim {

namespace {

constexpr const char* kCatalogKey = "catalog";

/// The block at `key` as an inline object: `lookup(name)` gives a catalog entry's block (or
/// nullptr for an unknown name), and an object's other keys override its fields.
template <typename Lookup>
nlohmann::json resolve_block(JsonReader& root, const char* key, const char* what,
                             const std::vector<std::string>& names, Lookup lookup) {
  const nlohmann::json& value = root.value().at(key);
  if (value.is_string()) {
    const std::string name = value.get<std::string>();
    if (const nlohmann::json* block = lookup(name)) return *block;
    root.fail_found(key, expected_catalog_name(what, name, names));
  }
  if (!value.is_object()) {
    root.fail_found(key, std::string("an object, or the name of a ") + what + " of the hardware catalog");
  }
  if (!value.contains(kCatalogKey)) return value;  // every figure inline
  JsonReader reference(value, root.source(), root.path_of(key));
  const std::string name = reference.string(kCatalogKey);
  const nlohmann::json* block = lookup(name);
  if (block == nullptr) reference.fail_found(kCatalogKey, expected_catalog_name(what, name, names));
  nlohmann::json merged = *block;
  for (const auto& [field, override_value] : value.items()) {
    if (field != kCatalogKey) merged[field] = override_value;
  }
  return merged;
}

}  // namespace

InlineHardwareBlocks resolve_hardware_blocks(JsonReader& root) {
  const HardwareCatalog& catalog = hardware_catalog();
  InlineHardwareBlocks blocks;
  if (!root.has("node"))
    root.fail_found("node", "an object, or the name of a server of the hardware catalog");
  // The chip of the server the node names, if it names one: the default PPU.
  std::optional<std::string> server_chip;
  blocks.node = resolve_block(root, "node", "server", catalog.server_names(), [&](const std::string& name) {
    const CatalogServer* server = catalog.find_server(name);
    if (server != nullptr) server_chip = server->chip;
    return server != nullptr ? &server->node : nullptr;
  });
  const auto chip_block = [&](const std::string& name) {
    const CatalogChip* chip = catalog.find_chip(name);
    return chip != nullptr ? &chip->ppu : nullptr;
  };
  if (root.has("ppu")) {
    blocks.ppu = resolve_block(root, "ppu", "chip", catalog.chip_names(), chip_block);
  } else if (server_chip) {
    blocks.ppu = *chip_block(*server_chip);
  } else {
    root.fail_found("ppu",
                    "an object, or the name of a chip of the hardware catalog (it may be left out only "
                    "when /node names a catalog server)");
  }
  return blocks;
}

}  // namespace ppusim
