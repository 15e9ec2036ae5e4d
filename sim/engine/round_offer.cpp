#include "sim/engine/round_offer.hpp"

#include <algorithm>
#include <tuple>
#include <utility>

#include "sim/engine/scheduling_pass.hpp"

namespace ppusim {

namespace {

bool submitted_before(const PendingJob& a, const PendingJob& b) {
  return std::tuple(a.submit_s, a.id) < std::tuple(b.submit_s, b.id);
}

}  // namespace

RoundAdmission::RoundAdmission(const SchedulingPass& pass, TenantRound round) : pass_(pass), round_(round) {
  // What each account holds now; the round adds what it lets in.
  const TenantLedger& ledger = pass.tenants();
  const bool guarantees = round == TenantRound::WithinGuarantee;
  admitted_.resize(guarantees ? ledger.account_count() : ledger.count());
  for (std::size_t a = 0; a < admitted_.size(); ++a) {
    const int index = static_cast<int>(a);
    admitted_[a] = guarantees ? ledger.account_use_milli(index) : ledger.use_milli(index);
  }
}

int RoundAdmission::account_on_pool(int tenant, int pool) const {
  return round_ == TenantRound::WithinGuarantee ? pass_.tenants().account_of(tenant, pool) : tenant;
}

std::int64_t RoundAdmission::limit_of(int account) const {
  return round_ == TenantRound::WithinGuarantee ? pass_.tenants().account_guarantee_milli(account)
                                                : pass_.tenants().burst_milli(account);
}

bool RoundAdmission::closed(int tenant) const {
  for (int k = 0; k < pass_.pool_count(); ++k) {
    const int account = account_on_pool(tenant, k);
    if (admitted_[account] < limit_of(account)) return false;
  }
  return true;
}

PoolMask RoundAdmission::admit(const PendingJob& job) {
  const int tenant = job.tenant;
  // One pool: one account, one size (the common case, kept short).
  if (pass_.pool_count() == 1) {
    const int account = account_on_pool(tenant, 0);
    std::int64_t& sum = admitted_[account];
    const std::int64_t limit = limit_of(account);
    const std::int64_t size = pass_.held_milli(job.ppus, job.ppu_milli, 0);
    if (sum + size > limit) {
      sum = std::max(sum, limit);  // the tenant's later jobs wait behind this one
      return 0;
    }
    sum += size;
    return job.request.pools;
  }
  // Several pools: the job is offered on those where it keeps its account within the limit.
  struct OnPool {
    int pool;
    int account;
    std::int64_t milli;
  };
  std::vector<OnPool> asked;
  PoolMask within = 0;
  for (int k = 0; k < pass_.pool_count(); ++k) {
    if (!(job.request.pools >> k & 1)) continue;
    const OnPool on{k, account_on_pool(tenant, k), pass_.held_milli(job.ppus, job.ppu_milli, k)};
    asked.push_back(on);
    if (admitted_[on.account] + on.milli <= limit_of(on.account)) within |= PoolMask{1} << k;
  }
  if (within == 0) {
    // The tenant's later jobs on these accounts wait behind this one.
    for (const OnPool& on : asked)
      admitted_[on.account] = std::max(admitted_[on.account], limit_of(on.account));
    return 0;
  }
  // It may land in any account it is offered on: it counts in each with the most it would hold
  // there, so the round never lets more in than an account's limit holds.
  std::vector<std::pair<int, std::int64_t>> most;  // account -> the most it holds there
  for (const OnPool& on : asked) {
    if (!(within >> on.pool & 1)) continue;
    auto it = std::find_if(most.begin(), most.end(), [&on](const auto& m) { return m.first == on.account; });
    if (it == most.end()) {
      most.emplace_back(on.account, on.milli);
    } else {
      it->second = std::max(it->second, on.milli);
    }
  }
  for (const auto& [account, milli] : most) admitted_[account] += milli;
  return within;
}

std::optional<PendingJob> RoundAdmission::offered(const PendingJob& job) {
  // Work without a tenant has no quota: it is offered in the first round only.
  if (job.tenant < 0) {
    if (round_ == TenantRound::WithinGuarantee) return job;
    return std::nullopt;
  }
  const PoolMask pools = admit(job);
  if (pools == 0) return std::nullopt;
  if (pools == job.request.pools) return job;
  PendingJob narrowed = job;
  narrowed.request.pools = pools;
  return narrowed;
}

TenantOffer::TenantOffer(const QueueByTenant& queue, RoundAdmission& admission) : admission_(admission) {
  // A pass runs two rounds after nearly every event: a round costs what its tenants have
  // queued, not what it has tenants. An empty stream is left out (the policy's order is total,
  // so which index a stream has does not matter), and a tenant's walk stops once its accounts
  // are full (closed()).
  const int without_tenant = queue.stream_count() - 1;
  // Work without a tenant has no quota: it is offered in the first round only.
  auto offered_stream = [&](int s) {
    return !queue.empty(s) && !(s == without_tenant && admission.round() == TenantRound::Borrowing);
  };
  std::size_t count = 0;
  for (int s = 0; s < queue.stream_count(); ++s) count += offered_stream(s) ? 1 : 0;
  streams_.reserve(count);
  for (int s = 0; s < queue.stream_count(); ++s) {
    if (!offered_stream(s)) continue;
    Stream& stream = streams_.emplace_back();
    stream.tenant = s == without_tenant ? -1 : s;
    stream.back = queue.back_begin(s);
    stream.back_end = queue.end(s);
    for (auto it = queue.begin(s); it != stream.back && !closed(stream); ++it) {
      if (std::optional<PendingJob> in = admission_.offered(*it->job)) stream.sorted.push_back(*in);
    }
    stream.lazy = queue.back_in_submit_order(s);
    if (!stream.lazy) {
      for (; stream.back != stream.back_end && !closed(stream); ++stream.back) {
        if (std::optional<PendingJob> in = admission_.offered(*stream.back->job))
          stream.sorted.push_back(*in);
      }
      stream.back = stream.back_end;
    }
    std::sort(stream.sorted.begin(), stream.sorted.end(), submitted_before);
  }
}

bool TenantOffer::closed(const Stream& stream) const {
  return stream.tenant >= 0 && admission_.closed(stream.tenant);
}

void TenantOffer::read_back(Stream& stream) {
  while (!stream.next_back && stream.back != stream.back_end) {
    if (closed(stream)) {
      stream.back = stream.back_end;
      return;
    }
    stream.next_back = admission_.offered(*stream.back->job);
    ++stream.back;
  }
}

const PendingJob* TenantOffer::peek(int s) {
  Stream& stream = streams_[s];
  read_back(stream);
  const PendingJob* sorted =
      stream.next_sorted < stream.sorted.size() ? &stream.sorted[stream.next_sorted] : nullptr;
  const PendingJob* back = stream.next_back ? &*stream.next_back : nullptr;
  if (sorted == nullptr) return back;
  if (back == nullptr) return sorted;
  return submitted_before(*back, *sorted) ? back : sorted;
}

void TenantOffer::pop(int s) {
  Stream& stream = streams_[s];
  const PendingJob* next = peek(s);
  if (stream.next_back && next == &*stream.next_back) {
    stream.next_back.reset();
  } else {
    ++stream.next_sorted;
  }
}

TenantRoundOffer::TenantRoundOffer(const SchedulingPass& pass, const QueueByTenant& by_tenant,
                                   TenantRound round, std::pmr::memory_resource* copy_nodes)
    : pass_(pass),
      by_tenant_(by_tenant),
      round_(round),
      copy_nodes_(copy_nodes),
      streams_admission_(pass, round),
      streams_(by_tenant, streams_admission_) {}

bool TenantRoundOffer::empty() {
  for (int s = 0; s < streams_.count(); ++s) {
    if (streams_.peek(s) != nullptr) return false;
  }
  return true;
}

JobQueue TenantRoundOffer::in_queue_order() {
  // Admission is per tenant, in the tenant's queue order, and each stream is in queue order:
  // the streams are merged by place in the queue (a min-heap of their next entries), each
  // admitting its jobs as they come, until its tenant's accounts close.
  RoundAdmission admission(pass_, round_);
  struct Cursor {
    std::int64_t place;  // next's, kept here so that the heap compares without reading the list
    int stream;
    QueueByTenant::Entries::const_iterator next;
  };
  const auto later = [](const Cursor& a, const Cursor& b) { return a.place > b.place; };
  std::vector<Cursor> cursors;
  const int without_tenant = by_tenant_.stream_count() - 1;
  for (int s = 0; s < by_tenant_.stream_count(); ++s) {
    // Work without a tenant has no quota: it is offered in the first round only.
    if (s == without_tenant && round_ == TenantRound::Borrowing) continue;
    if (!by_tenant_.empty(s)) cursors.push_back({by_tenant_.begin(s)->place, s, by_tenant_.begin(s)});
  }
  std::make_heap(cursors.begin(), cursors.end(), later);
  JobQueue offered(copy_nodes_);
  while (!cursors.empty()) {
    std::pop_heap(cursors.begin(), cursors.end(), later);
    Cursor& cursor = cursors.back();
    if (cursor.stream != without_tenant && admission.closed(cursor.stream)) {
      cursors.pop_back();
      continue;
    }
    if (std::optional<PendingJob> in = admission.offered(*cursor.next->job)) offered.push_back(*in);
    if (++cursor.next == by_tenant_.end(cursor.stream)) {
      cursors.pop_back();
    } else {
      cursor.place = cursor.next->place;
      std::push_heap(cursors.begin(), cursors.end(), later);
    }
  }
  return offered;
}

}  // namespace ppusim
