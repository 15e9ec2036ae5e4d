// The job trace format: parsing, ordering, error messages, skipping bad rows, round trips.
#include <atomic>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "sim/core/input_error.hpp"
#include "workloads/synthetic_generator.hpp"
#include "workloads/trace_reader.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {
namespace {

using Catch::Matchers::Contains;

/// A fresh directory under the system's temp folder, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto tag = std::to_string(std::random_device{}()) + "-" + std::to_string(counter++);
    path_ = std::filesystem::temp_directory_path() / ("ppusim-trace-test-" + tag);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `content` to a file of this name and returns its path.
  std::string write(const std::string& name, const std::string& content) const {
    const auto file = (path_ / name).string();
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }

  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

void require_same_jobs(const std::vector<JobSpec>& a, const std::vector<JobSpec>& b) {
  REQUIRE(a.size() == b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    INFO("job " << i << " (" << a[i].id << ")");
    CHECK(a[i].id == b[i].id);
    CHECK(a[i].submit_s == b[i].submit_s);
    CHECK(a[i].ppus == b[i].ppus);
    CHECK(a[i].precision == b[i].precision);
    CHECK(a[i].total_flops == b[i].total_flops);
    CHECK(a[i].measured_duration_s == b[i].measured_duration_s);
    REQUIRE(a[i].model.has_value() == b[i].model.has_value());
    if (a[i].model) {
      CHECK(a[i].model->parameters == b[i].model->parameters);
      CHECK(a[i].model->tokens == b[i].model->tokens);
      CHECK(a[i].model->global_batch_tokens == b[i].model->global_batch_tokens);
      REQUIRE(a[i].model->shape.has_value() == b[i].model->shape.has_value());
      if (a[i].model->shape) {
        const TransformerShape &x = *a[i].model->shape, &y = *b[i].model->shape;
        CHECK((x.layers == y.layers && x.hidden == y.hidden && x.heads == y.heads &&
               x.sequence_length == y.sequence_length && x.vocabulary == y.vocabulary &&
               x.experts == y.experts && x.top_k == y.top_k));
      }
    }
    CHECK(a[i].parallelism.tensor == b[i].parallelism.tensor);
    CHECK(a[i].parallelism.pipeline == b[i].parallelism.pipeline);
    CHECK(a[i].parallelism.expert == b[i].parallelism.expert);
    CHECK(a[i].parallelism.micro_batches == b[i].parallelism.micro_batches);
    CHECK(a[i].parallelism.zero_stage == b[i].parallelism.zero_stage);
    CHECK(a[i].parallelism.recomputation == b[i].parallelism.recomputation);
    CHECK(a[i].ppu_milli == b[i].ppu_milli);
    CHECK(a[i].dataset_bytes == b[i].dataset_bytes);
  }
}

TEST_CASE("trace reader parses the three descriptions of work", "[trace]") {
  TempDir dir;
  const auto path =
      dir.write("three.jsonl",
                "# three jobs\n"
                R"({"id": "j1", "submit_s": 0, "ppus": 64, "flops": 1.2e21})"
                "\n"
                R"({"id": "j2", "submit_s": 10.5, "ppus": 1024, "model": {"parameters": 7e9, )"
                R"("tokens": 1e11, "global_batch_tokens": 4194304}, "parallelism": {"tensor": 8, )"
                R"("pipeline": 2}, "dataset_bytes": 1e12, "precision": "bf16"})"
                "\n\n"
                R"({"id": "j3", "submit_s": 20, "ppus": 8, "duration_s": 3600, "precision": "fp8"})"
                "\n");
  const JobTrace trace = read_job_trace(path, false);
  REQUIRE(trace.jobs.size() == 3);
  CHECK(trace.skipped_rows == 0);

  const JobSpec& j1 = trace.jobs[0];
  CHECK(j1.id == "j1");
  CHECK(j1.submit_s == 0);
  CHECK(j1.ppus == 64);
  REQUIRE(j1.total_flops);
  CHECK(*j1.total_flops == 1.2e21);
  CHECK_FALSE(j1.model);
  CHECK_FALSE(j1.measured_duration_s);
  CHECK(j1.parallelism.tensor == 1);
  CHECK(j1.parallelism.pipeline == 1);
  CHECK(j1.dataset_bytes == 0);
  CHECK(j1.precision == Precision::Bf16);
  CHECK(j1.origin == path + ":2");

  const JobSpec& j2 = trace.jobs[1];
  CHECK(j2.submit_s == 10.5);
  CHECK(j2.ppus == 1024);
  REQUIRE(j2.model);
  CHECK(j2.model->parameters == 7e9);
  CHECK(j2.model->tokens == 1e11);
  CHECK(j2.model->global_batch_tokens == 4194304);
  CHECK_FALSE(j2.total_flops);
  CHECK(j2.parallelism.tensor == 8);
  CHECK(j2.parallelism.pipeline == 2);
  CHECK(j2.dataset_bytes == 1e12);
  CHECK(j2.origin == path + ":3");

  const JobSpec& j3 = trace.jobs[2];
  REQUIRE(j3.measured_duration_s);
  CHECK(*j3.measured_duration_s == 3600);
  CHECK(j3.precision == Precision::Fp8);
  CHECK(j3.origin == path + ":5");  // the blank line counts
}

TEST_CASE("trace reader defaults, comments, CRLF and integral floats", "[trace]") {
  TempDir dir;
  const auto path =
      dir.write("misc.jsonl",
                "  # indented comment\r\n"
                "   \r\n"
                R"({"id": "a", "submit_s": 1, "ppus": 16.0, "model": {"parameters": 1e9, "tokens": 2e10}})"
                "\r\n"
                R"({"id": "b", "submit_s": 2, "ppus": 4, "flops": 5, "parallelism": {"pipeline": 2}})");
  const JobTrace trace = read_job_trace(path, false);
  REQUIRE(trace.jobs.size() == 2);
  CHECK(trace.jobs[0].ppus == 16);
  CHECK(trace.jobs[0].model->global_batch_tokens == 0);  // 0 = the workload default
  CHECK(trace.jobs[0].origin == path + ":3");
  CHECK(trace.jobs[1].parallelism.tensor == 1);
  CHECK(trace.jobs[1].parallelism.pipeline == 2);
}

TEST_CASE("trace reader sorts by submit time, keeping file order on ties", "[trace]") {
  TempDir dir;
  const auto path = dir.write("unsorted.jsonl", R"({"id": "late-1", "submit_s": 50, "ppus": 1, "flops": 1})"
                                                "\n"
                                                R"({"id": "early-1", "submit_s": 0, "ppus": 1, "flops": 1})"
                                                "\n"
                                                R"({"id": "late-2", "submit_s": 50, "ppus": 1, "flops": 1})"
                                                "\n"
                                                R"({"id": "middle", "submit_s": 7.5, "ppus": 1, "flops": 1})"
                                                "\n"
                                                R"({"id": "early-2", "submit_s": 0, "ppus": 1, "flops": 1})"
                                                "\n"
                                                R"({"id": "late-3", "submit_s": 50, "ppus": 1, "flops": 1})"
                                                "\n");
  const JobTrace trace = read_job_trace(path, false);
  std::vector<std::string> ids;
  for (const JobSpec& job : trace.jobs) ids.push_back(job.id);
  CHECK(ids == std::vector<std::string>{"early-1", "early-2", "middle", "late-1", "late-2", "late-3"});
  CHECK(trace.jobs[3].origin == path + ":1");
}

TEST_CASE("trace reader error messages name the file, line, field, found and expected", "[trace]") {
  TempDir dir;
  // The bad row is on line 3, after a comment and a good row.
  const auto read_bad_row = [&dir](const std::string& row) {
    const auto path = dir.write("bad.jsonl",
                                "# header\n"
                                R"({"id": "ok", "submit_s": 0, "ppus": 8, "flops": 1})"
                                "\n" +
                                    row + "\n");
    return read_job_trace(path, false);
  };
  const std::string at = (std::filesystem::path(dir.path()) / "bad.jsonl").string() + ":3: ";

  SECTION("ppus") {
    REQUIRE_THROWS_AS(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": -3, "flops": 1})"), InputError);
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": -3, "flops": 1})"),
                        Contains(at + "/ppus: found -3, expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 0, "flops": 1})"),
                        Contains(at + "/ppus: found 0, expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1.5, "flops": 1})"),
                        Contains(at + "/ppus: found 1.5, expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": "8", "flops": 1})"),
                        Contains(at + "/ppus: found \"8\" (a string), expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 4294967296, "flops": 1})"),
                        Contains(at + "/ppus: found 4294967296, expected a positive integer <= 2147483647"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "flops": 1})"),
                        Contains(at + "/ppus: missing, expected a positive integer"));
  }
  SECTION("id and submit_s") {
    REQUIRE_THROWS_WITH(read_bad_row(R"({"submit_s": 0, "ppus": 1, "flops": 1})"),
                        Contains(at + "/id: missing, expected a non-empty string"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": 7, "submit_s": 0, "ppus": 1, "flops": 1})"),
                        Contains(at + "/id: found 7 (a number), expected a non-empty string"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "", "submit_s": 0, "ppus": 1, "flops": 1})"),
                        Contains(at + "/id: found \"\", expected a non-empty string"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": -1, "ppus": 1, "flops": 1})"),
                        Contains(at + "/submit_s: found -1, expected a number >= 0"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": null, "ppus": 1, "flops": 1})"),
                        Contains(at + "/submit_s: found null, expected a number >= 0"));
  }
  SECTION("work description") {
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1})"),
        Contains(at + "/: found none of \"flops\", \"model\", \"duration_s\", expected exactly one of"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1, "duration_s": 5})"),
                        Contains(at + "/duration_s: found together with \"flops\", expected exactly one of "
                                      "\"flops\", \"model\", \"duration_s\""));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1,)"
                                     R"( "model": {"parameters": 1, "tokens": 1}})"),
                        Contains(at + "/model: found together with \"flops\""));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 0})"),
                        Contains(at + "/flops: found 0, expected a number > 0"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "duration_s": -5})"),
                        Contains(at + "/duration_s: found -5, expected a number > 0"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": 7e9})"),
                        Contains(at + "/model: found 7000000000.0, expected an object"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"tokens": 1}})"),
                        Contains(at + "/model/parameters: missing, expected a number > 0"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"parameters": 1, "tokens": 0}})"),
        Contains(at + "/model/tokens: found 0, expected a number > 0"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"parameters": 1,)"
                                     R"( "tokens": 1, "global_batch_tokens": -1}})"),
                        Contains(at + "/model/global_batch_tokens: found -1, expected a number > 0"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"parameters": 1,)"
                                     R"( "tokens": 1, "layer": 32}})"),
                        Contains(at + "/model/layer: unknown key; allowed keys here: parameters, tokens, "
                                      "global_batch_tokens, layers") &&
                            Contains("did you mean \"layers\"?"));
  }
  SECTION("model shape") {
    const std::string shape = R"("layers": 4, "hidden": 1024, "sequence_length": 2048)";
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"parameters": 1,)"
                                     R"( "tokens": 1, )" +
                                     shape + "}}"),
                        Contains(at + "/model/parameters: found together with a shape, expected either"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"tokens": 1,)"
                                     R"( "layers": 4, "hidden": 1024}})"),
                        Contains(at + "/model/sequence_length: missing, expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"tokens": 1, )" +
                                     shape + R"(, "experts": 4, "top_k": 8}})"),
                        Contains(at + "/model/top_k: found 8, expected at most \"experts\" (4)"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "model": {"tokens": 1, )" + shape +
                     R"(, "global_batch_tokens": 1000}})"),
        Contains(at + "/model/global_batch_tokens: found 1000, expected at least one sequence"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "model": {"tokens": 1, )" + shape +
                     R"(}, "parallelism": {"pipeline": 8}})"),
        Contains(at + "/parallelism/pipeline: found 8, expected at most the model's layers (4)"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "model": {"tokens": 1, )" + shape +
                     R"(, "experts": 8}, "parallelism": {"tensor": 2, "expert": 8}})"),
        Contains(at + "/parallelism/expert: found 8, expected a divisor of the data-parallel "
                      "degree ppus / (tensor * pipeline) = 4"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "model": {"tokens": 1, )" + shape +
                     R"(}, "parallelism": {"expert": 2}})"),
        Contains(at + "/parallelism/expert: found 2, expected 1, or a divisor of the model's"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "flops": 1,)"
                     R"( "parallelism": {"zero_stage": 4}})"),
        Contains(at + "/parallelism/zero_stage: found 4, expected a non-negative integer <= 3"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "flops": 1,)"
                     R"( "parallelism": {"recomputation": "some"}})"),
        Contains(at + "/parallelism/recomputation: found \"some\", expected one of \"none\""));
  }
  SECTION("ppu_milli") {
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 2, "flops": 1, "ppu_milli": 500})"),
        Contains(at +
                 "/ppu_milli: found with ppus 2, expected ppus 1 (a fraction is a share of a single PPU)"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1, "ppu_milli": 1001})"),
        Contains(at + "/ppu_milli: found 1001, expected a positive integer <= 1000"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1, "ppu_milli": 0})"),
                        Contains(at + "/ppu_milli: found 0, expected a positive integer <= 1000"));
  }
  SECTION("parallelism, dataset_bytes, precision") {
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 64, "flops": 1,)"
                                     R"( "parallelism": {"tensor": 8, "pipeline": 3}})"),
                        Contains(at + "/parallelism: found tensor 8 * pipeline 3 = 24, expected a divisor of "
                                      "ppus (64)"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 64, "flops": 1,)"
                                     R"( "parallelism": {"tensor": 0}})"),
                        Contains(at + "/parallelism/tensor: found 0, expected a positive integer"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 64, "flops": 1,)"
                                     R"( "parallelism": {"data": 8}})"),
                        Contains(at + "/parallelism/data: unknown key"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 64, "flops": 1, "parallelism": 8})"),
        Contains(at + "/parallelism: found 8, expected an object"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1, "dataset_bytes": -1})"),
        Contains(at + "/dataset_bytes: found -1, expected a number >= 0"));
    REQUIRE_THROWS_WITH(
        read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 1, "flops": 1, "precision": "fp16"})"),
        Contains(at + "/precision: found \"fp16\", expected one of \"bf16\", \"fp8\""));
  }
  SECTION("unknown keys, repeated keys, not an object, not JSON") {
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "gpus": 1, "flops": 1})"),
                        Contains(at + "/gpus: unknown key; allowed keys here: id, submit_s"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "flops": 1, "ppus": 64})"),
                        Contains(at + "/ppus: duplicate key; each key may appear only once"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "model": {"tokens": 1,)"
                                     R"( "parameters": 1, "tokens": 2}})"),
                        Contains(at + "/model/tokens: duplicate key"));
    REQUIRE_THROWS_WITH(read_bad_row(R"(["x", 0, 8])"),
                        Contains(at + "/: found an array, expected a JSON object"));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "flops": 1)"),
                        Contains(at + "column ") && Contains(": invalid JSON: "));
    REQUIRE_THROWS_WITH(read_bad_row(R"({"id": "x", "submit_s": 0, "ppus": 8, "flops": 1e400})"),
                        Contains(at + "invalid JSON: number overflow"));
  }
}

