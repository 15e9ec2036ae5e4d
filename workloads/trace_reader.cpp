#include "workloads/trace_reader.hpp"

#include <algorithm>
#include <array>
#include <climits>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {
namespace {

using nlohmann::json;

constexpr int kMilliPerPpu = 1000;

/// Counts in a row (PPUs, layers, degrees of parallelism) fit an int. A JSON integer or a number
/// with an integral value (64.0, 1e3): tools that write JSON from data frames often print
/// integer columns as floats.
const IntegerRange kPositiveInt = IntegerRange::positive().at_most(INT_MAX);

int positive_int(JsonReader& reader, std::string_view key) {
  return static_cast<int>(reader.integer(key, kPositiveInt));
}

/// A number >= 0, with -0 read as +0 so that it is written back as 0.
double non_negative_number(JsonReader& reader, std::string_view key) {
  return reader.number(key, NumberRange::non_negative()) + 0.0;
}

/// "<source>: <path of key>: <found>, expected <expected>", for what a type or range check
/// cannot say (a field found together with another, without the one it needs, ...).
[[noreturn]] void fail_at(const JsonReader& reader, std::string_view key, std::string_view found,
                          std::string_view expected) {
  reader.fail_at(key, std::string(found) + ", expected " + std::string(expected));
}

/// The object at `key`, or an error that says what the object holds.
JsonReader object_of(JsonReader& reader, std::string_view key, std::string_view expected) {
  if (!reader.value().at(key).is_object()) reader.fail_found(key, expected);
  return reader.object(key);
}

/// The model object: a parameter count, or a transformer shape from which it is derived.
ModelDescription parse_model(JsonReader model) {
  model.allow_only({"parameters", "tokens", "global_batch_tokens", "layers", "hidden", "heads",
                    "sequence_length", "vocabulary", "experts", "top_k", "kv_heads", "ffn_hidden",
                    "gated_mlp"});
  ModelDescription description;
  description.tokens = model.number("tokens", NumberRange::positive());
  const bool has_shape = model.has("layers") || model.has("hidden") || model.has("sequence_length");
  if (!has_shape) {
    for (const char* key :
         {"heads", "vocabulary", "experts", "top_k", "kv_heads", "ffn_hidden", "gated_mlp"}) {
      if (model.has(key)) {
        fail_at(model, key, "found without a shape",
                "\"layers\", \"hidden\" and \"sequence_length\" with it");
      }
    }
    if (!model.has("parameters"))
      model.fail_found("parameters", "a number > 0 (or a shape: \"layers\", ...)");
    description.parameters = model.number("parameters", NumberRange::positive());
  } else {
    if (model.has("parameters")) {
      fail_at(model, "parameters", "found together with a shape",
              "either \"parameters\" or a shape (it is derived from the shape)");
    }
    TransformerShape shape;
    shape.layers = positive_int(model, "layers");
    shape.hidden = positive_int(model, "hidden");
    shape.sequence_length = positive_int(model, "sequence_length");
    if (model.has("heads")) shape.heads = positive_int(model, "heads");
    if (model.has("vocabulary")) shape.vocabulary = positive_int(model, "vocabulary");
    if (model.has("experts")) shape.experts = positive_int(model, "experts");
    if (model.has("top_k")) shape.top_k = positive_int(model, "top_k");
    if (model.has("kv_heads")) shape.kv_heads = positive_int(model, "kv_heads");
    if (model.has("ffn_hidden")) shape.ffn_hidden = positive_int(model, "ffn_hidden");
    shape.gated_mlp = model.boolean_or("gated_mlp", shape.gated_mlp);
    if (shape.kv_heads > shape.heads_or_default() ||
        shape.heads_or_default() % shape.kv_heads_or_default() != 0) {
      model.fail_found("kv_heads",
                       "a divisor of the heads (" + std::to_string(shape.heads_or_default()) + ")");
    }
    if (shape.top_k > shape.experts) {
      model.fail_found("top_k", "at most \"experts\" (" + std::to_string(shape.experts) + ")");
    }
    description.shape = shape;
    description.parameters = transformer_parameters(shape).total();
  }
  if (const std::optional<double> batch =
          model.optional_number("global_batch_tokens", NumberRange::positive())) {
    description.global_batch_tokens = *batch;
    if (description.shape && description.global_batch_tokens < description.shape->sequence_length) {
      model.fail_found(
          "global_batch_tokens",
          "at least one sequence (" + std::to_string(description.shape->sequence_length) + " tokens)");
    }
  }
  return description;
}

/// parallelism.overlap: the fields it sets override the scenario's workload.overlap.
OverlapChoice parse_overlap(JsonReader overlap) {
  overlap.allow_only({"tensor_parallel", "pipeline_p2p", "data_parallel"});
  OverlapChoice choice;
  if (overlap.has("tensor_parallel")) choice.tensor_parallel = overlap.boolean("tensor_parallel");
  if (overlap.has("pipeline_p2p")) choice.pipeline_p2p = overlap.boolean("pipeline_p2p");
  if (overlap.has("data_parallel")) {
    const json& data = overlap.value().at("data_parallel");
    if (data.is_string())
      choice.data_parallel = data_parallel_overlap_named(data.get_ref<const std::string&>());
    if (!choice.data_parallel) overlap.fail_found("data_parallel", std::string(kDataParallelOverlapNames));
  }
  return choice;
}

/// The parallelism object, checked against the job's PPUs and model.
Parallelism parse_parallelism(JsonReader object, const JobSpec& job) {
  object.allow_only({"tensor", "pipeline", "expert", "micro_batches", "zero_stage", "recomputation",
                     "context", "virtual_stages", "overlap"});
  Parallelism parallelism;
  if (object.has("tensor")) parallelism.tensor = positive_int(object, "tensor");
  if (object.has("pipeline")) parallelism.pipeline = positive_int(object, "pipeline");
  if (object.has("context")) parallelism.context = positive_int(object, "context");
  if (object.has("virtual_stages")) {
    parallelism.virtual_stages = positive_int(object, "virtual_stages");
    if (parallelism.virtual_stages > 1 && parallelism.pipeline == 1) {
      object.fail_found("virtual_stages", "1 without pipeline parallelism");
    }
  }
  const auto product =
      static_cast<std::int64_t>(parallelism.tensor) * parallelism.pipeline * parallelism.context;
  if (job.ppus % product != 0) {
    object.fail("found tensor " + std::to_string(parallelism.tensor) + " * pipeline " +
                std::to_string(parallelism.pipeline) +
                (parallelism.context > 1 ? " * context " + std::to_string(parallelism.context) : "") + " = " +
                std::to_string(product) + ", expected a divisor of ppus (" + std::to_string(job.ppus) + ")");
  }
  const TransformerShape* shape = job.model && job.model->shape ? &*job.model->shape : nullptr;
  if (shape != nullptr && parallelism.pipeline > shape->layers) {
    object.fail_found("pipeline", "at most the model's layers (" + std::to_string(shape->layers) + ")");
  }
  // Divisibility of heads and layers, t against the scale-up domain and the micro-batch size
  // are checked with the scenario (workloads/layout_check.hpp).
  if (object.has("expert")) {
    parallelism.expert = positive_int(object, "expert");
    const auto data = job.ppus / (product / parallelism.context);
    if (data % parallelism.expert != 0) {
      object.fail_found("expert", "a divisor of the data-parallel degree ppus / (tensor * pipeline) = " +
                                      std::to_string(data));
    }
    if (parallelism.expert > 1 && (shape == nullptr || shape->experts % parallelism.expert != 0)) {
      object.fail_found("expert", "1, or a divisor of the model's \"experts\" (a mixture-of-experts shape)");
    }
  }
  if (object.has("micro_batches")) parallelism.micro_batches = positive_int(object, "micro_batches");
  parallelism.zero_stage =
      static_cast<int>(object.integer_or("zero_stage", parallelism.zero_stage, IntegerRange::between(0, 3)));
  parallelism.recomputation = object.choice_or("recomputation", parallelism.recomputation,
                                               {{"none", Recomputation::None},
                                                {"selective", Recomputation::Selective},
                                                {"full", Recomputation::Full}});
  if (object.has("overlap")) {
    parallelism.overlap = parse_overlap(object_of(
        object, "overlap", "an object with \"tensor_parallel\", \"pipeline_p2p\" and/or \"data_parallel\""));
  }
  return parallelism;
}

/// The catalog chip a measured duration was measured on (docs/workloads.md, "Work units").
std::string parse_measured_on(JsonReader& row, const JobSpec& job) {
  if (!job.measured_duration_s) {
    fail_at(row, "measured_on", "found without \"duration_s\"",
            "it only with \"duration_s\" (the chip the duration was measured on)");
  }
  const json& chip = row.value().at("measured_on");
  const std::string name = chip.is_string() ? chip.get<std::string>() : std::string();
  if (hardware_catalog().find_chip(name) == nullptr) {
    row.fail_found("measured_on", expected_catalog_name("chip", name, hardware_catalog().chip_names()));
  }
  return name;
}

/// The "input" object: bytes per step, per token or per sample (exactly one), and the dataset
/// they are read from. Per token needs a model job; per sample a model shape, whose sequence is
/// one sample.
std::shared_ptr<const StreamingInput> parse_input(JsonReader input, const JobSpec& job) {
  input.allow_only({"bytes_per_step", "bytes_per_token", "bytes_per_sample", "dataset"});
  constexpr std::array<std::pair<const char*, InputUnit>, 3> kUnits = {
      {{"bytes_per_step", InputUnit::PerStep},
       {"bytes_per_token", InputUnit::PerToken},
       {"bytes_per_sample", InputUnit::PerSample}}};
  constexpr std::string_view kOneOf =
      "exactly one of \"bytes_per_step\", \"bytes_per_token\", \"bytes_per_sample\"";
  StreamingInput result;
  const char* unit_key = nullptr;
  for (const auto& [key, unit] : kUnits) {
    if (!input.has(key)) continue;
    if (unit_key != nullptr)
      fail_at(input, key, "found together with \"" + std::string(unit_key) + "\"", kOneOf);
    unit_key = key;
    result.bytes = non_negative_number(input, key);
    result.unit = unit;
  }
  if (unit_key == nullptr) input.fail("found none of them, expected " + std::string(kOneOf));
  if (result.unit == InputUnit::PerToken && !job.model) {
    fail_at(input, "bytes_per_token", "found on a job without \"model\"",
            "a model job (its tokens count the input), or \"bytes_per_step\"");
  }
  if (result.unit == InputUnit::PerSample && !(job.model && job.model->shape)) {
    fail_at(input, "bytes_per_sample", "found on a job without a model shape",
            "a model with \"sequence_length\" (one sample is one sequence), or \"bytes_per_step\"");
  }
  if (const std::optional<std::string> dataset = input.optional_string("dataset")) result.dataset = *dataset;
  return std::make_shared<const StreamingInput>(std::move(result));
}

/// `ppu_type` (a chip name, a list of them, or "any"), `cpu_cores` and `memory_gib` (for the
/// whole job); null when the row asks for none of them (docs/workloads.md, "Requests").
std::shared_ptr<const ResourceRequest> parse_resource_request(JsonReader& row) {
  if (!row.has("ppu_type") && !row.has("cpu_cores") && !row.has("memory_gib")) return nullptr;
  ResourceRequest request;
  constexpr std::string_view kTypeExpected = "a chip name, a non-empty list of chip names, or \"any\"";
  if (row.has("ppu_type")) {
    const json& type = row.value().at("ppu_type");
    if (type.is_string() && !type.get_ref<const std::string&>().empty()) {
      if (type.get_ref<const std::string&>() != "any") request.ppu_types.push_back(type.get<std::string>());
    } else if (type.is_array() && !type.empty()) {
      for (const json& name : type) {
        if (!name.is_string() || name.get_ref<const std::string&>().empty())
          row.fail_found("ppu_type", kTypeExpected);
        request.ppu_types.push_back(name.get<std::string>());
      }
    } else {
      row.fail_found("ppu_type", kTypeExpected);
    }
  }
  constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;
  if (row.has("cpu_cores")) request.cpu_cores = non_negative_number(row, "cpu_cores");
  if (row.has("memory_gib")) request.memory_bytes = non_negative_number(row, "memory_gib") * kBytesPerGib;
  return std::make_shared<const ResourceRequest>(std::move(request));
}

JobSpec parse_row(const json& value, const std::string& source) {
  JsonReader row(value, source);
  if (!value.is_object()) {
    row.fail("found " + JsonReader::describe_value(value, true) +
             ", expected a JSON object (one job per line)");
  }
  // A request trace (arrival_s, tokens) given as a job trace: say so, not just "unknown key".
  if (value.contains("arrival_s") && !value.contains("submit_s")) {
    row.fail_at(
        "arrival_s",
        "unknown key (this row looks like a request trace, read by a service's \"requests\"; a job row "
        "has \"submit_s\")");
  }
  row.allow_only({"id", "submit_s", "ppus", "flops", "model", "duration_s", "parallelism", "dataset_bytes",
                  "precision", "image", "checkpoint_bytes", "ppu_milli", "measured_on", "mfu", "input",
                  "tenant", "ppu_type", "cpu_cores", "memory_gib"});

  JobSpec job;
  job.id = row.string("id");
  job.submit_s = non_negative_number(row, "submit_s");
  job.ppus = positive_int(row, "ppus");

  if (const std::optional<std::int64_t> milli =
          row.optional_integer("ppu_milli", IntegerRange::between(1, kMilliPerPpu))) {
    if (job.ppus != 1) {
      fail_at(row, "ppu_milli", "found with ppus " + std::to_string(job.ppus),
              "ppus 1 (a fraction is a share of a single PPU)");
    }
    job.ppu_milli = static_cast<int>(*milli);
  }

  // Exactly one description of the work.
  constexpr std::string_view kOneOfWork = "exactly one of \"flops\", \"model\", \"duration_s\"";
  const char* work_key = nullptr;
  for (const char* key : {"flops", "model", "duration_s"}) {
    if (!row.has(key)) continue;
    if (work_key != nullptr)
      fail_at(row, key, "found together with \"" + std::string(work_key) + "\"", kOneOfWork);
    work_key = key;
  }
  if (work_key == nullptr)
    row.fail("found none of \"flops\", \"model\", \"duration_s\", expected " + std::string(kOneOfWork));

  if (row.has("flops")) {
    job.total_flops = row.number("flops", NumberRange::positive());
  } else if (row.has("duration_s")) {
    job.measured_duration_s = row.number("duration_s", NumberRange::positive());
  } else {
    job.model = parse_model(
        object_of(row, "model", "an object with \"tokens\" and \"parameters\" or a shape (\"layers\", ...)"));
  }

  if (row.has("measured_on")) job.measured_on = parse_measured_on(row, job);
  if (row.has("parallelism")) {
    job.parallelism = parse_parallelism(
        object_of(row, "parallelism", "an object with \"tensor\" and/or \"pipeline\""), job);
  }
  job.mfu = row.optional_number("mfu", NumberRange::positive().at_most(1));
  if (row.has("dataset_bytes")) job.dataset_bytes = non_negative_number(row, "dataset_bytes");
  if (row.has("checkpoint_bytes")) job.checkpoint_bytes = non_negative_number(row, "checkpoint_bytes");
  if (row.has("input")) {
    job.input = parse_input(object_of(row, "input", "an object such as {\"bytes_per_step\": 1e9}"), job);
  }
  job.image = row.string_or("image", job.image);
  job.tenant = row.string_or("tenant", job.tenant);
  job.request = parse_resource_request(row);
  job.precision =
      row.choice_or("precision", job.precision, {{"bf16", Precision::Bf16}, {"fp8", Precision::Fp8}});
  job.origin = source;
  return job;
}

/// A job row is under 1 KB; anything near this is not a trace of ours, and a file without line
/// breaks (a device, a binary) would otherwise grow one line until memory runs out.
constexpr std::size_t kMaxRowBytes = std::size_t{1} << 20;
/// A job row is two levels deep ({"model": {...}}); far deeper rows are refused while they are
/// parsed, before their depth costs memory (docs/robustness.md).
constexpr int kMaxRowDepth = 32;

/// Reads one line as std::getline does (the '\n' is dropped), but stops after kMaxRowBytes.
/// Returns false at the end of the input when nothing was read.
bool read_row(std::istream& in, std::string& line, bool& too_long) {
  line.clear();
  too_long = false;
  std::streambuf& buffer = *in.rdbuf();
  bool read_any = false;
  for (int c = buffer.sbumpc(); c != std::char_traits<char>::eof(); c = buffer.sbumpc()) {
    read_any = true;
    if (c == '\n') return true;
    if (line.size() == kMaxRowBytes) {
      too_long = true;
      return true;
    }
    line.push_back(static_cast<char>(c));
  }
  return read_any;
}

bool is_blank_or_comment(std::string_view line) {
  const auto first = line.find_first_not_of(" \t");
  return first == std::string_view::npos || line[first] == '#';
}

}  // namespace

