// `ppusim hardware`: the hardware catalog as a table (or JSON): each chip's dense BF16/FP8
// throughput, HBM, TDP and scale-up bandwidth, each server's PPUs, scale-up domain and NICs,
// and where every figure comes from (docs/hardware.md).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "sim/cli/command_registry.hpp"
#include "sim/hardware/hardware_catalog.hpp"

namespace ppusim {

/// Every chip and server with its figures (SI units, as a scenario writes them) and sources.
nlohmann::json hardware_catalog_json(const HardwareCatalog& catalog);

/// The readable table: figures in TFLOP/s, GB, TB/s, GB/s, Gb/s; an estimated figure carries
/// a "~" and its derivation is in docs/hardware.md and the JSON.
std::string format_hardware_table(const HardwareCatalog& catalog);

/// `hardware`: the catalog as a table, or as JSON with --json.
void add_hardware_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
