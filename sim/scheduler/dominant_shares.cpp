#include "sim/scheduler/dominant_shares.hpp"

#include <algorithm>
#include <cmath>

namespace ppusim {

namespace {

/// held / capacity, or 0 for a resource the cluster does not have.
double fraction(std::int64_t held, std::int64_t capacity) {
  return capacity > 0 ? static_cast<double>(held) / static_cast<double>(capacity) : 0.0;
}

}  // namespace

void DominantShares::refresh(const TenantLedger& ledger, const ResourcePool& pool) {
  capacity_ = Holdings(ledger.ppu_type_count());
  for (int k = 0; k < pool.pool_count(); ++k) {
    const NodePool& nodes = pool.pool(k);
    const auto count = static_cast<std::int64_t>(nodes.total_nodes());
    HeldResources installed;
    installed.ppu_milli = count * nodes.ppus_per_node() * TenantLedger::kMilli;
    installed.cpu_millicores = std::llround(nodes.hosts().total().cpu_cores * TenantLedger::kMilli);
    installed.memory_bytes = std::llround(nodes.hosts().total().memory_bytes);
    capacity_.change(ledger.type_of_pool(k), installed, +1);
  }
  held_.clear();
  for (int t = 0; t < ledger.count(); ++t) held_.push_back(ledger.holdings(t));
}

void DominantShares::started(int tenant, int ppu_type, const HeldResources& held) {
  if (tenant >= 0) held_[tenant].change(ppu_type, held, +1);
}

double DominantShares::share(int tenant) const {
  const Holdings& held = held_[tenant];
  double dominant = std::max(fraction(held.cpu_millicores, capacity_.cpu_millicores),
                             fraction(held.memory_bytes, capacity_.memory_bytes));
  for (std::size_t type = 0; type < held.ppu_milli_by_type.size(); ++type)
    dominant = std::max(dominant, fraction(held.ppu_milli_by_type[type], capacity_.ppu_milli_by_type[type]));
  return dominant;
}

}  // namespace ppusim
