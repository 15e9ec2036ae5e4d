// jobs.csv written row by row (stream_job_table_csv) is the same text as the table built whole,
// and an output file is only there once committed (AtomicFileWriter).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sim/core/atomic_file.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/report_builder.hpp"

using namespace ppusim;

namespace {

SimulationResult three_jobs() {
  std::vector<JobRecord> jobs(3);
  jobs[0].id = "a";
  jobs[0].ppus = jobs[0].held_ppus = 8;
  jobs[0].submit_s = 0;
  jobs[0].start_s = 5;
  jobs[0].end_s = 65;
  jobs[0].outcome = JobOutcome::Finished;
  jobs[1].id = "b,\"quoted\"";  // needs RFC 4180 quoting
  jobs[1].ppus = 16;
  jobs[1].submit_s = 10;
  jobs[1].outcome = JobOutcome::Queued;
  jobs[2].id = "c";
  jobs[2].ppus = 1;
  jobs[2].submit_s = 20;
  jobs[2].outcome = JobOutcome::Rejected;
  jobs[2].reject_reason = "too large";
  SimulationResult result{RunMetrics(std::move(jobs), 60, 1000), {}, {}, {}, 0, std::nullopt, {}};
  result.metrics.close(100);
  return result;
}

}  // namespace

TEST_CASE("jobs.csv streamed in chunks equals the whole table's CSV", "[report]") {
  const SimulationResult result = three_jobs();
  std::string streamed;
  int chunks = 0;
  stream_job_table_csv(result, [&](const std::string& text) {
    streamed += text;
    ++chunks;
  });
  CHECK(streamed == format_job_table_csv(build_job_table(result)));
  CHECK(chunks == 1);  // far below the 1 MB chunk
  CHECK(streamed.find("\"b,\"\"quoted\"\"\"") != std::string::npos);

  // The HTML report's delay samples from the records equal those read from the table:
  // queueing 5 − 0 for the started job, completion 65 − 0 for the finished one.
  const JobDelaySamples direct = job_delays_from_records(result.metrics.jobs());
  const JobDelaySamples from_table = job_delays_from_table(build_job_table(result));
  CHECK(direct.queueing_s == std::vector<double>{5});
  CHECK(direct.completion_s == std::vector<double>{65});
  CHECK(direct.queueing_s == from_table.queueing_s);
  CHECK(direct.completion_s == from_table.completion_s);
}

TEST_CASE("an output file written piece by piece appears only when committed", "[report]") {
  namespace fs = std::filesystem;
  const fs::path folder = fs::temp_directory_path() / ("ppusim-atomic-" + std::to_string(::getpid()));
  const fs::path path = folder / "jobs.csv";
  {
    AtomicFileWriter file(path.string());
    file.write("id\n");
    CHECK_FALSE(fs::exists(path));
  }  // abandoned: no target, no temporary left
  CHECK_FALSE(fs::exists(path));
  CHECK(fs::is_empty(folder));
  {
    AtomicFileWriter file(path.string());
    file.write("id\n");
    file.write("a\n");
    file.commit();
  }
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  CHECK(text.str() == "id\na\n");
  CHECK(std::distance(fs::directory_iterator(folder), fs::directory_iterator()) == 1);
  fs::remove_all(folder);
}