TEST_CASE("trace reader rejects a repeated id, naming both lines", "[trace]") {
  TempDir dir;
  const auto path = dir.write("dup.jsonl", R"({"id": "j1", "submit_s": 0, "ppus": 1, "flops": 1})"
                                           "\n"
                                           R"({"id": "j2", "submit_s": 0, "ppus": 1, "flops": 1})"
                                           "\n"
                                           R"({"id": "j1", "submit_s": 5, "ppus": 2, "flops": 1})"
                                           "\n");
  REQUIRE_THROWS_WITH(read_job_trace(path, false),
                      Contains(path + ":3: /id: found \"j1\", already used on line 1, expected a unique id"));

  const JobTrace trace = read_job_trace(path, true);
  CHECK(trace.skipped_rows == 1);
  REQUIRE(trace.jobs.size() == 2);
  CHECK(trace.jobs[0].origin == path + ":1");  // the first row with the id wins
  CHECK(trace.jobs[1].id == "j2");
}

TEST_CASE("trace reader skips and counts bad rows on request", "[trace]") {
  TempDir dir;
  const auto path = dir.write("mixed.jsonl",
                              "# two good rows, three bad ones\n"
                              R"({"id": "a", "submit_s": 3, "ppus": 1, "flops": 1})"
                              "\n"
                              "not json at all\n"
                              R"({"id": "b", "submit_s": 1, "ppus": -1, "flops": 1})"
                              "\n"
                              R"({"id": "c", "submit_s": 2, "ppus": 2, "duration_s": 60})"
                              "\n"
                              R"({"id": "a", "submit_s": 0, "ppus": 1, "flops": 1})"
                              "\n");
  REQUIRE_THROWS_WITH(read_job_trace(path, false), Contains(path + ":3: column 2: invalid JSON"));

  std::vector<std::string> messages;
  const JobTrace trace =
      read_job_trace(path, true, [&messages](const std::string& message) { messages.push_back(message); });
  CHECK(trace.skipped_rows == 3);
  REQUIRE(trace.jobs.size() == 2);
  CHECK(trace.jobs[0].id == "c");
  CHECK(trace.jobs[1].id == "a");
  REQUIRE(messages.size() == 3);
  CHECK_THAT(messages[0], Contains(path + ":3: column 2: invalid JSON"));
  CHECK_THAT(messages[1], Contains(path + ":4: /ppus: found -1"));
  CHECK_THAT(messages[2], Contains(path + ":6: /id: found \"a\", already used on line 2"));
}

