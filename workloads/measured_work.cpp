#include "workloads/measured_work.hpp"

#include "sim/hardware/hardware_catalog.hpp"

namespace ppusim {

namespace {

double catalog_peak(const CatalogChip& chip, Precision precision) {
  return chip.figure(precision == Precision::Fp8 ? "peak_fp8_flops_per_s" : "peak_bf16_flops_per_s");
}

}  // namespace

MeasuredDurationCount express_measured_work(JobTrace& trace, const Scenario& scenario) {
  MeasuredDurationCount count;
  for (JobSpec& job : trace.jobs) {
    if (!job.measured_duration_s) continue;
    if (job.measured_on.empty()) {
      ++count.fixed;
      continue;
    }
    // The trace reader accepted only catalog names.
    const CatalogChip& chip = *hardware_catalog().find_chip(job.measured_on.str());
    job.total_flops = *job.measured_duration_s * job.ppu_equivalents() * catalog_peak(chip, job.precision) *
                      scenario.workload.model_flops_utilization;
    job.measured_duration_s.reset();
    ++count.converted;
  }
  return count;
}

MeasuredDurationCount count_measured_durations(const JobTrace& trace) {
  MeasuredDurationCount count;
  for (const JobSpec& job : trace.jobs) {
    if (job.measured_duration_s) {
      ++(job.measured_on.empty() ? count.fixed : count.converted);
    } else if (!job.measured_on.empty()) {
      ++count.converted;  // express_measured_work turned it into FLOPs
    }
  }
  return count;
}

}  // namespace ppusim
