#include "sim/scheduler/queue_by_tenant.hpp"

#include <iterator>
#include <tuple>

namespace ppusim {

QueueByTenant::QueueByTenant(int tenants) : streams_(static_cast<std::size_t>(tenants) + 1) {
  for (Stream& stream : streams_) stream.back_begin = stream.entries.end();
}

bool QueueByTenant::out_of_order(const Entry& earlier, const Entry& later) {
  return std::tuple(later.job->submit_s, later.job->id) < std::tuple(earlier.job->submit_s, earlier.job->id);
}

void QueueByTenant::queued(Job job, bool at_head) {
  Stream& stream = streams_[stream_of(*job)];
  const bool first_back = stream.back_begin == stream.entries.end();
  Entries::iterator entry;
  if (at_head) {
    entry = stream.entries.insert(stream.entries.begin(), {job, true, --first_place_});
  } else {
    const Entry back{job, false, ++last_place_};
    if (!first_back && out_of_order(stream.entries.back(), back)) ++stream.descents;
    entry = stream.entries.insert(stream.entries.end(), back);
    if (first_back) stream.back_begin = entry;
  }
  where_.emplace(job->id, entry);
}

void QueueByTenant::removed(int id) {
  const auto found = where_.find(id);
  const Entries::iterator entry = found->second;
  where_.erase(found);
  Stream& stream = streams_[stream_of(*entry->job)];
  if (!entry->at_head) {
    // Its back neighbours become adjacent.
    const bool has_previous = entry != stream.back_begin;
    const Entries::iterator next = std::next(entry);
    const bool has_next = next != stream.entries.end();
    if (has_previous && out_of_order(*std::prev(entry), *entry)) --stream.descents;
    if (has_next && out_of_order(*entry, *next)) --stream.descents;
    if (has_previous && has_next && out_of_order(*std::prev(entry), *next)) ++stream.descents;
    if (entry == stream.back_begin) stream.back_begin = next;
  }
  stream.entries.erase(entry);
}

}  // namespace ppusim
