// What holds PPUs in the engine: a training job of the trace, or an inference replica. Both go
// through the same queue, scheduler and resource pool; everything else about them differs
// (job_attempts.hpp, replica_manager.hpp), so the engine keeps them apart by type.
#pragma once

#include <cstdint>

namespace ppusim {

struct WorkId {
  enum class Kind : std::uint8_t { TrainingJob, Replica };

  Kind kind = Kind::TrainingJob;
  int index = 0;  // the trace's job index, or the fleet-wide replica id

  static WorkId job(int index) { return {Kind::TrainingJob, index}; }
  static WorkId replica(int index) { return {Kind::Replica, index}; }
  bool is_replica() const { return kind == Kind::Replica; }
  bool operator==(const WorkId&) const = default;
};

}  // namespace ppusim
