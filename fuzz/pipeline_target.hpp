// The whole-pipeline fuzz target: a scenario file goes through everything `ppusim run` does —
// load, validate, resource estimate, workload, simulation, report, every output format — and
// must end in a report or in an InputError (exit 2). Nothing that validates may crash, hang,
// grow without bound or report a NaN (issue #16, docs/robustness.md, "Whole-pipeline fuzzing").
//
// Budgets keep one execution small, so that a campaign tries thousands of scenarios:
//   - scenarios whose resource estimate is above kBudget (memory, jobs, nodes, time bins) are
//     skipped: `run` would take them, but they only make executions slow;
//   - the simulation stops (as on Ctrl-C: an interrupted, complete report) after
//     kBudget.manager_wakes wake-ups of the cluster manager;
//   - the simulation runs in a child process (SimGrid allows one engine per process) that may
//     use kBudget.child_wall_s of wall time and kBudget.child_rss_bytes of memory. Going over
//     either, in a scenario that small, is the hang or the runaway allocation the target looks
//     for: it is a finding.
// Coverage: libFuzzer sees the parent's coverage only — the loader, the workload, and the
// report's text, CSV and HTML renderers, which the parent runs again on the child's report.
//
// Not part of kFuzzTargets (fuzz/fuzz_targets.hpp): it links the engine and SimGrid, which the
// parser targets do not. fuzz/fuzz_main.cpp picks it when PPUSIM_FUZZ_WHOLE_PIPELINE is set;
// tests/test_fuzz_pipeline.cpp replays its seeds and findings.
#pragma once

#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "fuzz/fuzz_targets.hpp"
#include "sim/app/die_with_parent.hpp"
#include "sim/cli/commands.hpp"
#include "sim/engine/stop_request.hpp"
#include "sim/inference/service_report.hpp"
#include "sim/metrics/observed_simulation.hpp"
#include "sim/metrics/run_observer.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/job_csv.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/measured_duration_note.hpp"
#include "sim/report/report_builder.hpp"
#include "sim/report/report_json.hpp"
#include "sim/report/summary_table.hpp"
#include "workloads/measured_work.hpp"

namespace ppusim::fuzz {

struct PipelineBudget {
  double estimate_bytes = 256.0 * (1 << 20);  // estimate_resources(), before ASan's overhead
  double jobs = 64;
  std::int64_t nodes = 256;
  double time_series_bins = 20000;
  std::int64_t manager_wakes = 20000;  // then the run stops, as on Ctrl-C
  unsigned child_wall_s = 8;           // under fuzz/run.sh's -timeout=10, which would call it a hang first
  double child_rss_bytes = 1536.0 * (1 << 20);  // ASan's shadow and quarantine included
};
inline constexpr PipelineBudget kBudget{};

/// How far the inputs of a campaign got, printed at exit when PPUSIM_FUZZ_PIPELINE_COUNTS is
/// set (docs/robustness.md, "Runs"): most mutations are refused by the loader.
struct PipelineCounts {
  long refused = 0;      // by the loader, the workload, or the simulation (InputError)
  long over_budget = 0;  // valid, skipped
  long reported = 0;     // ran to a report
  long capped = 0;       // of those, stopped by the event cap
};
inline PipelineCounts& pipeline_counts() {
  static PipelineCounts counts;
  static const bool printed = [] {
    if (std::getenv("PPUSIM_FUZZ_PIPELINE_COUNTS") != nullptr) {
      std::atexit([] {
        const PipelineCounts& c = pipeline_counts();
        std::fprintf(
            stderr,
            "pipeline: refused %ld, over the budget %ld, reported %ld (%ld stopped by the event cap)\n",
            c.refused, c.over_budget, c.reported, c.capped);
      });
    }
    return true;
  }();
  (void)printed;
  return counts;
}

/// Stops the run after a number of manager wake-ups: the simulated-event cap.
class WakeCap : public RunObserver {
 public:
  explicit WakeCap(std::int64_t wakes) : left_(wakes) {}
  void on_wake(double, const RunMetrics&, const EngineCounters&) override {
    if (--left_ == 0) request_stop(SIGTERM);
  }

 private:
  std::int64_t left_;
};

/// Resident memory of this process, from /proc/self/statm.
inline double resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  double pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<double>(::sysconf(_SC_PAGESIZE));
}

/// The child's memory budget: a thread that ends the child, with its own exit status, when it
/// goes over. (An address-space limit cannot be used: ASan reserves terabytes of it.)
inline constexpr int kOverMemoryStatus = 97;
inline void* watch_memory(void*) {
  while (true) {
    if (resident_bytes() > kBudget.child_rss_bytes) ::_exit(kOverMemoryStatus);
    ::usleep(20000);
  }
  return nullptr;
}

