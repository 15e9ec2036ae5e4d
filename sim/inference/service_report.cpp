#include "sim/inference/service_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

#include "sim/core/statistics.hpp"

namespace ppusim {

namespace {

constexpr double kInfinity = std::numeric_limits<double>::infinity();

bool completed(const InferenceRequest& request, const RequestProgress& progress) {
  return progress.generated == request.output_tokens;
}

double ttft_of(const InferenceRequest& request, const RequestProgress& progress) {
  return progress.first_token_s - request.arrival_s;
}

/// Mean time per output token after the first; 0 for one-token answers (none to time).
double tpot_of(const InferenceRequest& request, const RequestProgress& progress) {
  if (request.output_tokens < 2) return 0;
  return (progress.last_token_s - progress.first_token_s) / static_cast<double>(request.output_tokens - 1);
}

const char* routing_name(RoutingPolicy policy) {
  switch (policy) {
    case RoutingPolicy::RoundRobin:
      return "round-robin";
    case RoutingPolicy::LeastOutstandingTokens:
      return "least-outstanding-tokens";
    case RoutingPolicy::LeastOutstandingRequests:
      return "least-outstanding-requests";
  }
  return "unknown";
}

ServiceReplicasReport replicas_report(const ServiceOutcome& outcome) {
  ServiceReplicasReport replicas;
  double held_ppu_s = 0, busy_ppu_s = 0;
  for (const ReplicaLifetime& r : outcome.replicas) {
    if (r.allocated_s < 0) continue;
    ++replicas.started;
    held_ppu_s += r.held_ppus * (r.released_s - r.allocated_s);
    busy_ppu_s += r.held_ppus * std::min(r.busy_s, r.released_s - r.allocated_s);
  }
  // Time-weighted mean of the serving count over the window.
  double weighted = 0;
  int peak = 0;
  const auto& history = outcome.serving_replicas;
  for (std::size_t i = 0; i < history.size(); ++i) {
    const double until = i + 1 < history.size() ? history[i + 1].first : outcome.window_end_s;
    weighted += history[i].second * (std::min(until, outcome.window_end_s) - history[i].first);
    peak = std::max(peak, history[i].second);
    replicas.serving_t_s.push_back(history[i].first);
    replicas.serving_count.push_back(history[i].second);
  }
  replicas.interruptions = outcome.replica_interruptions;
  replicas.ppu_hours = held_ppu_s / 3600.0;
  replicas.busy_ppu_hours = busy_ppu_s / 3600.0;
  replicas.mean_serving = outcome.window_end_s > 0 ? weighted / outcome.window_end_s : 0.0;
  replicas.max_serving = peak;
  return replicas;
}

ServiceSloReport slo_report(const ServiceOutcome& outcome) {
  const SloSpec& slo = outcome.spec->slo;
  const SloAttainment attained =
      slo_attainment(outcome, slo.ttft_s.value_or(kInfinity), slo.tpot_s.value_or(kInfinity));
  ServiceSloReport report;
  report.ttft_s = slo.ttft_s;
  report.tpot_s = slo.tpot_s;
  if (slo.ttft_s) report.ttft_attainment = attained.ttft;
  if (slo.tpot_s) report.tpot_attainment = attained.tpot;
  if (slo.ttft_s || slo.tpot_s) report.attainment = attained.both;
  return report;
}

ServiceReport service_report(const ServiceOutcome& outcome) {
  const ServiceSpec& spec = *outcome.spec;
  const double end = outcome.window_end_s;
  ServiceReport report;
  ServiceRequestCounts& counts = report.requests;
  double input_tokens = 0, output_tokens = 0;
  std::vector<double> ttft, tpot, latency;
  for (std::size_t i = 0; i < outcome.requests.size(); ++i) {
    const InferenceRequest& request = outcome.requests[i];
    const RequestProgress& progress = outcome.progress[i];
    if (request.arrival_s > end) continue;
    ++counts.arrived;
    output_tokens += static_cast<double>(progress.generated);
    if (progress.first_token_s >= 0) {
      input_tokens += static_cast<double>(request.input_tokens);
      ttft.push_back(ttft_of(request, progress));
    }
    if (progress.dropped) {
      ++counts.dropped;
    } else if (completed(request, progress)) {
      ++counts.completed;
      latency.push_back(progress.last_token_s - request.arrival_s);
      if (request.output_tokens >= 2) tpot.push_back(tpot_of(request, progress));
    } else {
      ++counts.unfinished_at_end;
    }
  }
  counts.in_source = static_cast<long long>(outcome.requests.size());
  counts.retried_after_interruption = outcome.requests_retried;
  const double per_s = end > 0 ? 1.0 / end : 0.0;
  report.name = spec.name;
  report.ppus_per_replica = spec.ppus_per_replica;
  report.routing = routing_name(spec.routing);
  report.autoscaling = spec.autoscaling.has_value();
  report.ttft_s = summarize(ttft);
  report.tpot_s = summarize(tpot);
  report.latency_s = summarize(latency);
  report.throughput = {output_tokens * per_s, input_tokens * per_s,
                       static_cast<double>(counts.completed) * per_s};
  report.slo = slo_report(outcome);
  report.replicas = replicas_report(outcome);
  report.iterations = outcome.iterations;
  return report;
}

}  // namespace

SloAttainment slo_attainment(const ServiceOutcome& outcome, double ttft_s, double tpot_s) {
  long long arrived = 0, ttft_met = 0, tpot_met = 0, both = 0;
  for (std::size_t i = 0; i < outcome.requests.size(); ++i) {
    const InferenceRequest& request = outcome.requests[i];
    const RequestProgress& progress = outcome.progress[i];
    if (request.arrival_s > outcome.window_end_s) continue;
    ++arrived;
    const bool first_in_time = progress.first_token_s >= 0 && ttft_of(request, progress) <= ttft_s;
    const bool paced = completed(request, progress) && tpot_of(request, progress) <= tpot_s;
    ttft_met += first_in_time;
    tpot_met += paced;
    both += first_in_time && paced;
  }
  if (arrived == 0) return {};
  const auto share = [&](long long count) {
    return static_cast<double>(count) / static_cast<double>(arrived);
  };
  return {share(ttft_met), share(tpot_met), share(both)};
}

double replica_billed_ppu_seconds(const std::vector<ServiceOutcome>& services, double granularity_s) {
  double total = 0;
  for (const ServiceOutcome& outcome : services) {
    for (const ReplicaLifetime& r : outcome.replicas) {
      if (r.allocated_s < 0) continue;
      const double held = std::max(0.0, r.released_s - r.allocated_s);
      total += r.held_ppus * std::ceil(held / granularity_s - 1e-9) * granularity_s;
    }
  }
  return total;
}

std::vector<ServiceReport> build_service_reports(const std::vector<ServiceOutcome>& services) {
  std::vector<ServiceReport> reports;
  for (const ServiceOutcome& outcome : services) reports.push_back(service_report(outcome));
  return reports;
}

std::string format_requests_csv(const std::vector<ServiceOutcome>& services) {
  std::string csv =
      "service,arrival_s,input_tokens,output_tokens,replica,first_token_s,last_token_s,outcome\n";
  char line[512];
  for (const ServiceOutcome& outcome : services) {
    for (std::size_t i = 0; i < outcome.requests.size(); ++i) {
      const InferenceRequest& r = outcome.requests[i];
      const RequestProgress& p = outcome.progress[i];
      if (r.arrival_s > outcome.window_end_s) continue;
      const char* state = p.dropped ? "dropped" : completed(r, p) ? "completed" : "unfinished";
      std::snprintf(line, sizeof line, ",%.17g,%lld,%lld,%d,", r.arrival_s,
                    static_cast<long long>(r.input_tokens), static_cast<long long>(r.output_tokens),
                    p.replica);
      csv += outcome.spec->name + line;
      // Times the request did not reach stay empty.
      if (p.first_token_s >= 0) {
        std::snprintf(line, sizeof line, "%.17g,%.17g", p.first_token_s, p.last_token_s);
        csv += line;
      } else {
        csv += ",";
      }
      csv += std::string(",") + state + "\n";
    }
  }
  return csv;
}

}  // namespace ppusim