TEST_CASE("trace reader file-level errors", "[trace]") {
  TempDir dir;
  const auto missing = (std::filesystem::path(dir.path()) / "missing.jsonl").string();
  REQUIRE_THROWS_AS(read_job_trace(missing, true), InputError);
  REQUIRE_THROWS_WITH(read_job_trace(missing, true), Contains(missing + ": cannot open trace file"));
  REQUIRE_THROWS_WITH(read_job_trace(dir.path(), false), Contains(dir.path() + ": cannot open trace file"));

  const auto empty = dir.write("empty.jsonl", "# nothing here\n\n");
  REQUIRE_THROWS_WITH(read_job_trace(empty, false), Contains(empty + ": the trace holds no job"));
  REQUIRE_THROWS_WITH(read_job_trace(empty, true), Contains(empty + ": the trace holds no job"));

  const auto all_bad = dir.write("all-bad.jsonl", "{}\n[]\n");
  REQUIRE_THROWS_WITH(read_job_trace(all_bad, true),
                      Contains(all_bad + ": no usable job (2 bad rows skipped)"));
}

TEST_CASE("trace writer output reads back to the same jobs", "[trace]") {
  JobTrace original;
  {
    JobSpec job;
    job.id = "flops \"quoted\" / slash";
    job.submit_s = 0.1;
    job.ppus = 3;
    job.total_flops = 1.2345678901234567e21;
    job.dataset_bytes = 1e12 / 3;
    original.jobs.push_back(job);
  }
  {
    JobSpec job;
    job.id = "model";
    job.submit_s = 1.0 / 3;
    job.ppus = 1024;
    job.precision = Precision::Fp8;
    job.model = ModelDescription{7e9 + 0.5, 1e11 / 7, 4194304, {}};
    job.parallelism = {8, 4};
    original.jobs.push_back(job);
  }
  {
    JobSpec job;
    job.id = "duration";
    job.submit_s = 86400 * 365.25;
    job.ppus = 1;
    job.measured_duration_s = 5e-324 * 1e300;  // an odd value, not a round decimal
    original.jobs.push_back(job);
  }
  {
    JobSpec job;
    job.id = "model-default-batch";
    job.submit_s = 1e9;
    job.ppus = 16;
    job.model = ModelDescription{1e9, 2e10, 0, {}};
    original.jobs.push_back(job);
  }
  {
    JobSpec job;
    job.id = "moe-shape";
    job.submit_s = 2e9;
    job.ppus = 64;
    TransformerShape shape;
    shape.layers = 16;
    shape.hidden = 2048;
    shape.heads = 16;
    shape.sequence_length = 4096;
    shape.vocabulary = 32000;
    shape.experts = 8;
    shape.top_k = 2;
    job.model = ModelDescription{0, 1e10, 4 * 4096.0, shape};
    job.model->parameters = transformer_parameters(shape).total();
    job.parallelism = {4, 2, 8, 4, 1, Recomputation::Full};
    original.jobs.push_back(job);
  }
  {
    JobSpec job = JobSpec();
    job.id = "quarter";
    job.submit_s = 3e9;
    job.ppus = 1;
    job.ppu_milli = 250;
    job.total_flops = 1e15;
    job.parallelism.recomputation = Recomputation::None;
    original.jobs.push_back(job);
  }

  TempDir dir;
  std::ostringstream text;
  write_job_trace(original, text);
  const auto path = dir.write("round-trip.jsonl", text.str());
  const JobTrace read = read_job_trace(path, false);
  require_same_jobs(original.jobs, read.jobs);
  CHECK(read.jobs[2].origin == path + ":3");

  SECTION("a second write gives the same text") {
    std::ostringstream again;
    write_job_trace(read, again);
    CHECK(again.str() == text.str());
  }
}