/// A number that is not finite anywhere in the report (nlohmann writes it as null, silently).
inline std::string first_non_finite(const nlohmann::json& value, const std::string& path = "") {
  if (value.is_number_float() && !std::isfinite(value.get<double>())) return path.empty() ? "/" : path;
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      const std::string found = first_non_finite(item, path + "/" + key);
      if (!found.empty()) return found;
    }
  } else if (value.is_array()) {
    for (std::size_t i = 0; i < value.size(); ++i) {
      const std::string found = first_non_finite(value[i], path + "/" + std::to_string(i));
      if (!found.empty()) return found;
    }
  }
  return "";
}

/// `word` in `text` as a word of its own ("nan", not the "nan" of "finance"), any case.
inline bool contains_word(const std::string& text, std::string_view word) {
  const auto letter = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    bool same = true;
    for (std::size_t i = 0; i < word.size() && same; ++i)
      same = std::tolower(static_cast<unsigned char>(text[at + i])) == word[i];
    if (same && (at == 0 || !letter(text[at - 1])) &&
        (at + word.size() == text.size() || !letter(text[at + word.size()])))
      return true;
  }
  return false;
}

/// Everything `ppusim run` writes, built in memory: the properties hold for all of them.
/// Checked in the child, on the report as built: written out, a NaN becomes a silent null.
/// Returns what is violated, or "".
inline std::string check_outputs(const SimulationResult& result, const nlohmann::json& report) {
  const std::string non_finite = first_non_finite(report);
  if (!non_finite.empty()) return "every number in report.json is finite (" + non_finite + " is not)";
  const Report typed = report_from_json(report);
  const std::string summary = format_summary_table(typed);
  for (const char* bad : {"nan", "inf"}) {
    if (contains_word(summary, bad)) return std::string("the summary shows no \"") + bad + "\"";
  }
  std::string jobs_csv;
  stream_job_table_csv(result, [&jobs_csv](const std::string& text) { jobs_csv += text; });
  const JobDelaySamples delays = job_delays_from_records(result.metrics.jobs());
  (void)format_time_series_csv(typed.time_series);
  (void)render_run_html(typed, &delays);
  if (!result.services.empty()) (void)format_requests_csv(result.services);
  return "";
}

/// In the child: simulate and report, then send through `fd` "R" + report.json, "P" + a
/// property the outputs violate, "I" + an InputError's message or "E" + another exception's.
[[noreturn]] inline void simulate_and_report(const Scenario& scenario, const JobTrace& trace, int fd) {
  // SIGALRM ends the child: over the wall budget. The default action first: the child inherits
  // libFuzzer's own SIGALRM handler, which would swallow it.
  ::signal(SIGALRM, SIG_DFL);
  ::alarm(kBudget.child_wall_s);
  pthread_t watcher;
  ::pthread_create(&watcher, nullptr, watch_memory, nullptr);
  std::string message;
  int status = 0;
  try {
    WakeCap cap(kBudget.manager_wakes);
    const SimulationResult result = observed_simulation(scenario, trace, {&cap});
    Report typed = make_report(scenario, result);
    add_measured_duration_counts(typed.jobs, count_measured_durations(trace));
    const nlohmann::json report = report_to_json(typed);
    const std::string violated = check_outputs(result, report);
    message = violated.empty() ? "R" + report.dump() : "P" + violated;
  } catch (const InputError& error) {
    message = std::string("I") + error.what();
  } catch (const std::exception& error) {
    message = std::string("E") + error.what();
    status = 1;
  }
  for (std::size_t done = 0; done < message.size();) {
    const ssize_t wrote = ::write(fd, message.data() + done, message.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) break;
    done += static_cast<std::size_t>(wrote);
  }
  ::_exit(status);  // no atexit handlers, no leak check of a process that is going away
}

