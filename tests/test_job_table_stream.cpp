// jobs.csv written row by row (stream_job_table_csv) is the same text as the table built whole,
// and an output file is only there once committed (AtomicFileWriter).
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>

#include "sim/core/atomic_file.hpp"
#include "sim/core/json_number.hpp"
#include "sim/report/job_csv.hpp"
#include "sim/report/job_delay_cdf.hpp"
#include "sim/report/report_builder.hpp"

using namespace ppusim;

namespace {

SimulationResult three_jobs() {
  std::vector<JobRecord> jobs(4);
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
  // Every column filled, with numbers whose text differs between writers: 0.1 (not
  // 0.1000000000000000055), 1e+18 (not 1e18), a whole double written with ".0", -0.0.
  jobs[3].id = "d";
  jobs[3].ppus = jobs[3].held_ppus = 1024;
  jobs[3].leaves_spanned = 2;
  jobs[3].submit_s = 0.1;
  jobs[3].start_s = 1e18;
  jobs[3].compute_s = 12345.678901234567;
  jobs[3].outcome = JobOutcome::Running;
  jobs[3].interruptions = {.interruptions = 2,
                           .lost_work_s = 1.0 / 3.0,
                           .restart_hold_s = 60,
                           .restart_setup_s = 2.5e-7,
                           .checkpoint_write_s = -0.0,
                           .productive_s = 5e-324};
  JobSpeed speed;
  speed.source = SpeedSource::StepModel;
  speed.step_time_s = 7.25;
  speed.mfu = 0.41;
  speed.breakdown_s = {.compute = 5,
                       .tensor_parallel = 0.5,
                       .bubble = 1e-5,
                       .pipeline_p2p = 0.25,
                       .data_parallel = 1e21,
                       .expert_all_to_all = 0,
                       .context_parallel = 123456789012345678.0};
  SimulationResult result{RunMetrics(std::move(jobs), 60, 1000), {}, {}, {}, 0, std::nullopt, {}};
  result.metrics.set_speed(3, speed);
  // Two pools: job d ran in pool b, job a spanned both (one node each).
  result.metrics.set_pools({"a", "b"});
  result.metrics.job_pool(3, 1);
  result.metrics.job_pool(0, 0);
  result.metrics.job_spans_pools(0, {1, 1});
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
  // Job d's line, cell by cell as nlohmann::json writes the numbers: the window ends at 100,
  // before its start at 1e18, so its wall time 100 − 1e18 is not positive and its ETTR is 0.
  CHECK(streamed.find("\nd,running,1024,1024,2,0.1,1e+18,,12345.678901234567,,2,0.3333333333333333,"
                      "60.00000025,-0.0,5e-324,0.0,step-model,7.25,0.41,5.0,0.5,1e-05,0.25,1e+21,0.0,"
                      "1.2345678901234568e+17,b\n") != std::string::npos);
  // The pool column: a job spanning pools names them all; a job never started, none.
  CHECK(streamed.find(",a+b\n") != std::string::npos);
  CHECK(streamed.find(",too large,") != std::string::npos);
  CHECK(streamed.find("\nc,rejected,1,0,0,20.0,,,0.0,too large,0,0.0,0.0,0.0,0.0,,") != std::string::npos);

  // The HTML report's delay samples from the records equal those read from the table:
  // queueing 5 − 0 and 1e18 − 0.1 for the two started jobs, completion 65 − 0 for the finished one.
  const JobDelaySamples direct = job_delays_from_records(result.metrics.jobs());
  const JobDelaySamples from_table = job_delays_from_table(build_job_table(result));
  CHECK(direct.queueing_s == std::vector<double>{5, 1e18 - 0.1});
  CHECK(direct.completion_s == std::vector<double>{65});
  CHECK(direct.queueing_s == from_table.queueing_s);
  CHECK(direct.completion_s == from_table.completion_s);
}

TEST_CASE("numbers are appended as nlohmann::json writes them", "[report]") {
  // Values whose shortest round-trip text is unusual: exponents of 1, 2 and 3 digits, both
  // signs, whole doubles, subnormals, the limits, and 10,000 pseudo-random bit patterns.
  std::vector<double> values = {0.0,
                                -0.0,
                                1.0,
                                -1.0,
                                0.1,
                                1e-4,
                                1.5e-5,
                                1e15,
                                1e16,
                                1e17,
                                123456789012345680.0,
                                1e100,
                                1e-100,
                                5e-324,
                                1.7976931348623157e308,
                                2.2250738585072014e-308,
                                std::nan(""),
                                std::numeric_limits<double>::infinity(),
                                -1e-7};
  std::uint64_t bits = 0x9E3779B97F4A7C15ULL;
  for (int i = 0; i < 10000; ++i) {
    bits ^= bits << 13, bits ^= bits >> 7, bits ^= bits << 17;  // xorshift64
    double value;
    std::memcpy(&value, &bits, sizeof value);
    values.push_back(value);
  }
  for (double value : values) {
    std::string text;
    append_json_number(text, value);
    CHECK(text == nlohmann::json(value).dump());
  }
  for (long long value : {0LL, 7LL, -7LL, 9223372036854775807LL, -9223372036854775807LL - 1}) {
    std::string text;
    append_json_number(text, value);
    CHECK(text == nlohmann::json(value).dump());
  }
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
