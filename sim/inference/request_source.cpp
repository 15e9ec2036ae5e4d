#include "sim/inference/request_source.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>
#include <string_view>
#include <utility>

#include "sim/core/input_error.hpp"
#include "sim/core/random.hpp"
#include "workloads/importers/format_registry.hpp"

namespace ppusim {

namespace {

/// The importer (workloads/importers/format_registry.hpp) that reads each request format: one
/// reader per format, shared with `ppusim trace import` and `ppusim trace stats`.
std::string_view importer_for(RequestTraceFormat format) {
  switch (format) {
    case RequestTraceFormat::AzureLlm:
      return "azure-llm";
    case RequestTraceFormat::Mooncake:
      return "mooncake";
    case RequestTraceFormat::Ppusim:
      break;
  }
  return "requests";
}

/// The importers accept zero tokens (a trace may hold such rows); the serving model cannot: the
/// prefill reads at least one token and yields the first output token.
void require_servable(const std::vector<InferenceRequest>& requests, const std::string& origin) {
  for (std::size_t i = 0; i < requests.size(); ++i) {
    const InferenceRequest& r = requests[i];
    for (const auto& [what, tokens] :
         {std::pair{"input", r.input_tokens}, std::pair{"output", r.output_tokens}}) {
      if (tokens >= 1) continue;
      std::ostringstream message;
      message << origin << ": request " << i + 1 << " by arrival (at " << r.arrival_s
              << " s into the trace): " << what << " tokens: found " << tokens
              << ", expected at least 1 (a served request reads "
              << "and writes at least one token)";
      throw InputError(message.str());
    }
  }
}

std::int64_t draw_tokens(const TokenDistribution& d, Rng& rng) {
  const double value = d.lognormal ? std::round(rng.lognormal(d.median, d.sigma)) : d.median;
  return std::clamp(static_cast<std::int64_t>(std::min(value, 9e18)), d.min, d.max);
}

}  // namespace

std::vector<InferenceRequest> generate_requests(const SyntheticRequests& spec, std::uint64_t seed) {
  // Separate streams for gaps and sizes, so that changing a size distribution keeps arrivals.
  Rng gaps(seed ^ 0xA11A11A11A11A11AULL);
  Rng sizes(seed ^ 0x70C3470C3470C347ULL);
  std::vector<InferenceRequest> requests;
  double t = gaps.exponential() / spec.rate_per_s;
  while (t < spec.duration_s) {
    InferenceRequest request;
    request.arrival_s = t;
    request.input_tokens = draw_tokens(spec.input_tokens, sizes);
    request.output_tokens = draw_tokens(spec.output_tokens, sizes);
    requests.push_back(request);
    t += gaps.exponential() / spec.rate_per_s;
  }
  return requests;
}

std::vector<InferenceRequest> load_requests(const RequestSourceSpec& source, std::uint64_t seed) {
  if (source.synthetic) return generate_requests(*source.synthetic, seed);
  // Sorted by arrival (stable) and shifted so that the first request arrives at 0.
  std::vector<InferenceRequest> requests =
      import_trace(importer_for(source.format), source.trace_path, ImportOptions{}).requests;
  if (requests.empty()) throw InputError(source.trace_path + ": no requests, expected at least one");
  require_servable(requests, source.trace_path);
  for (InferenceRequest& r : requests) r.arrival_s = source.time_offset_s + source.time_scale * r.arrival_s;
  return requests;
}

}  // namespace ppusim
