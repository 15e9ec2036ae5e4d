// RunMetrics seen as the engine's observer (sim/engine/engine_observer.hpp): each event the
// engine reports is recorded in the run's metrics, and nothing flows back.
#pragma once

#include <string>
#include <utility>

#include "sim/engine/engine_observer.hpp"
#include "sim/metrics/run_metrics.hpp"

namespace ppusim {

class MetricsObserver final : public EngineObserver {
 public:
  explicit MetricsObserver(RunMetrics& metrics) : metrics_(metrics) {}

  void on_job_speed(int job, const JobSpeed& speed) override { metrics_.set_speed(job, speed); }
  void on_job_arrived(int job) override { metrics_.job_arrived(job); }
  void on_job_rejected(int job, std::string reason) override {
    metrics_.job_rejected(job, std::move(reason));
  }
  void on_job_started(int job, double now, int held_ppus, double allocated_ppus,
                      int leaves_spanned) override {
    metrics_.job_started(job, now, held_ppus, allocated_ppus, leaves_spanned);
  }
  void on_job_finished(int job, double now) override { metrics_.job_finished(job, now); }
  void on_job_pool(int job, int pool) override { metrics_.job_pool(job, pool); }
  void on_job_spans_pools(int job, const std::vector<int>& ppus_per_pool) override {
    metrics_.job_spans_pools(job, ppus_per_pool);
  }
  void on_setup_done(int job, const SetupTimes& times) override { metrics_.setup_done(job, times); }
  void on_compute_began(int job, double now, double busy_fraction, double flops_per_s_while_busy) override {
    metrics_.begin_compute(job, now, busy_fraction, flops_per_s_while_busy);
  }
  void on_compute_ended(int job, double now) override { metrics_.end_compute(job, now); }
  void on_job_interrupted(int job, ComponentKind cause, double now, double lost_work_s,
                          double lost_flops) override {
    metrics_.job_interrupted(job, cause, now, lost_work_s, lost_flops);
  }
  void on_job_preempted(int job, double /*now*/, double lost_work_s, double lost_flops) override {
    metrics_.job_preempted(job, lost_work_s, lost_flops);
  }
  void on_tenant_allocation_changed(int tenant, double now, double allocated_ppus) override {
    metrics_.tenant_allocation_changed(tenant, now, allocated_ppus);
  }
  void on_job_released_for_restart(int job, double now, double hold_s) override {
    metrics_.job_released_for_restart(job, now, hold_s);
  }
  void on_checkpoint_write(int job, double seconds) override { metrics_.add_checkpoint_write(job, seconds); }
  void on_input_wait(int job, double seconds) override { metrics_.add_input_wait(job, seconds); }
  void on_input_read(int /*job*/, double t0, double t1, double bytes) override {
    metrics_.add_input_read(t0, t1, bytes);
  }
  void on_productive_time(int job, double seconds) override { metrics_.add_productive_time(job, seconds); }
  void on_component_failed(ComponentKind kind, double now) override { metrics_.component_failed(kind, now); }
  void on_queue_length_changed(double now, std::size_t length) override {
    metrics_.queue_length_changed(now, length);
  }
  void on_replica_held(double t0, double t1, int held_ppus) override {
    metrics_.record_service_allocation(t0, t1, held_ppus);
  }
  void on_replica_busy(double t0, double t1, int ppus, double flops_per_s) override {
    metrics_.record_service_busy(t0, t1, ppus, flops_per_s);
  }

 private:
  RunMetrics& metrics_;
};

}  // namespace ppusim