JobTrace read_job_trace(const std::string& path, bool skip_bad_rows,
                        const std::function<void(const std::string&)>& on_skipped_row) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw InputError(path + ": cannot open trace file (a directory)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open trace file");

  JobTrace trace;
  std::unordered_map<std::string, std::int64_t> line_of_id;  // accepted jobs only
  std::string line;
  bool too_long = false;
  for (std::int64_t number = 1; read_row(in, line, too_long); ++number) {
    const std::string source = path + ":" + std::to_string(number);
    if (too_long) {
      // Not skippable: the rest of the "row" may never end (/dev/zero).
      throw InputError(source + ": found a row longer than " + std::to_string(kMaxRowBytes) +
                       " bytes, expected one job object per line");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();              // CRLF files
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte-order mark
    if (is_blank_or_comment(line)) continue;
    try {
      const json row = parse_json_text(line, source, kMaxRowDepth);
      JobSpec job = parse_row(row, source);
      const auto [it, inserted] = line_of_id.try_emplace(job.id, number);
      if (!inserted) {
        JsonReader(row, source)
            .fail_at("id", "found " + JsonReader::describe_value(row.at("id"), false) +
                               ", already used on line " + std::to_string(it->second) +
                               ", expected a unique id");
      }
      trace.jobs.push_back(std::move(job));
    } catch (const InputError& error) {
      if (!skip_bad_rows) throw;
      ++trace.skipped_rows;
      if (on_skipped_row) on_skipped_row(error.what());
    }
  }
  if (in.bad()) throw InputError(path + ": error while reading the trace file");

  if (trace.jobs.empty()) {
    if (trace.skipped_rows > 0) {
      throw InputError(path + ": no usable job (" + std::to_string(trace.skipped_rows) +
                       " bad rows skipped)");
    }
    throw InputError(path + ": the trace holds no job");
  }
  // Stable, so that jobs submitted at the same instant keep their file order (docs/workloads.md).
  // Most traces are written in order; checking first spares the sort's copy of every job.
  const auto by_submit_time = [](const JobSpec& a, const JobSpec& b) { return a.submit_s < b.submit_s; };
  if (!std::is_sorted(trace.jobs.begin(), trace.jobs.end(), by_submit_time)) {
    std::stable_sort(trace.jobs.begin(), trace.jobs.end(), by_submit_time);
  }
  return trace;
}

