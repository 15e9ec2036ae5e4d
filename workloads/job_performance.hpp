// The training-job performance model: from what a job is (JobSpec) to how much it computes
// and communicates, independent of where it runs or who it shares the network with.
//
//   total FLOPs      F = given; or 6·N·D for a model of N parameters trained on D tokens; or
//                        S steps of a transformer shape (transformer_model.hpp); or
//                        T_measured · P · peak · MFU for a job known only by its duration
//   compute time     T_c = F_executed / (P · peak · MFU)   (P PPUs, or a fractional job's share)
//   steps            S = D / B                          (B tokens per optimizer step)
//   data-parallel    d = P / (t · p)                    (t tensor, p pipeline degree)
//   all-reduce bytes per PPU per step (ring):  v = 2 (d − 1) / d · g · N / (t · p)
//                                               (g gradient bytes per parameter)
// A transformer shape adds, per step, time the job spends on its own PPUs and nodes: the
// pipeline bubble, tensor-parallel all-reduces inside the node, and the expert all-to-all
// (inside the node over its fabric, between nodes over their NICs); the part of the expert
// traffic that leaves a node may also cross shared uplinks (sim/engine/job_plan.hpp).
// Jobs without a parameter count have no step traffic: their time is compute only.
// The engine turns the traffic into time on the actual network (docs/models.md).
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/job_speed.hpp"

namespace ppusim {

struct JobWork {
  double total_flops = 0;                       // model FLOPs: what the job delivers
  double compute_s = 0;                         // T_c on the job's own PPUs, nothing shared
  double steps = 1;                             // optimizer steps; 1 when the job has no step traffic
  double allreduce_bytes_per_ppu_per_step = 0;  // v
  int data_parallel_degree = 1;
  // Transformer shapes only: per step, on the job's own PPUs and NICs.
  double bubble_s_per_step = 0;                       // pipeline stages idle: (p − 1)/m · T_c / S
  double tensor_comm_s_per_step = 0;                  // TP all-reduces over the intra-node fabric
  double expert_comm_s_per_step = 0;                  // expert all-to-all over fabric and NICs
  double expert_off_node_bytes_per_ppu_per_step = 0;  // the all-to-all bytes that leave the node
  JobSpeed speed;                                     // what the report shows (job_speed.hpp)

  bool has_gradient_traffic() const { return allreduce_bytes_per_ppu_per_step > 0; }
  /// Time every step spends besides computing and the data-parallel ring.
  double step_overhead_s() const {
    return bubble_s_per_step + tensor_comm_s_per_step + expert_comm_s_per_step;
  }
  /// Whether the job's run is a sequence of steps with communication between them.
  bool has_step_traffic() const {
    return has_gradient_traffic() || expert_off_node_bytes_per_ppu_per_step > 0 || step_overhead_s() > 0;
  }
};

double peak_flops_per_s(const PpuSpec& ppu, Precision precision);

JobWork derive_job_work(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
