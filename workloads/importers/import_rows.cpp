#include "workloads/importers/import_rows.hpp"

#include <algorithm>
#include <charconv>

namespace ppusim {
namespace {

/// Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar (H. Hinnant's
/// days_from_civil, http://howardhinnant.github.io/date_algorithms.html).
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
  y -= m <= 2 ? 1 : 0;
  const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

bool read_digits(std::string_view text, std::size_t at, std::size_t count, unsigned& value) {
  if (at + count > text.size()) return false;
  const auto [end, error] = std::from_chars(text.data() + at, text.data() + at + count, value);
  return error == std::errc() && end == text.data() + at + count;
}

std::string no_usable(const ImportedTrace& out, const std::string& path, const char* what) {
  std::string message = path + ": no usable " + what;
  message += " (" + std::to_string(out.rows) + " rows";
  if (out.skipped_rows() > 0) message += ", " + std::to_string(out.skipped_rows()) + " bad rows skipped";
  for (const auto& [reason, count] : out.left_out) message += ", " + std::to_string(count) + " " + reason;
  return message + ")";
}

}  // namespace

std::optional<double> parse_calendar_time(std::string_view text) {
  // YYYY-MM-DD HH:MM:SS, then optionally .fraction
  unsigned year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (text.size() < 19 || text[4] != '-' || text[7] != '-' || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || text[16] != ':')
    return std::nullopt;
  if (!read_digits(text, 0, 4, year) || !read_digits(text, 5, 2, month) || !read_digits(text, 8, 2, day) ||
      !read_digits(text, 11, 2, hour) || !read_digits(text, 14, 2, minute) ||
      !read_digits(text, 17, 2, second))
    return std::nullopt;
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60)
    return std::nullopt;
  double fraction = 0;
  if (text.size() > 19) {
    if (text[19] != '.' || text.size() == 20) return std::nullopt;
    double scale = 0.1;
    for (std::size_t i = 20; i < text.size(); ++i, scale /= 10) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      fraction += (text[i] - '0') * scale;
    }
  }
  const std::int64_t days = days_from_civil(year, month, day);
  return static_cast<double>(days * 86400 + hour * 3600 + minute * 60 + second) + fraction;
}

double calendar_time(const CsvRow& row, std::size_t column) {
  const std::optional<double> time = parse_calendar_time(row.text(column));
  if (!time) row.fail(column, "a time \"YYYY-MM-DD HH:MM:SS[.fraction]\"");
  return *time;
}

std::optional<double> optional_time(const CsvRow& row, std::size_t column) {
  if (row.is_missing(column)) return std::nullopt;
  if (const std::optional<double> calendar = parse_calendar_time(row.text(column))) return calendar;
  return row.number(column, NumberRange::non_negative());
}

void finish_jobs(ImportedTrace& out, const std::string& path, bool shift_to_zero) {
  out.kind = TraceKind::Jobs;
  std::vector<JobSpec>& jobs = out.jobs.jobs;
  if (jobs.empty()) throw InputError(no_usable(out, path, "job"));
  const auto by_submit_time = [](const JobSpec& a, const JobSpec& b) { return a.submit_s < b.submit_s; };
  std::stable_sort(jobs.begin(), jobs.end(), by_submit_time);
  if (shift_to_zero) {
    const double first = jobs.front().submit_s;
    for (JobSpec& job : jobs) job.submit_s -= first;
    if (out.epoch_of_time_zero_s) *out.epoch_of_time_zero_s += first;
  }
}

void finish_requests(ImportedTrace& out, const std::string& path) {
  out.kind = TraceKind::Requests;
  std::vector<InferenceRequest>& requests = out.requests;
  if (requests.empty()) throw InputError(no_usable(out, path, "request"));
  std::stable_sort(
      requests.begin(), requests.end(),
      [](const InferenceRequest& a, const InferenceRequest& b) { return a.arrival_s < b.arrival_s; });
  const double first = requests.front().arrival_s;
  for (InferenceRequest& request : requests) request.arrival_s -= first;
  if (out.epoch_of_time_zero_s) *out.epoch_of_time_zero_s += first;
}

void count_machine(ClusterInventory& cluster, const std::string& type, int ppus, const MachineHost& host) {
  if (ppus == 0) {
    ++cluster.cpu_only_nodes;
    return;
  }
  auto it =
      std::find_if(cluster.groups.begin(), cluster.groups.end(), [&](const ClusterInventory::Group& group) {
        return group.ppu_type == type && group.ppus_per_node == ppus;
      });
  if (it == cluster.groups.end()) it = cluster.groups.insert(cluster.groups.end(), {type, ppus, 0, {}});
  ++it->nodes;
  auto same_host =
      std::find_if(it->hosts.begin(), it->hosts.end(), [&](const ClusterInventory::Group::HostCount& count) {
        return count.host.cpu_cores == host.cpu_cores && count.host.memory_gib == host.memory_gib;
      });
  if (same_host == it->hosts.end()) same_host = it->hosts.insert(it->hosts.end(), {host, 0});
  ++same_host->nodes;
}

void finish_cluster(ImportedTrace& out, const std::string& path) {
  out.kind = TraceKind::Cluster;
  if (out.cluster.groups.empty() && out.cluster.cpu_only_nodes == 0)
    throw InputError(no_usable(out, path, "machine"));
  std::sort(out.cluster.groups.begin(), out.cluster.groups.end(),
            [](const ClusterInventory::Group& a, const ClusterInventory::Group& b) {
              return a.ppu_type != b.ppu_type ? a.ppu_type < b.ppu_type : a.ppus_per_node < b.ppus_per_node;
            });
}

void JobsWithOpenEnds::note_time(std::optional<double> time_s) {
  if (time_s) window_end_s_ = std::max(window_end_s_, *time_s);
}

void JobsWithOpenEnds::add(JobSpec job, double start_s, std::optional<double> end_s) {
  note_time(start_s);
  note_time(end_s);
  pending_.push_back({std::move(job), start_s, end_s});
}

void JobsWithOpenEnds::finish(ImportedTrace& out) {
  out.jobs.jobs.reserve(out.jobs.jobs.size() + pending_.size());
  for (Pending& pending : pending_) {
    const double run_s = pending.end_s.value_or(window_end_s_) - pending.start_s;
    if (!(run_s > 0)) {
      ++out.left_out["ran for 0 s"];
      continue;
    }
    pending.job.measured_duration_s = run_s;
    out.jobs.jobs.push_back(std::move(pending.job));
  }
  pending_.clear();
}

}  // namespace ppusim
