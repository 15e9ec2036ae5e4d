// The fuzz targets: for each input format ppusim reads, a function that feeds raw bytes to its
// parser exactly as the program reads that file, and checks what must hold for any input.
//
// Used twice: fuzz/fuzz_main.cpp turns each into a libFuzzer target (fuzz/run.sh), and
// tests/test_robustness.cpp feeds every saved reproducer in tests/data/regressions/<name>/
// through the same function on every test run (docs/robustness.md).
//
// The contract every parser keeps: bad input ends in an InputError (exit 2, a message for the
// user), never in another exception (exit 1, "internal error"), a crash, a hang or a leak. A
// feed function returns Accepted or Rejected (an InputError); anything else it lets escape is
// a bug: a sanitizer report, or a std::logic_error from a property check below.
//
// Adding a target (a new trace importer, say) is a 10-line job:
//   1. a feed_<name>(std::string_view) function below, and a line in kFuzzTargets;
//   2. <name> in PPUSIM_FUZZ_TARGETS in fuzz/CMakeLists.txt;
//   3. its seed files in fuzz/seeds.sh (a case for <name>);
// and, once it has found something, tests/data/regressions/<name>/ (the test finds it).
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <array>
#include <cstdlib>
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

#include "sim/config/resource_estimate.hpp"
#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"
#include "sim/gate/baseline.hpp"
#include "sim/gate/metric_check.hpp"
#include "sim/gate/tolerances.hpp"
#include "workloads/importers/csv_table.hpp"
#include "workloads/importers/format_registry.hpp"
#include "workloads/importers/request_trace.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/trace_reader.hpp"

namespace ppusim::fuzz {

enum class Verdict { Accepted, Rejected };

/// The readers take a path. An anonymous in-memory file (memfd), opened again through
/// /proc/self/fd/N, gives them one without touching the disk a million times.
class MemoryFile {
 public:
  MemoryFile(const char* name, std::string_view content) : fd_(::memfd_create(name, MFD_CLOEXEC)) {
    if (fd_ < 0) throw std::runtime_error("memfd_create failed");
    for (std::size_t done = 0; done < content.size();) {
      const ssize_t wrote = ::write(fd_, content.data() + done, content.size() - done);
      if (wrote <= 0) {
        ::close(fd_);
        throw std::runtime_error("writing the memfd failed");
      }
      done += static_cast<std::size_t>(wrote);
    }
    path_ = "/proc/self/fd/" + std::to_string(fd_);
  }
  ~MemoryFile() { ::close(fd_); }
  MemoryFile(const MemoryFile&) = delete;
  MemoryFile& operator=(const MemoryFile&) = delete;

  const std::string& path() const { return path_; }

