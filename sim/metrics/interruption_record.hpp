// What failures and preemptions cost one job (docs/failures.md). All times are wall seconds
// of the job's allocation; multiply by its held PPUs for PPU-time.
#pragma once

namespace ppusim {

struct InterruptionRecord {
  int interruptions = 0;
  double lost_work_s = 0;         // training progress since the last checkpoint, redone later
  double lost_flops = 0;          // the FLOPs of that progress
  double restart_hold_s = 0;      // detection and recovery, nodes still held
  double restart_setup_s = 0;     // setup of restarted attempts, checkpoint load included
  double checkpoint_write_s = 0;  // training paused while checkpoints were written
  double productive_s = 0;        // training progress kept: steps that count towards the end
  double held_before_s = 0;       // allocation time of attempts that were interrupted
  double attempt_start_s = -1;    // when the current attempt got its nodes; -1 when queued

  double restart_overhead_s() const { return restart_hold_s + restart_setup_s; }
  double lost_s() const { return lost_work_s + restart_overhead_s(); }
};

}  // namespace ppusim