TEST_CASE("trace writer round-trips generated jobs", "[trace][generator]") {
  GeneratorSpec spec;
  spec.jobs = 2000;
  spec.duration_s = 86400;
  spec.max_ppus = 4096;
  spec.model_jobs_min_ppus = 32;
  const GeneratorContext context{8, 989e12, 0.4, 80e9, 4194304};
  const JobTrace generated = generate_jobs(spec, context, 7);

  TempDir dir;
  std::ostringstream text;
  write_job_trace(generated, text);
  const JobTrace read = read_job_trace(dir.write("generated.jsonl", text.str()), false);
  require_same_jobs(generated.jobs, read.jobs);
}

TEST_CASE("trace writer refuses a job without exactly one work description", "[trace]") {
  JobTrace trace;
  trace.jobs.emplace_back();
  trace.jobs.back().id = "nothing";
  std::ostringstream out;
  REQUIRE_THROWS_AS(write_job_trace(trace, out), std::invalid_argument);
  trace.jobs.back().total_flops = 1;
  trace.jobs.back().measured_duration_s = 1;
  REQUIRE_THROWS_WITH(write_job_trace(trace, out), Contains("\"nothing\" has 2 work descriptions"));
}

#ifdef PPUSIM_SOURCE_DIR
TEST_CASE("the small test trace in tests/data reads cleanly", "[trace]") {
  const JobTrace trace = read_job_trace(PPUSIM_SOURCE_DIR "/tests/data/small-jobs.jsonl", false);
  CHECK(trace.skipped_rows == 0);
  REQUIRE(trace.jobs.size() >= 8);
  bool has_flops = false, has_model = false, has_duration = false;
  for (const JobSpec& job : trace.jobs) {
    CHECK(job.ppus >= 1);
    CHECK(job.ppus <= 64);  // fits the 128-PPU test cluster with room for a second job
    has_flops |= job.total_flops.has_value();
    has_model |= job.model.has_value();
    has_duration |= job.measured_duration_s.has_value();
    if (job.parallelism.tensor > 1) CHECK(job.parallelism.tensor <= 8);  // inside one 8-PPU node
  }
  CHECK(has_flops);
  CHECK(has_model);
  CHECK(has_duration);
}
#endif

}  // namespace
}  // namespace ppusim
