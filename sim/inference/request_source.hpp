// Where a service's requests come from: a request trace (Azure LLM inference CSV, Mooncake
// JSONL, or ppusim's own JSONL) or a Poisson generator (docs/inference.md).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/inference/service_spec.hpp"
#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

// InferenceRequest (arrival, input and output tokens) is the record of ppusim's request format,
// shared with `ppusim trace import` (workloads/importers/imported_trace.hpp). The serving model
// needs output_tokens >= 1 (the prefill yields the first token); the readers below check it.

/// The service's requests sorted by arrival (stable: equal arrivals keep their file order).
/// A trace's times are shifted so that its first request arrives at time_offset_s and
/// stretched by time_scale. Throws InputError naming the file and line for a bad row.
/// `seed` drives the synthetic generator only.
std::vector<InferenceRequest> load_requests(const RequestSourceSpec& source, std::uint64_t seed);

/// The three trace formats, from text; `origin` names the file in messages.
std::vector<InferenceRequest> parse_azure_llm_csv(const std::string& text, const std::string& origin);
std::vector<InferenceRequest> parse_mooncake_jsonl(const std::string& text, const std::string& origin);
std::vector<InferenceRequest> parse_ppusim_requests_jsonl(const std::string& text, const std::string& origin);

/// Poisson arrivals (exponential gaps) with token counts drawn independently.
std::vector<InferenceRequest> generate_requests(const SyntheticRequests& spec, std::uint64_t seed);

/// Seconds since 1970-01-01 of "YYYY-MM-DD HH:MM:SS[.fraction]" (UTC, proleptic Gregorian);
/// nullopt when the text is not such a time.
std::optional<double> parse_timestamp(const std::string& text);

}  // namespace ppusim
