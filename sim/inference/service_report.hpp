// The report's "services" section (docs/report.md, docs/inference.md): per service, latency
// percentiles, throughput, SLO attainment and the PPU time its replicas held, computed from
// the run's ServiceOutcome only.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/inference/service_outcome.hpp"

namespace ppusim {

/// SLO attainment: of the requests that arrived in the window, the share that got their first
/// token within ttft_s (TTFT), that completed with a mean time per output token within tpot_s
/// (TPOT), and that did both. Requests dropped or unfinished at the end count as misses.
struct SloAttainment {
  double ttft = 0;
  double tpot = 0;
  double both = 0;
};
SloAttainment slo_attainment(const ServiceOutcome& outcome, double ttft_s, double tpot_s);

/// Σ over started replicas of held PPUs × held time rounded up to the billing granularity
/// (cloud "allocated" billing, as for jobs: docs/economics.md).
double replica_billed_ppu_seconds(const std::vector<ServiceOutcome>& services, double granularity_s);

nlohmann::json build_services_section(const std::vector<ServiceOutcome>& services);

/// One line per request: service, arrival, tokens, replica, first/last token, outcome.
std::string format_requests_csv(const std::vector<ServiceOutcome>& services);

}  // namespace ppusim
