// The training-job performance model: from what a job is (JobSpec) to how much it computes
// and communicates, independent of where it runs or who it shares the network with.
//
//   total FLOPs      F = given, or 6·N·D for a model of N parameters trained on D tokens,
//                        or T_measured · P · peak · MFU for a job known only by its duration
//   compute time     T_c = F / (P · peak · MFU)        (P PPUs, each at MFU of its peak)
//   steps            S = D / B                          (B tokens per optimizer step)
//   data-parallel    d = P / (t · p)                    (t tensor, p pipeline degree)
//   all-reduce bytes per PPU per step (ring):  v = 2 (d − 1) / d · g · N / (t · p)
//                                               (g gradient bytes per parameter)
// Jobs without a parameter count have no gradient traffic: their time is compute only.
// The engine turns v into time on the actual network (docs/models.md).
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct JobWork {
  double total_flops = 0;
  double compute_s = 0;                         // T_c on the job's own PPUs, nothing shared
  double steps = 1;                             // optimizer steps; 1 when the job has no gradient traffic
  double allreduce_bytes_per_ppu_per_step = 0;  // v
  int data_parallel_degree = 1;

  bool has_gradient_traffic() const { return allreduce_bytes_per_ppu_per_step > 0; }
};

double peak_flops_per_s(const PpuSpec& ppu, Precision precision);

JobWork derive_job_work(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