JobSpec read_job_file(const std::string& path) {
  std::error_code ignored;
  if (std::filesystem::is_directory(path, ignored))
    throw InputError(path + ": cannot open job file (a directory)");
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open job file");
  return parse_row(parse_json_text(read_text_file(path), path, kMaxRowDepth), path);
}

namespace {

nlohmann::ordered_json model_to_json(const ModelDescription& description) {
  nlohmann::ordered_json model;
  if (const std::optional<TransformerShape>& shape = description.shape) {
    const TransformerShape defaults;
    model["layers"] = shape->layers;
    model["hidden"] = shape->hidden;
    model["sequence_length"] = shape->sequence_length;
    if (shape->heads != defaults.heads) model["heads"] = shape->heads;
    if (shape->vocabulary != defaults.vocabulary) model["vocabulary"] = shape->vocabulary;
    if (shape->experts != defaults.experts) model["experts"] = shape->experts;
    if (shape->top_k != defaults.top_k) model["top_k"] = shape->top_k;
    if (shape->kv_heads != defaults.kv_heads) model["kv_heads"] = shape->kv_heads;
    if (shape->ffn_hidden != defaults.ffn_hidden) model["ffn_hidden"] = shape->ffn_hidden;
    if (shape->gated_mlp) model["gated_mlp"] = true;
  } else {
    model["parameters"] = description.parameters;
  }
  model["tokens"] = description.tokens;
  if (description.global_batch_tokens != 0) model["global_batch_tokens"] = description.global_batch_tokens;
  return model;
}

/// Only what differs from the defaults, so that plain jobs keep plain rows.
nlohmann::ordered_json parallelism_to_json(const Parallelism& parallelism) {
  const Parallelism defaults;
  nlohmann::ordered_json object = nlohmann::ordered_json::object();
  if (parallelism.tensor != 1 || parallelism.pipeline != 1) {
    object["tensor"] = parallelism.tensor;
    object["pipeline"] = parallelism.pipeline;
  }
  if (parallelism.expert != defaults.expert) object["expert"] = parallelism.expert;
  if (parallelism.micro_batches != defaults.micro_batches)
    object["micro_batches"] = parallelism.micro_batches;
  if (parallelism.zero_stage != defaults.zero_stage) object["zero_stage"] = parallelism.zero_stage;
  if (parallelism.context != defaults.context) object["context"] = parallelism.context;
  if (parallelism.virtual_stages != defaults.virtual_stages)
    object["virtual_stages"] = parallelism.virtual_stages;
  if (parallelism.recomputation != defaults.recomputation) {
    object["recomputation"] = parallelism.recomputation == Recomputation::None ? "none" : "full";
  }
  const OverlapChoice& overlap = parallelism.overlap;
  if (!overlap.empty()) {
    nlohmann::ordered_json fields = nlohmann::ordered_json::object();
    if (overlap.tensor_parallel) fields["tensor_parallel"] = *overlap.tensor_parallel;
    if (overlap.pipeline_p2p) fields["pipeline_p2p"] = *overlap.pipeline_p2p;
    if (overlap.data_parallel) fields["data_parallel"] = data_parallel_overlap_name(*overlap.data_parallel);
    object["overlap"] = std::move(fields);
  }
  return object;
}

}  // namespace

