// Microsoft Philly job run times as Alibaba's cluster-trace-gpu-v2020/analysis publishes them:
// one column, runtime (seconds), one training job per row, nothing else (no submit time, no
// size, no id).
//
// Each row becomes a job of options.ppus_per_job PPUs with measured_duration_s = runtime.
// Arrivals come from a Poisson process of rate options.arrival_rate_per_s drawn with
// options.seed: exponential gaps, the first job at the first gap. Jobs keep the file's order.
// Left out: zero run times (jobs that failed at once).
#include "sim/core/random.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_philly_runtimes(const std::string& path, const ImportOptions& options) {
  if (!options.arrival_rate_per_s || !(*options.arrival_rate_per_s > 0)) {
    throw InputError(path +
                     ": Philly run times carry no submit times, expected an arrival rate "
                     "(--arrival-rate JOBS_PER_S, or workload.arrival_rate_per_s)");
  }
  CsvTable table(CsvReader::open(path), {"runtime"}, true);
  const std::size_t runtime = table.column("runtime");
  ImportedTrace out;
  Rng arrivals(options.seed);
  const double mean_gap_s = 1 / *options.arrival_rate_per_s;
  double clock_s = 0;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const double run_s = row.number(runtime, NumberRange::non_negative());
    if (run_s == 0) {
      ++out.left_out["ran for 0 s"];
      return;
    }
    clock_s += arrivals.exponential() * mean_gap_s;
    JobSpec& job = out.jobs.jobs.emplace_back();
    job.id = "philly-" + std::to_string(row.line());
    job.submit_s = clock_s;
    job.ppus = options.ppus_per_job;
    job.measured_duration_s = run_s;
    job.origin = path + ":" + std::to_string(row.line());
  });
  finish_jobs(out, path, false);
  return out;
}

}  // namespace ppusim
