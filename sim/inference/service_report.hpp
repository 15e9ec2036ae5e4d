// The report's "services" section (docs/report.md, docs/inference.md): per service, latency
// percentiles, throughput, SLO attainment and the PPU time its replicas held, computed from
// the run's ServiceOutcome only. A typed value like the rest of the report: its JSON keys are
// written and read in sim/report/report_json.cpp only.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sim/core/statistics.hpp"
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

/// Requests that arrived within the window, by how they ended.
struct ServiceRequestCounts {
  long long in_source = 0;  // in the request source, arrived or not
  long long arrived = 0;
  long long completed = 0;
  long long dropped = 0;
  long long unfinished_at_end = 0;
  long long retried_after_interruption = 0;
};

/// Per second of the window.
struct ServiceThroughput {
  double output_tokens_per_s = 0;
  double prompt_tokens_per_s = 0;
  double completed_requests_per_s = 0;
};

/// The service's SLO and its attainment (slo_attainment); each is absent when the SLO does not
/// set the bound it depends on.
struct ServiceSloReport {
  std::optional<double> ttft_s;
  std::optional<double> tpot_s;
  std::optional<double> ttft_attainment;
  std::optional<double> tpot_attainment;
  std::optional<double> attainment;  // both bounds met; present when either is set
};

struct ServiceReplicasReport {
  long long started = 0;
  long long interruptions = 0;
  double ppu_hours = 0;       // Σ held PPUs × held time
  double busy_ppu_hours = 0;  // of which in iterations
  double mean_serving = 0;    // time-weighted over the window
  long long max_serving = 0;
  std::vector<double> serving_t_s;       // each change of the serving count, from 0
  std::vector<long long> serving_count;  // the count from that time on
};

struct ServiceReport {
  std::string name;
  long long ppus_per_replica = 0;
  std::string routing;  // "round-robin", "least-outstanding-tokens", "least-outstanding-requests"
  bool autoscaling = false;
  ServiceRequestCounts requests;
  Distribution ttft_s;     // requests that got a first token
  Distribution tpot_s;     // completed requests of two tokens or more
  Distribution latency_s;  // completed requests, arrival to last token
  ServiceThroughput throughput;
  ServiceSloReport slo;
  ServiceReplicasReport replicas;
  long long iterations = 0;
};

std::vector<ServiceReport> build_service_reports(const std::vector<ServiceOutcome>& services);

/// One line per request: service, arrival, tokens, replica, first/last token, outcome.
std::string format_requests_csv(const std::vector<ServiceOutcome>& services);

}  // namespace ppusim
