// Where a service's requests come from: a request trace (Azure LLM inference CSV, Mooncake
// JSONL, or ppusim's own JSONL) or a Poisson generator (docs/inference.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "sim/inference/service_spec.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

// InferenceRequest (arrival, input and output tokens) is the record of ppusim's request format,
// shared with `ppusim trace import` (workloads/importers/imported_trace.hpp). The serving model
// needs input and output tokens >= 1 (the prefill yields the first token); load_requests checks it.

/// The service's requests sorted by arrival (stable: equal arrivals keep their file order).
/// A trace is read by the importer of its format (`ppusim trace formats`); its times are shifted
/// so that its first request arrives at time_offset_s and stretched by time_scale. Throws
/// InputError naming the file and line for a bad row, or the request that has no token to serve.
/// `seed` drives the synthetic generator only.
std::vector<InferenceRequest> load_requests(const RequestSourceSpec& source, std::uint64_t seed);

/// Poisson arrivals (exponential gaps) with token counts drawn independently.
std::vector<InferenceRequest> generate_requests(const SyntheticRequests& spec, std::uint64_t seed);

}  // namespace ppusim
