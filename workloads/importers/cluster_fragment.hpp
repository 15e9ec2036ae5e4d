// The cluster fragment `ppusim trace import` writes for a machine list (docs/workloads.md,
// "Cluster fragments"): a scenario's `cluster.pools`, one pool per machine group, with the
// assumptions behind figures the trace does not give and the whole inventory.
#pragma once

#include <string>

#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

/// One pool per group of `cluster` ("<model>-<n>gpu", e.g. "t4-2gpu"), in the inventory's
/// order: an inline node of the group's GPU model (alibaba_gpu_models.hpp), its node count,
/// and the group's smallest host (cores and GiB). CPU-only machines make no pool; they are
/// counted in the inventory.
std::string cluster_fragment_json(const ClusterInventory& cluster, const std::string& source);

}  // namespace ppusim
