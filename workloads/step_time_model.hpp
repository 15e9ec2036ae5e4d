// The time of one optimizer step of a transformer, from its shape, its layout and the
// hardware: what `ppusim explain` prints and what the engine runs (docs/models.md, (k)).
//
// Per PPU, for one micro-batch of b sequences on one pipeline stage (l/p layers), with
// T = b·s/c tokens (context parallelism splits each sequence over c PPUs):
//   GEMMs (forward)   QKV  T × h × (h + 2h_kv)/t    attention core 4·b·s²·h/(t·c) FLOPs
//                     out  T × h/t × h              MLP  M matrices T·k × h × f/t
//                     logits T × h × V/t (last stage only: it sets the pipeline's pace)
//   one op's time     max(F / (peak · η(F)), bytes / (η_mem · HBM))      roofline per op,
//                     η(F) = η_max · F/(F + F_half) by chip family (chip_family_efficiency.hpp)
//   element-wise      2 bytes · T·(10h + (M+1)·k·f)/t read and written (norms, dropout,
//                     residuals, activation), at η_mem · HBM
//   backward          2 × forward; recomputation adds the attention core (selective) or the
//                     whole forward (full)
//   t_mb              (l/p) · layer time + logits
//   tensor parallel   (l/p) · (4·f_passes + 4) collectives of c = (t − 1)/t · 2·T·h bytes /
//                     (η_net · B_scale-up), f_passes = 1 (2 with full recomputation); not
//                     overlapped (Megatron-LM's default), or with overlap.tensor_parallel each
//                     behind its neighbouring GEMM g: max(0, c − g) forward, max(0, c − 2g) backward
//   step              m·(t_mb + t_tp) + bubble + p2p + DP_exposed + a2a + CP_exposed
//   bubble            (p − 1)/(v·m) of m·(t_mb + t_tp)   (1F1B v = 1, interleaved v > 1)
//   pipeline p2p      2·v·m transfers x of 2·T·h/t bytes, over the NIC when the stages sit on
//                     different nodes (t·c·d ≥ PPUs per node), else the scale-up fabric; with
//                     overlap.pipeline_p2p only the fill and drain chains' 2(p − 1) transfers stay,
//                     the rest behind a chunk's forward w: 2(p − 1)·x + rest · max(0, x − w)
//   data parallel     ring volume 2(d − 1)/d · g · N/(t·p) per PPU (×1.5 with ZeRO-3) over the
//                     NIC share of a PPU (or the scale-up fabric when the group fits a node),
//                     plus 2(d − 1)·h·λ; bucketed and overlapped with the last micro-batch's
//                     backward, (2/3)·t_mb, or its whole t_mb with ZeRO-3 or with overlap.data_parallel
//                     "forward-and-backward" and ZeRO ≥ 1 (prefetched parameter all-gather), or
//                     nothing with "none": exposed = max(0, T_dp − window)
//   expert a2a        transformer_model.hpp's bytes over the scale-up fabric (group inside a
//                     node) or the NIC
//   context parallel  ring attention: (c − 1) · 2 · T·h_kv/t · 2 bytes per layer, × 3
//                     (forward, backward), hidden behind the attention core: exposed = max(0, ·)
//   MFU               F_model / (P · peak · step)
#pragma once

#include "sim/config/scenario.hpp"
#include "workloads/chip_family_efficiency.hpp"
#include "workloads/job_spec.hpp"
#include "workloads/job_speed.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {

/// What the step model reads of the hardware.
struct StepHardware {
  double peak_flops_per_s = 0;  // dense, at the job's precision
  double hbm_bandwidth_bytes_per_s = 0;
  double scale_up_bandwidth_bytes_per_s = 0;  // per PPU, one direction
  double nic_bandwidth_bytes_per_ppu = 0;     // the node's NICs shared by its PPUs
  int ppus_per_node = 1;
  int scale_up_domain = 1;
  double link_latency_s = 0;
  double gradient_bytes_per_parameter = 2;
  const ChipFamilyEfficiency* efficiency = nullptr;
};

StepHardware step_hardware(const Scenario& scenario, Precision precision);

struct StepEstimate {
  JobSpeed speed;  // step time, MFU and breakdown
  double model_flops_per_step = 0;
  double executed_flops_per_step = 0;
  double micro_batch_s = 0;                // t_mb: one micro-batch's compute on one stage
  double data_parallel_bytes_per_ppu = 0;  // the ring's volume before overlap
  double data_parallel_s = 0;              // its time before overlap
  bool data_parallel_on_network = false;   // the group spans nodes
  double expert_off_node_bytes_per_ppu = 0;
};

/// One step of `shape` with B = `sequences_per_step` on `ppus` PPUs laid out as `layout`.
StepEstimate estimate_step(const TransformerShape& shape, double sequences_per_step,
                           const ReplicaLayout& layout, int ppus, int zero_stage,
                           const StepHardware& hardware);

/// The job's step, with its own layout (job.model->shape must be set).
StepEstimate estimate_job_step(const JobSpec& job, const Scenario& scenario);

/// The job's communication overlap: its row's fields over the scenario's workload.overlap.
CommunicationOverlap job_overlap(const JobSpec& job, const Scenario& scenario);

/// The replica layout `parallelism` gives the job (its own, or a candidate of --search), with
/// the job's communication overlap.
ReplicaLayout job_replica_layout(const JobSpec& job, const Parallelism& parallelism,
                                 const Scenario& scenario);

/// Tokens per optimizer step: the row's global_batch_tokens, else the workload default.
double batch_tokens(const JobSpec& job, const Scenario& scenario);

}  // namespace ppusim
