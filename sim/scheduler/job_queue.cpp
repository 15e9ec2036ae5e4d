#include "sim/scheduler/job_queue.hpp"

#include <limits>

namespace ppusim {

void JobQueue::index(const PendingJob& job) {
  if (job.is_fractional()) {
    ++fractional_jobs_;
  } else {
    ++whole_ppus_[job.ppus];
  }
}

void JobQueue::push_back(const PendingJob& job) {
  jobs_.push_back(job);
  index(job);
}

void JobQueue::push_front(const PendingJob& job) {
  jobs_.push_front(job);
  index(job);
}

JobQueue::const_iterator JobQueue::erase(const_iterator it) {
  if (it->is_fractional()) {
    --fractional_jobs_;
  } else {
    const auto size = whole_ppus_.find(it->ppus);
    if (--size->second == 0) whole_ppus_.erase(size);
  }
  return jobs_.erase(it);
}

int JobQueue::smallest_whole_ppus() const {
  return whole_ppus_.empty() ? std::numeric_limits<int>::max() : whole_ppus_.begin()->first;
}

}  // namespace ppusim