 private:
  int fd_;
  std::string path_;
};

/// Runs `parse`; an InputError is the expected way to refuse input, everything else escapes.
template <typename Parse>
Verdict accepts(Parse&& parse) {
  try {
    parse();
    return Verdict::Accepted;
  } catch (const InputError&) {
    return Verdict::Rejected;
  }
}

/// A property that must hold for every input; its failure is a bug, reported like a crash.
inline void require(bool holds, const std::string& what) {
  if (!holds) throw std::logic_error("fuzz property violated: " + what);
}

/// A scenario file, as `ppusim run` and `ppusim validate` read it: load_scenario (parse, check
/// every field and combination), then the memory estimate; and, for small job counts, the
/// generator, the next thing to read the accepted values, with what `ppusim trace generate`
/// promises: its trace reads back to the same jobs (docs/workloads.md).
inline Verdict feed_scenario(std::string_view input) {
  const MemoryFile file("scenario.json", input);
  return accepts([&] {
    const Scenario scenario = load_scenario(file.path());
    const ResourceEstimate estimate = estimate_resources(scenario);
    require(estimate.bytes > 0, "the memory estimate is positive");
    (void)describe_resources(estimate, AvailableMemory{1e9, false});
    // Larger counts only make executions slow; the generator's loop does not change with n.
    if (scenario.workload.generator && scenario.workload.generator->jobs <= 64) {
      // As load_workload (sim/app/run_pipeline.cpp) calls it; fuzz targets link the input readers
      // only (fuzz/CMakeLists.txt).
      const GeneratorContext context{scenario.node.ppus_per_node,
                                     scenario.ppu.peak_bf16_flops_per_s,
                                     scenario.workload.model_flops_utilization,
                                     scenario.ppu.hbm_bytes,
                                     scenario.workload.default_global_batch_tokens,
                                     &scenario};
      const JobTrace trace = generate_jobs(*scenario.workload.generator, context, scenario.simulation.seed);
      require(static_cast<std::int64_t>(trace.jobs.size()) == scenario.workload.generator->jobs,
              "the generator draws the requested number of jobs");
      std::ostringstream written;
      write_job_trace(trace, written);
      const MemoryFile copy("generated.jsonl", written.str());
      JobTrace back;
      require(accepts([&] { back = read_job_trace(copy.path(), false); }) == Verdict::Accepted,
              "the generator's trace reads back");
      std::ostringstream rewritten;
      write_job_trace(back, rewritten);
      require(rewritten.str() == written.str(), "the generator's trace reads back to the same jobs");
    }
  });
}

/// Line number of a job read from a trace: its origin is "path:LINE".
inline long origin_line(const JobSpec& job) {
  return std::strtol(job.origin.c_str() + job.origin.rfind(':') + 1, nullptr, 10);
}

/// A JSON Lines job trace (workloads/trace_reader.hpp), read strictly and with --skip-bad-rows.
/// Accepted traces must be sorted stably by submit time and must survive writing and reading
/// back: the written text reads back to jobs that write the same text.
inline Verdict feed_trace_jsonl(std::string_view input) {
  const MemoryFile file("trace.jsonl", input);
  JobTrace strict;
  const Verdict verdict = accepts([&] { strict = read_job_trace(file.path(), false); });
  JobTrace lenient;
  const Verdict skipping = accepts([&] { lenient = read_job_trace(file.path(), true); });
  if (verdict == Verdict::Accepted) {
    require(skipping == Verdict::Accepted && lenient.skipped_rows == 0 &&
                lenient.jobs.size() == strict.jobs.size(),
            "a trace read strictly reads the same with --skip-bad-rows");
  }
  if (skipping == Verdict::Rejected) return verdict;

  for (std::size_t i = 1; i < lenient.jobs.size(); ++i) {
    const JobSpec& a = lenient.jobs[i - 1];
    const JobSpec& b = lenient.jobs[i];
    require(a.submit_s < b.submit_s || (a.submit_s == b.submit_s && origin_line(a) < origin_line(b)),
            "jobs are sorted by submit time, ties in file order");
  }
  std::ostringstream written;
  write_job_trace(lenient, written);
  const MemoryFile copy("copy.jsonl", written.str());
  JobTrace back;
  require(accepts([&] { back = read_job_trace(copy.path(), false); }) == Verdict::Accepted,
          "a written trace reads back");
  std::ostringstream rewritten;
  write_job_trace(back, rewritten);
  require(rewritten.str() == written.str(), "a written trace reads back to the same jobs");
  return verdict;
}

/// The project's own gate files (scripts/ci-gate.sh), the fixed other half of a `ppusim check`.
inline const std::string kCiTolerances = PPUSIM_SOURCE_DIR "/configs/gate/ci-tolerances.json";
inline const std::string kCiBaseline = PPUSIM_SOURCE_DIR "/tests/data/ci-baseline.json";

/// A `ppusim check` tolerance file (sim/gate/tolerances.hpp), applied to the committed baseline
/// as `ppusim check` applies it: every metric's JSON pointer is looked up in the report.
inline Verdict feed_tolerances(std::string_view input) {
  const MemoryFile file("tolerances.json", input);
  return accepts([&] {
    static const ReportInput baseline = load_reference(kCiBaseline);
    (void)check_metrics(load_tolerances(file.path()), baseline, baseline);
  });
}

/// A report.json or baseline file given to `ppusim check` or `ppusim baseline`
/// (sim/gate/baseline.hpp), checked against itself under the project's tolerances.
inline Verdict feed_gate_report(std::string_view input) {
  const MemoryFile file("report.json", input);
  return accepts([&] {
    static const ToleranceSet tolerances = load_tolerances(kCiTolerances);
    const ReportInput report = load_reference(file.path());
    require_same_schema(report, report);
    (void)check_metrics(tolerances, report, report);
    (void)make_baseline(report);
  });
}

/// Any CSV file through the shared reader and table (workloads/importers/csv_table.hpp), every
/// field read as a number and an integer, and the two machine-list importers. Properties: a
/// record has one column per field, its columns increase, and a row error never stops the
/// reading of later rows.
inline Verdict feed_csv(std::string_view input) {
  const MemoryFile file("trace.csv", input);
  (void)accepts([&] {
    CsvTable table(CsvReader(std::string(input), "trace.csv"), {"a"}, true);
    CsvRecord empty;
    CsvRow row(table, empty);
    for (int guard = 0; guard < 100000; ++guard) {
      try {
        if (!table.next(row)) break;
        (void)row.optional_number(0);
      } catch (const InputError&) {
      }
    }
  });
  CsvReader reader{std::string(input), "trace.csv"};
  CsvRecord record;
  for (int guard = 0; guard < 100000; ++guard) {
    try {
      if (!reader.next(record)) break;
      require(record.fields.size() == record.columns.size(), "one column per field");
      for (std::size_t i = 1; i < record.columns.size(); ++i)
        require(
            record.columns[i] > record.columns[i - 1] || record.fields[i - 1].find('\n') != std::string::npos,
            "columns increase along a line");
    } catch (const InputError&) {
    }
  }
  const Verdict machines = accepts([&] { (void)import_trace("pai-machines", file.path(), {}); });
  const Verdict nodes = accepts([&] { (void)import_trace("openb-nodes", file.path(), {}); });
  return machines == Verdict::Accepted || nodes == Verdict::Accepted ? Verdict::Accepted : Verdict::Rejected;
}

/// The same bytes as each job-trace importer reads them, strictly and skipping bad rows.
/// Properties: what is accepted is a valid job trace (sorted, sizes >= 1, run times > 0,
/// ppu_milli only on one PPU) that ppusim's reader reads back.
inline Verdict feed_import_jobs(std::string_view input) {
  const MemoryFile file("trace.csv", input);
  Verdict any = Verdict::Rejected;
  for (const char* format :
       {"openb-pods", "dlrm-instances", "pai-tasks", "helios", "philly-runtimes", "philly-jobs"}) {
    for (const bool skip : {false, true}) {
      ImportOptions options;
      options.skip_bad_rows = skip;
      options.arrival_rate_per_s = 0.1;
      if (accepts([&] {
            const ImportedTrace trace = import_trace(format, file.path(), options);
            const auto& jobs = trace.jobs.jobs;
            for (std::size_t i = 0; i < jobs.size(); ++i) {
              require(jobs[i].ppus >= 1 && jobs[i].measured_duration_s && *jobs[i].measured_duration_s > 0,
                      "imported jobs have a size and a run time");
              require(!jobs[i].is_fractional() || jobs[i].ppus == 1, "ppu_milli only on one PPU");
              require(i == 0 || jobs[i - 1].submit_s <= jobs[i].submit_s, "imported jobs are sorted");
            }
            std::ostringstream written;
            write_job_trace(trace.jobs, written);
            const MemoryFile copy("imported.jsonl", written.str());
            // Ids of foreign traces may repeat or be empty; our reader then refuses them, cleanly.
            (void)accepts([&] { (void)read_job_trace(copy.path(), false); });
          }) == Verdict::Accepted)
        any = Verdict::Accepted;
    }
  }
  return any;
}

/// The same bytes as each request importer reads them. Properties: arrivals sorted, from 0,
/// and the written request trace reads back to the same count.
inline Verdict feed_import_requests(std::string_view input) {
  const MemoryFile file("trace.csv", input);
  Verdict any = Verdict::Rejected;
  for (const char* format : {"azure-llm", "lora-requests", "mooncake", "requests"}) {
    if (accepts([&] {
          const ImportedTrace trace = import_trace(format, file.path(), {});
          require(!trace.requests.empty() && trace.requests.front().arrival_s == 0, "requests start at 0");
          for (std::size_t i = 1; i < trace.requests.size(); ++i)
            require(trace.requests[i - 1].arrival_s <= trace.requests[i].arrival_s, "requests are sorted");
          std::ostringstream written;
          write_request_trace(trace.requests, written);
          const MemoryFile copy("requests.jsonl", written.str());
          ImportedTrace back;
          require(accepts([&] { back = import_trace("requests", copy.path(), {}); }) == Verdict::Accepted,
                  "the written request trace reads back");
          require(back.requests.size() == trace.requests.size(), "as many requests read back");
        }) == Verdict::Accepted)
      any = Verdict::Accepted;
  }
  return any;
}

struct FuzzTarget {
  std::string_view name;  // also the folder of its reproducers in tests/data/regressions/
  Verdict (*feed)(std::string_view input);
};

inline constexpr std::array kFuzzTargets{
    FuzzTarget{"scenario", feed_scenario},
    FuzzTarget{"trace_jsonl", feed_trace_jsonl},
    FuzzTarget{"tolerances", feed_tolerances},
    FuzzTarget{"gate_report", feed_gate_report},
    FuzzTarget{"csv", feed_csv},
    FuzzTarget{"import_jobs", feed_import_jobs},
    FuzzTarget{"import_requests", feed_import_requests},
};

}  // namespace ppusim::fuzz