/// Runs the child and turns its outcome into a verdict or a finding.
inline Verdict simulate_in_budget(const Scenario& scenario, const JobTrace& trace) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    die_with_parent(parent);
    ::close(fds[0]);
    simulate_and_report(scenario, trace, fds[1]);
  }
  ::close(fds[1]);
  std::string text;
  char buffer[65536];
  // libFuzzer's timeout timer interrupts the parent every second (EINTR): retry, or the child
  // would get SIGPIPE writing into a pipe closed early (the first campaign's one "crash").
  while (true) {
    const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
    if (got > 0) {
      text.append(buffer, static_cast<std::size_t>(got));
    } else if (got == 0 || errno != EINTR) {
      break;
    }
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(child, &status, 0) < 0 && errno == EINTR) {
  }
  if (WIFSIGNALED(status)) {
    require(WTERMSIG(status) != SIGALRM, "the simulation ends within the wall budget");
    require(false, "the simulation does not crash (signal " + std::to_string(WTERMSIG(status)) + ")");
  }
  require(!(WIFEXITED(status) && WEXITSTATUS(status) == kOverMemoryStatus),
          "the simulation stays within the memory budget");
  require(!text.empty(), "the simulation reports (exit status " + std::to_string(status) + ")");
  if (text[0] == 'I') {
    ++pipeline_counts().refused;
    return Verdict::Rejected;
  }
  require(text[0] != 'P', text.substr(1));
  require(text[0] == 'R', "no exception other than an InputError escapes: " + text.substr(1, 300));

  const Report typed = report_from_json(nlohmann::json::parse(text.substr(1)));
  require(static_cast<double>(typed.jobs.finished + typed.jobs.rejected) <=
              static_cast<double>(trace.jobs.size()),
          "no more jobs finished or rejected than were submitted");
  // The renderers again, in this process, so that libFuzzer sees their coverage.
  (void)format_summary_table(typed);
  (void)format_time_series_csv(typed.time_series);
  (void)render_run_html(typed, nullptr);
  ++pipeline_counts().reported;
  if (typed.interrupted_at_s) ++pipeline_counts().capped;
  return Verdict::Accepted;
}

/// A scenario file, through the whole pipeline within kBudget.
inline Verdict feed_pipeline(std::string_view input) {
  const MemoryFile file("scenario.json", input);
  Scenario scenario;
  ResourceEstimate estimate;
  const Verdict loaded = accepts([&] {
    scenario = load_scenario(file.path());
    estimate = estimate_resources(scenario);
  });
  PipelineCounts& counts = pipeline_counts();
  if (loaded == Verdict::Rejected) {
    ++counts.refused;
    return Verdict::Rejected;
  }
  if (estimate.bytes > kBudget.estimate_bytes || !estimate.jobs_known || estimate.jobs > kBudget.jobs ||
      estimate.nodes > kBudget.nodes || estimate.time_series_bins > kBudget.time_series_bins) {
    ++counts.over_budget;  // valid, but not this target's business
    return Verdict::Rejected;
  }
  JobTrace trace;
  if (accepts([&] { trace = load_workload(scenario); }) == Verdict::Rejected) {
    ++counts.refused;
    return Verdict::Rejected;
  }
  if (static_cast<double>(trace.jobs.size()) > kBudget.jobs) {
    ++counts.over_budget;
    return Verdict::Rejected;
  }
  return simulate_in_budget(scenario, trace);
}

/// Structure-aware mutation (libFuzzer's custom mutator, fuzz/fuzz_main.cpp). Byte mutations
/// of a scenario almost always break its JSON, and the loader refuses it: in a first campaign
/// 50 of 43,157 inputs reached the simulation. This one keeps the document valid JSON and
/// changes what the simulation reads: a number scaled by a power of ten, negated, made 0, 1,
/// tiny or huge, or a key removed. Returns the new size, or 0 when `data` is not a JSON
/// document (the caller then mutates bytes).
inline std::size_t mutate_scenario(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                   unsigned int seed) {
  nlohmann::json document = nlohmann::json::parse(data, data + size, nullptr, false);
  if (document.is_discarded() || !document.is_object()) return 0;
  std::vector<nlohmann::json*> numbers;
  std::vector<std::pair<nlohmann::json*, std::string>> keys;  // (object, key)
  std::vector<nlohmann::json*> open{&document};
  while (!open.empty()) {
    nlohmann::json* value = open.back();
    open.pop_back();
    if (value->is_number()) numbers.push_back(value);
    if (value->is_object()) {
      for (auto& [key, item] : value->items()) {
        keys.emplace_back(value, key);
        open.push_back(&item);
      }
    } else if (value->is_array()) {
      for (auto& item : *value) open.push_back(&item);
    }
  }
  std::mt19937 random(seed);
  const auto pick = [&random](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(random);
  };
  if (!numbers.empty() && (keys.empty() || pick(8) != 0)) {
    nlohmann::json& number = *numbers[pick(numbers.size())];
    const double x = number.get<double>();
    const double choices[] = {x * std::pow(10.0, static_cast<double>(pick(25)) - 12),
                              -x,
                              0,
                              1,
                              x + 1,
                              std::floor(x / 2),
                              1e308,
                              5e-324,
                              x * 1.5,
                              2147483647,
                              1e-9};
    const double chosen = choices[pick(std::size(choices))];
    const bool integral = chosen == std::floor(chosen) && std::abs(chosen) < 9e15;
    number = integral ? nlohmann::json(static_cast<std::int64_t>(chosen)) : nlohmann::json(chosen);
  } else if (!keys.empty()) {
    const auto& [object, key] = keys[pick(keys.size())];
    object->erase(key);
  }
  const std::string text = document.dump(1);
  if (text.size() > max_size) return 0;
  std::memcpy(data, text.data(), text.size());
  return text.size();
}

}  // namespace ppusim::fuzz
