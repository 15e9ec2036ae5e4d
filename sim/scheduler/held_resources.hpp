// What a placed job holds of its pool's resources, as dominant resource fairness counts them
// (docs/tenants.md, "Fair share"): its PPUs as the quota counts them (whole nodes for a job
// larger than one node, thousandths for a fractional one), and the CPU cores and memory no
// other job can use while it runs (its request on a shared node; every core and byte of its
// nodes when it takes them whole). A pool that does not model CPU or memory holds none.
//
// Integers (thousandths of a PPU, thousandths of a core, bytes) so that what a tenant starts and
// later gives back sums to exactly nothing: a dominant share of 0 then ties with another 0.
#pragma once

#include <cstdint>
#include <vector>

#include "sim/scheduler/node_pool.hpp"

namespace ppusim {

struct HeldResources {
  std::int64_t ppu_milli = 0;
  std::int64_t cpu_millicores = 0;
  std::int64_t memory_bytes = 0;
};

/// What one tenant's running work holds together: PPUs of each PPU type (an index into
/// TenantsSpec::ppu_types), CPU cores and memory.
struct Holdings {
  std::vector<std::int64_t> ppu_milli_by_type;
  std::int64_t cpu_millicores = 0;
  std::int64_t memory_bytes = 0;

  explicit Holdings(int ppu_types = 1) : ppu_milli_by_type(ppu_types, 0) {}
  /// Work holding `held` of PPU type `type` starts (sign +1) or gives it back (sign −1).
  void change(int type, const HeldResources& held, int sign) {
    ppu_milli_by_type[type] += sign * held.ppu_milli;
    cpu_millicores += sign * held.cpu_millicores;
    memory_bytes += sign * held.memory_bytes;
  }
};

/// What `allocation`, placed in `pool`, holds.
HeldResources held_resources(const Allocation& allocation, const NodePool& pool);

}  // namespace ppusim
