// What the engine observes during a run: one record per job, and PPU-time integrated into
// time bins three ways (allocated, busy computing, FLOPs delivered) plus the queue length.
// The engine only reports events; everything derived (utilization, percentiles, energy,
// cost) is computed from this afterwards, in the report.
#pragma once

#include <limits>
#include <string>
#include <vector>

#include "sim/metrics/time_series.hpp"

namespace ppusim {

enum class JobOutcome { Queued, Running, Finished, Rejected };

struct JobRecord {
  std::string id;
  int ppus = 0;
  int held_ppus = 0;  // PPUs allocated, including the unused rest of whole nodes
  int leaves_spanned = 0;
  double submit_s = 0;
  double start_s = -1;
  double end_s = -1;
  double compute_s = 0;  // busy time of the job's PPUs
  JobOutcome outcome = JobOutcome::Queued;
  std::string reject_reason;
};

class RunMetrics {
 public:
  /// `limit_s`: nothing is accounted past it (the horizon, or infinity).
  RunMetrics(std::vector<JobRecord> jobs, double bin_width_s, double limit_s);

  void job_rejected(int job, std::string reason);
  void job_started(int job, double now, int held_ppus, int leaves_spanned);
  void job_finished(int job, double now);
  /// The job's PPUs computed for `busy_fraction` of [t0, t1), delivering
  /// `flops_per_s_while_busy` (all its PPUs together) while they did.
  void add_compute(int job, double t0, double t1, double busy_fraction, double flops_per_s_while_busy);
  void queue_length_changed(double now, std::size_t length);
  /// Closes the window: running jobs hold their PPUs until `end_s`.
  void close(double end_s);

  const std::vector<JobRecord>& jobs() const { return jobs_; }
  double window_end_s() const { return window_end_s_; }
  const BinnedSeries& allocated_ppu_s() const { return allocated_; }
  const BinnedSeries& busy_ppu_s() const { return busy_; }
  const BinnedSeries& delivered_flops() const { return delivered_; }
  const BinnedSeries& queued_job_s() const { return queued_; }

 private:
  std::vector<JobRecord> jobs_;
  double limit_s_;
  double window_end_s_ = 0;
  BinnedSeries allocated_;
  BinnedSeries busy_;
  BinnedSeries delivered_;
  BinnedSeries queued_;
  double queue_changed_at_ = 0;
  std::size_t queue_length_ = 0;
};

}  // namespace ppusim
