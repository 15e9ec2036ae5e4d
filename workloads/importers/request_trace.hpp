// ppusim's inference request format (docs/workloads.md, "Request traces"): JSON Lines,
// {"arrival_s", "input_tokens", "output_tokens"} plus optional "prefix_blocks" (array of block
// ids) and "service_s". `ppusim trace import` writes it for the Azure, Mooncake and LoRA
// traces; the inference-serving model (sim/inference) reads it.
#pragma once

#include <ostream>
#include <string>

#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

/// One line per request, in the order given; optional fields only when set.
void write_request_trace(const std::vector<InferenceRequest>& requests, std::ostream& out);

/// Reads the format back (unknown keys are errors), sorted by arrival.
ImportedTrace read_request_trace(const std::string& path, const ImportOptions& options);

}  // namespace ppusim
