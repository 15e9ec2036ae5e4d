#include "workloads/request_check.hpp"

#include <algorithm>

#include "sim/config/ppu_type_match.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

namespace {

std::string pool_chips(const std::vector<PoolSpec>& pools) {
  std::string text;
  for (const PoolSpec& pool : pools) text += (text.empty() ? "\"" : ", \"") + pool.ppu.name + "\"";
  return text;
}

bool asks_for_missing_chip(const JobSpec& job, const std::vector<PoolSpec>& pools) {
  return job.request && !some_pool_has_type(job.request->ppu_types, pools);
}

}  // namespace

void check_ppu_type_requests(JobTrace& trace, const std::vector<PoolSpec>& pools, bool skip_bad_rows) {
  if (pools.empty()) return;  // a hand-made scenario without pools: nothing to check against
  const auto bad = [&pools](const JobSpec& job) { return asks_for_missing_chip(job, pools); };
  if (!skip_bad_rows) {
    const auto first = std::find_if(trace.jobs.begin(), trace.jobs.end(), bad);
    if (first == trace.jobs.end()) return;
    std::string asked;
    for (const std::string& type : first->request->ppu_types)
      asked += (asked.empty() ? "\"" : ", \"") + type + "\"";
    throw InputError(first->origin + ": /ppu_type: found " + asked +
                     ", expected a chip of the scenario's pools (" + pool_chips(pools) + ") or \"any\"");
  }
  const auto removed = std::erase_if(trace.jobs, bad);
  if (removed == 0) return;
  trace.skipped_rows += static_cast<std::int64_t>(removed);
  if (trace.jobs.empty()) throw InputError("no usable job: every job asks for a PPU type no pool has");
}

}  // namespace ppusim