namespace {

nlohmann::ordered_json input_to_json(const StreamingInput& input) {
  nlohmann::ordered_json object;
  switch (input.unit) {
    case InputUnit::PerStep:
      object["bytes_per_step"] = input.bytes;
      break;
    case InputUnit::PerToken:
      object["bytes_per_token"] = input.bytes;
      break;
    case InputUnit::PerSample:
      object["bytes_per_sample"] = input.bytes;
      break;
  }
  if (!input.dataset.empty()) object["dataset"] = input.dataset;
  return object;
}

}  // namespace

void write_job_trace(const JobTrace& trace, std::ostream& out) {
  for (const JobSpec& job : trace.jobs) {
    const int descriptions = static_cast<int>(job.total_flops.has_value()) +
                             static_cast<int>(job.model.has_value()) +
                             static_cast<int>(job.measured_duration_s.has_value());
    if (descriptions != 1) {
      throw std::invalid_argument("write_job_trace: job \"" + job.id + "\" has " +
                                  std::to_string(descriptions) + " work descriptions, expected exactly one");
    }
    // ordered_json keeps the fields in the order a person reading the file expects.
    nlohmann::ordered_json row;
    row["id"] = job.id;
    row["submit_s"] = job.submit_s;
    row["ppus"] = job.ppus;
    if (job.is_fractional()) row["ppu_milli"] = job.ppu_milli;
    if (job.total_flops) {
      row["flops"] = *job.total_flops;
    } else if (job.model) {
      row["model"] = model_to_json(*job.model);
    } else {
      row["duration_s"] = *job.measured_duration_s;
      if (!job.measured_on.empty()) row["measured_on"] = job.measured_on;
    }
    if (nlohmann::ordered_json parallelism = parallelism_to_json(job.parallelism); !parallelism.empty()) {
      row["parallelism"] = std::move(parallelism);
    }
    if (job.mfu) row["mfu"] = *job.mfu;
    if (job.dataset_bytes != 0) row["dataset_bytes"] = job.dataset_bytes;
    if (job.checkpoint_bytes != 0) row["checkpoint_bytes"] = job.checkpoint_bytes;
    if (job.input) row["input"] = input_to_json(*job.input);
    if (job.image != "default") row["image"] = job.image;
    if (!job.tenant.empty()) row["tenant"] = job.tenant;
    if (job.request) {
      const ResourceRequest& request = *job.request;
      if (request.ppu_types.size() == 1) row["ppu_type"] = request.ppu_types.front();
      if (request.ppu_types.size() > 1) row["ppu_type"] = request.ppu_types;
      if (request.cpu_cores > 0) row["cpu_cores"] = request.cpu_cores;
      if (request.memory_bytes > 0) row["memory_gib"] = request.memory_bytes / (1024.0 * 1024.0 * 1024.0);
    }
    if (job.precision == Precision::Fp8) row["precision"] = "fp8";
    out << row.dump() << '\n';
  }
}

}  // namespace ppusim
