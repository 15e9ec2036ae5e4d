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

#include "sim/core/edit_distance.hpp"
#include "sim/core/escaping.hpp"
#include "sim/core/input_error.hpp"
#include "sim/hardware/hardware_catalog.hpp"
#include "workloads/transformer_model.hpp"

namespace ppusim {
namespace {

using nlohmann::json;

constexpr int kMilliPerPpu = 1000;

/// A JSON pointer step (RFC 6901): '~' and '/' inside a key are escaped.
std::string pointer_step(std::string_view key) { return "/" + json_pointer_token(key); }

/// A value as it appears in the file, shortened so that one long field cannot swamp a message.
std::string describe(const json& value) {
  constexpr std::size_t kMaxChars = 60;
  std::string text = value.dump();
  if (text.size() > kMaxChars) text = text.substr(0, kMaxChars - 3) + "...";
  return text;
}

/// nlohmann counts lines inside the string it parsed, which is always line 1 of a row; the
/// file line is already in our prefix, so keep only the column.
std::string json_error_text(const json::exception& error) {
  std::string text = error.what();
  if (text.starts_with("[json.exception.")) {
    const auto end = text.find("] ");
    if (end != std::string::npos) text.erase(0, end + 2);
  }
  if (const auto at = text.find("at line 1, column "); at != std::string::npos) {
    text.replace(at, std::string_view("at line 1, column ").size(), "at column ");
  }
  return text;
}

/// nlohmann keeps the last of two equal keys without a word, so {"ppus": 8, "ppus": 64} would
/// quietly become a 64-PPU job. This parse callback remembers where the first repeated key is.
class DuplicateKeyFinder {
 public:
  void reset() {
    frames_.clear();
    duplicate_.reset();
  }

  const std::optional<std::string>& duplicate_pointer() const { return duplicate_; }

  bool on_event(json::parse_event_t event, const json& parsed) {
    using Event = json::parse_event_t;
    switch (event) {
      case Event::object_start:
      case Event::array_start: {
        std::string pointer = frames_.empty() ? std::string() : child_pointer(frames_.back());
        frames_.push_back({std::move(pointer), event == Event::array_start, 0, {}});
        break;
      }
      case Event::object_end:
      case Event::array_end:
        frames_.pop_back();
        break;
      case Event::key: {
        Frame& frame = frames_.back();
        const auto& key = parsed.get_ref<const std::string&>();
        if (!duplicate_ && std::find(frame.keys.begin(), frame.keys.end(), key) != frame.keys.end()) {
          duplicate_ = frame.pointer + pointer_step(key);
        }
        frame.keys.push_back(key);
        break;
      }
      case Event::value:
        if (!frames_.empty() && frames_.back().is_array) ++frames_.back().next_index;
        break;
    }
    return true;  // keep every value
  }

 private:
  struct Frame {
    std::string pointer;
    bool is_array = false;
    std::size_t next_index = 0;     // arrays: index of the next element
    std::vector<std::string> keys;  // objects: keys seen so far, the last one is being read
  };

  static std::string child_pointer(Frame& parent) {
    if (parent.is_array) return parent.pointer + "/" + std::to_string(parent.next_index++);
    return parent.pointer + pointer_step(parent.keys.back());
  }

  std::vector<Frame> frames_;
  std::optional<std::string> duplicate_;
};

/// Checks one row's fields. Every complaint names the file, the line, the JSON pointer of the
/// field inside the row, what was found and what was expected.
class RowChecker {
 public:
  RowChecker(const std::string& path, std::int64_t line) : path_(path), line_(line) {}

  /// "path:LINE", or "path" for a file of one row (line 0).
  std::string location() const { return line_ > 0 ? path_ + ":" + std::to_string(line_) : path_; }

  [[noreturn]] void fail(std::string_view pointer, std::string_view found, std::string_view expected) const {
    std::string message = location() + ": ";
    if (!pointer.empty()) {
      message += pointer;
      message += ": ";
    }
    message += found;
    message += ", expected ";
    message += expected;
    throw InputError(message);
  }

  [[noreturn]] void fail_found(std::string_view pointer, const json& found, std::string_view expected) const {
    fail(pointer, "found " + describe(found), expected);
  }

  /// Unknown keys are errors: a misspelt optional field would otherwise be silently ignored.
  void allow_only(const json& object, std::string_view pointer,
                  std::initializer_list<std::string_view> keys) const {
    for (const auto& [key, value] : object.items()) {
      if (std::find(keys.begin(), keys.end(), key) != keys.end()) continue;
      std::string expected = "one of ";
      bool first = true;
      for (std::string_view allowed : keys) {
        if (!first) expected += ", ";
        first = false;
        expected += '"';
        expected += allowed;
        expected += '"';
      }
      if (const auto typo = closest_name(key, std::vector<std::string>(keys.begin(), keys.end())))
        expected += "; did you mean \"" + *typo + "\"?";
      // A request trace (arrival_s, tokens) given as a job trace: say so, not just "unknown".
      if (pointer.empty() && key == "arrival_s")
        expected +=
            " (this row looks like a request trace, read by a service's \"requests\"; a job row has "
            "\"submit_s\")";
      fail(std::string(pointer) + pointer_step(key), "found an unknown key", expected);
    }
  }

  const json& require(const json& object, std::string_view pointer, const char* key,
                      std::string_view expected) const {
    const auto it = object.find(key);
    if (it == object.end()) fail(std::string(pointer) + pointer_step(key), "missing", expected);
    return *it;
  }

  static const json* find(const json& object, const char* key) {
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  double positive_number(const json& value, std::string_view pointer) const {
    if (!value.is_number() || !(value.get<double>() > 0)) fail_found(pointer, value, "a number > 0");
    return value.get<double>();
  }

  double non_negative_number(const json& value, std::string_view pointer) const {
    if (!value.is_number() || !(value.get<double>() >= 0)) fail_found(pointer, value, "a number >= 0");
    return value.get<double>() + 0.0;  // -0 becomes +0, so that it is written back as 0
  }

  /// A JSON integer, or a number with an integral value (64.0, 1e3): tools that write JSON from
  /// data frames often print integer columns as floats.
  int positive_int(const json& value, std::string_view pointer) const {
    constexpr std::string_view kExpected = "a positive integer";
    if (value.is_number_unsigned()) {
      const auto n = value.get<std::uint64_t>();
      if (n == 0) fail_found(pointer, value, kExpected);
      if (n > INT_MAX) fail_found(pointer, value, "a positive integer <= 2147483647");
      return static_cast<int>(n);
    }
    if (value.is_number_float()) {
      const double x = value.get<double>();
      if (!(x >= 1) || x != std::floor(x)) fail_found(pointer, value, kExpected);
      if (x > INT_MAX) fail_found(pointer, value, "a positive integer <= 2147483647");
      return static_cast<int>(x);
    }
    fail_found(pointer, value, kExpected);  // a negative integer or not a number
  }

 private:
  const std::string& path_;
  std::int64_t line_;
};

/// The model object: a parameter count, or a transformer shape from which it is derived.
ModelDescription parse_model(const json& model, const RowChecker& check) {
  if (!model.is_object()) {
    check.fail_found("/model", model,
                     "an object with \"tokens\" and \"parameters\" or a shape (\"layers\", ...)");
  }
  check.allow_only(
      model, "/model",
      {"parameters", "tokens", "global_batch_tokens", "layers", "hidden", "heads", "sequence_length",
       "vocabulary", "experts", "top_k", "kv_heads", "ffn_hidden", "gated_mlp"});
  ModelDescription description;
  description.tokens =
      check.positive_number(check.require(model, "/model", "tokens", "a number > 0"), "/model/tokens");
  const bool has_shape =
      model.contains("layers") || model.contains("hidden") || model.contains("sequence_length");
  if (!has_shape) {
    for (const char* key :
         {"heads", "vocabulary", "experts", "top_k", "kv_heads", "ffn_hidden", "gated_mlp"}) {
      if (model.contains(key))
        check.fail("/model" + pointer_step(key), "found without a shape",
                   "\"layers\", \"hidden\" and \"sequence_length\" with it");
    }
    description.parameters = check.positive_number(
        check.require(model, "/model", "parameters", "a number > 0 (or a shape: \"layers\", ...)"),
        "/model/parameters");
  } else {
    if (model.contains("parameters")) {
      check.fail("/model/parameters", "found together with a shape",
                 "either \"parameters\" or a shape (it is derived from the shape)");
    }
    TransformerShape shape;
    auto integer = [&](const char* key) {
      return check.positive_int(check.require(model, "/model", key, "a positive integer"),
                                "/model" + pointer_step(key));
    };
    shape.layers = integer("layers");
    shape.hidden = integer("hidden");
    shape.sequence_length = integer("sequence_length");
    if (model.contains("heads")) shape.heads = integer("heads");
    if (model.contains("vocabulary")) shape.vocabulary = integer("vocabulary");
    if (model.contains("experts")) shape.experts = integer("experts");
    if (model.contains("top_k")) shape.top_k = integer("top_k");
    if (model.contains("kv_heads")) shape.kv_heads = integer("kv_heads");
    if (model.contains("ffn_hidden")) shape.ffn_hidden = integer("ffn_hidden");
    if (const json* gated = RowChecker::find(model, "gated_mlp")) {
      if (!gated->is_boolean()) check.fail_found("/model/gated_mlp", *gated, "true or false");
      shape.gated_mlp = gated->get<bool>();
    }
    if (shape.kv_heads > shape.heads_or_default() ||
        shape.heads_or_default() % shape.kv_heads_or_default() != 0) {
      check.fail_found("/model/kv_heads", model.at("kv_heads"),
                       "a divisor of the heads (" + std::to_string(shape.heads_or_default()) + ")");
    }
    if (shape.top_k > shape.experts) {
      check.fail_found("/model/top_k", model.at("top_k"),
                       "at most \"experts\" (" + std::to_string(shape.experts) + ")");
    }
    description.shape = shape;
    description.parameters = transformer_parameters(shape).total();
  }
  if (const json* batch = RowChecker::find(model, "global_batch_tokens")) {
    description.global_batch_tokens = check.positive_number(*batch, "/model/global_batch_tokens");
    if (description.shape && description.global_batch_tokens < description.shape->sequence_length) {
      check.fail_found(
          "/model/global_batch_tokens", *batch,
          "at least one sequence (" + std::to_string(description.shape->sequence_length) + " tokens)");
    }
  }
  return description;
}

/// parallelism.overlap: the fields it sets override the scenario's workload.overlap.
OverlapChoice parse_overlap(const json& object, const RowChecker& check) {
  if (!object.is_object()) {
    check.fail_found("/parallelism/overlap", object,
                     "an object with \"tensor_parallel\", \"pipeline_p2p\" and/or \"data_parallel\"");
  }
  check.allow_only(object, "/parallelism/overlap", {"tensor_parallel", "pipeline_p2p", "data_parallel"});
  OverlapChoice choice;
  auto flag = [&](const char* key, std::optional<bool>& into) {
    if (const json* value = RowChecker::find(object, key)) {
      if (!value->is_boolean()) {
        check.fail_found("/parallelism/overlap/" + std::string(key), *value, "true or false");
      }
      into = value->get<bool>();
    }
  };
  flag("tensor_parallel", choice.tensor_parallel);
  flag("pipeline_p2p", choice.pipeline_p2p);
  if (const json* data = RowChecker::find(object, "data_parallel")) {
    if (data->is_string())
      choice.data_parallel = data_parallel_overlap_named(data->get_ref<const std::string&>());
    if (!choice.data_parallel) {
      check.fail_found("/parallelism/overlap/data_parallel", *data, std::string(kDataParallelOverlapNames));
    }
  }
  return choice;
}

/// The parallelism object, checked against the job's PPUs and model.
Parallelism parse_parallelism(const json& object, const JobSpec& job, const RowChecker& check) {
  if (!object.is_object()) {
    check.fail_found("/parallelism", object, "an object with \"tensor\" and/or \"pipeline\"");
  }
  check.allow_only(object, "/parallelism",
                   {"tensor", "pipeline", "expert", "micro_batches", "zero_stage", "recomputation", "context",
                    "virtual_stages", "overlap"});
  Parallelism parallelism;
  if (const json* tensor = RowChecker::find(object, "tensor")) {
    parallelism.tensor = check.positive_int(*tensor, "/parallelism/tensor");
  }
  if (const json* pipeline = RowChecker::find(object, "pipeline")) {
    parallelism.pipeline = check.positive_int(*pipeline, "/parallelism/pipeline");
  }
  if (const json* context = RowChecker::find(object, "context")) {
    parallelism.context = check.positive_int(*context, "/parallelism/context");
  }
  if (const json* virtual_stages = RowChecker::find(object, "virtual_stages")) {
    parallelism.virtual_stages = check.positive_int(*virtual_stages, "/parallelism/virtual_stages");
    if (parallelism.virtual_stages > 1 && parallelism.pipeline == 1) {
      check.fail_found("/parallelism/virtual_stages", *virtual_stages, "1 without pipeline parallelism");
    }
  }
  const auto product =
      static_cast<std::int64_t>(parallelism.tensor) * parallelism.pipeline * parallelism.context;
  if (job.ppus % product != 0) {
    check.fail("/parallelism",
               "found tensor " + std::to_string(parallelism.tensor) + " * pipeline " +
                   std::to_string(parallelism.pipeline) +
                   (parallelism.context > 1 ? " * context " + std::to_string(parallelism.context) : "") +
                   " = " + std::to_string(product),
               "a divisor of ppus (" + std::to_string(job.ppus) + ")");
  }
  const TransformerShape* shape = job.model && job.model->shape ? &*job.model->shape : nullptr;
  if (shape != nullptr && parallelism.pipeline > shape->layers) {
    check.fail_found("/parallelism/pipeline", object.at("pipeline"),
                     "at most the model's layers (" + std::to_string(shape->layers) + ")");
  }
  // Divisibility of heads and layers, t against the scale-up domain and the micro-batch size
  // are checked with the scenario (workloads/layout_check.hpp).
  if (const json* expert = RowChecker::find(object, "expert")) {
    parallelism.expert = check.positive_int(*expert, "/parallelism/expert");
    const auto data = job.ppus / (product / parallelism.context);
    if (data % parallelism.expert != 0) {
      check.fail_found(
          "/parallelism/expert", *expert,
          "a divisor of the data-parallel degree ppus / (tensor * pipeline) = " + std::to_string(data));
    }
    if (parallelism.expert > 1 && (shape == nullptr || shape->experts % parallelism.expert != 0)) {
      check.fail_found("/parallelism/expert", *expert,
                       "1, or a divisor of the model's \"experts\" (a mixture-of-experts shape)");
    }
  }
  if (const json* micro = RowChecker::find(object, "micro_batches")) {
    parallelism.micro_batches = check.positive_int(*micro, "/parallelism/micro_batches");
  }
  if (const json* stage = RowChecker::find(object, "zero_stage")) {
    if (!stage->is_number_integer() || stage->get<std::int64_t>() < 0 || stage->get<std::int64_t>() > 3) {
      check.fail_found("/parallelism/zero_stage", *stage, "0, 1, 2 or 3");
    }
    parallelism.zero_stage = static_cast<int>(stage->get<std::int64_t>());
  }
  if (const json* recompute = RowChecker::find(object, "recomputation")) {
    const std::string* text = recompute->is_string() ? &recompute->get_ref<const std::string&>() : nullptr;
    if (text != nullptr && *text == "none") {
      parallelism.recomputation = Recomputation::None;
    } else if (text != nullptr && *text == "selective") {
      parallelism.recomputation = Recomputation::Selective;
    } else if (text != nullptr && *text == "full") {
      parallelism.recomputation = Recomputation::Full;
    } else {
      check.fail_found("/parallelism/recomputation", *recompute, "\"none\", \"selective\" or \"full\"");
    }
  }
  if (const json* overlap = RowChecker::find(object, "overlap")) {
    parallelism.overlap = parse_overlap(*overlap, check);
  }
  return parallelism;
}

/// The catalog chip a measured duration was measured on (docs/workloads.md, "Work units").
std::string parse_measured_on(const json& chip, const JobSpec& job, const RowChecker& check) {
  if (!job.measured_duration_s) {
    check.fail("/measured_on", "found without \"duration_s\"",
               "it only with \"duration_s\" (the chip the duration was measured on)");
  }
  const std::string name = chip.is_string() ? chip.get<std::string>() : std::string();
  if (hardware_catalog().find_chip(name) == nullptr) {
    check.fail_found("/measured_on", chip,
                     expected_catalog_name("chip", name, hardware_catalog().chip_names()));
  }
  return name;
}

/// The "input" object: bytes per step, per token or per sample (exactly one), and the dataset
/// they are read from. Per token needs a model job; per sample a model shape, whose sequence is
/// one sample.
std::shared_ptr<const StreamingInput> parse_input(const json& input, const JobSpec& job,
                                                  const RowChecker& check) {
  if (!input.is_object()) check.fail_found("/input", input, "an object such as {\"bytes_per_step\": 1e9}");
  check.allow_only(input, "/input", {"bytes_per_step", "bytes_per_token", "bytes_per_sample", "dataset"});
  constexpr std::array<std::pair<const char*, InputUnit>, 3> kUnits = {
      {{"bytes_per_step", InputUnit::PerStep},
       {"bytes_per_token", InputUnit::PerToken},
       {"bytes_per_sample", InputUnit::PerSample}}};
  constexpr std::string_view kOneOf =
      "exactly one of \"bytes_per_step\", \"bytes_per_token\", \"bytes_per_sample\"";
  StreamingInput result;
  const char* unit_key = nullptr;
  for (const auto& [key, unit] : kUnits) {
    const json* bytes = RowChecker::find(input, key);
    if (bytes == nullptr) continue;
    if (unit_key != nullptr) {
      check.fail(std::string("/input") + pointer_step(key),
                 "found together with \"" + std::string(unit_key) + "\"", kOneOf);
    }
    unit_key = key;
    result.bytes = check.non_negative_number(*bytes, std::string("/input") + pointer_step(key));
    result.unit = unit;
  }
  if (unit_key == nullptr) check.fail("/input", "found none of them", kOneOf);
  if (result.unit == InputUnit::PerToken && !job.model) {
    check.fail("/input/bytes_per_token", "found on a job without \"model\"",
               "a model job (its tokens count the input), or \"bytes_per_step\"");
  }
  if (result.unit == InputUnit::PerSample && !(job.model && job.model->shape)) {
    check.fail("/input/bytes_per_sample", "found on a job without a model shape",
               "a model with \"sequence_length\" (one sample is one sequence), or \"bytes_per_step\"");
  }
  if (const json* dataset = RowChecker::find(input, "dataset")) {
    if (!dataset->is_string() || dataset->get_ref<const std::string&>().empty()) {
      check.fail_found("/input/dataset", *dataset,
                       "a non-empty string (a name of the scenario's storage.datasets)");
    }
    result.dataset = dataset->get<std::string>();
  }
  return std::make_shared<const StreamingInput>(std::move(result));
}

/// `ppu_type` (a chip name, a list of them, or "any"), `cpu_cores` and `memory_gib` (for the
/// whole job); null when the row asks for none of them (docs/workloads.md, "Requests").
std::shared_ptr<const ResourceRequest> parse_resource_request(const json& row, const RowChecker& check) {
  const json* type = RowChecker::find(row, "ppu_type");
  const json* cpu = RowChecker::find(row, "cpu_cores");
  const json* memory = RowChecker::find(row, "memory_gib");
  if (type == nullptr && cpu == nullptr && memory == nullptr) return nullptr;
  ResourceRequest request;
  constexpr std::string_view kTypeExpected = "a chip name, a non-empty list of chip names, or \"any\"";
  if (type != nullptr) {
    if (type->is_string() && !type->get_ref<const std::string&>().empty()) {
      if (type->get_ref<const std::string&>() != "any") request.ppu_types.push_back(type->get<std::string>());
    } else if (type->is_array() && !type->empty()) {
      for (const json& name : *type) {
        if (!name.is_string() || name.get_ref<const std::string&>().empty())
          check.fail_found("/ppu_type", *type, kTypeExpected);
        request.ppu_types.push_back(name.get<std::string>());
      }
    } else {
      check.fail_found("/ppu_type", *type, kTypeExpected);
    }
  }
  constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;
  if (cpu != nullptr) request.cpu_cores = check.non_negative_number(*cpu, "/cpu_cores");
  if (memory != nullptr)
    request.memory_bytes = check.non_negative_number(*memory, "/memory_gib") * kBytesPerGib;
  return std::make_shared<const ResourceRequest>(std::move(request));
}

JobSpec parse_row(const json& row, const RowChecker& check) {
  if (!row.is_object()) check.fail_found("", row, "a JSON object (one job per line)");
  check.allow_only(row, "",
                   {"id", "submit_s", "ppus", "flops", "model", "duration_s", "parallelism", "dataset_bytes",
                    "precision", "image", "checkpoint_bytes", "ppu_milli", "measured_on", "mfu", "input",
                    "tenant", "ppu_type", "cpu_cores", "memory_gib"});

  JobSpec job;
  const json& id = check.require(row, "", "id", "a non-empty string");
  if (!id.is_string() || id.get_ref<const std::string&>().empty()) {
    check.fail_found("/id", id, "a non-empty string");
  }
  job.id = id.get<std::string>();
  job.submit_s = check.non_negative_number(check.require(row, "", "submit_s", "a number >= 0"), "/submit_s");
  job.ppus = check.positive_int(check.require(row, "", "ppus", "a positive integer"), "/ppus");

  if (const json* milli = RowChecker::find(row, "ppu_milli")) {
    const int value = check.positive_int(*milli, "/ppu_milli");
    if (value > kMilliPerPpu) check.fail_found("/ppu_milli", *milli, "an integer in [1, 1000]");
    if (job.ppus != 1) {
      check.fail("/ppu_milli", "found with ppus " + std::to_string(job.ppus),
                 "ppus 1 (a fraction is a share of a single PPU)");
    }
    job.ppu_milli = value;
  }

  // Exactly one description of the work.
  constexpr std::array<const char*, 3> kWorkKeys = {"flops", "model", "duration_s"};
  constexpr std::string_view kOneOfWork = "exactly one of \"flops\", \"model\", \"duration_s\"";
  const char* work_key = nullptr;
  for (const char* key : kWorkKeys) {
    if (!row.contains(key)) continue;
    if (work_key != nullptr) {
      check.fail(pointer_step(key), "found together with \"" + std::string(work_key) + "\"", kOneOfWork);
    }
    work_key = key;
  }
  if (work_key == nullptr) check.fail("", "found none of \"flops\", \"model\", \"duration_s\"", kOneOfWork);

  if (const json* flops = RowChecker::find(row, "flops")) {
    job.total_flops = check.positive_number(*flops, "/flops");
  } else if (const json* duration = RowChecker::find(row, "duration_s")) {
    job.measured_duration_s = check.positive_number(*duration, "/duration_s");
  } else {
    job.model = parse_model(row.at("model"), check);
  }

  if (const json* chip = RowChecker::find(row, "measured_on"))
    job.measured_on = parse_measured_on(*chip, job, check);

  if (const json* parallelism = RowChecker::find(row, "parallelism")) {
    job.parallelism = parse_parallelism(*parallelism, job, check);
  }

  if (const json* mfu = RowChecker::find(row, "mfu")) {
    if (!mfu->is_number() || !(mfu->get<double>() > 0) || mfu->get<double>() > 1) {
      check.fail_found("/mfu", *mfu, "a number in (0, 1]: a measured model FLOPs utilization");
    }
    job.mfu = mfu->get<double>();
  }

  if (const json* bytes = RowChecker::find(row, "dataset_bytes")) {
    job.dataset_bytes = check.non_negative_number(*bytes, "/dataset_bytes");
  }

  if (const json* bytes = RowChecker::find(row, "checkpoint_bytes")) {
    job.checkpoint_bytes = check.non_negative_number(*bytes, "/checkpoint_bytes");
  }

  if (const json* input = RowChecker::find(row, "input")) job.input = parse_input(*input, job, check);

  if (const json* image = RowChecker::find(row, "image")) {
    if (!image->is_string() || image->get_ref<const std::string&>().empty()) {
      check.fail_found("/image", *image, "a non-empty string (a container image name)");
    }
    job.image = image->get<std::string>();
  }

  if (const json* tenant = RowChecker::find(row, "tenant")) {
    if (!tenant->is_string() || tenant->get_ref<const std::string&>().empty()) {
      check.fail_found("/tenant", *tenant, "a non-empty string (one of the scenario's tenants)");
    }
    job.tenant = tenant->get<std::string>();
  }

  job.request = parse_resource_request(row, check);

  if (const json* precision = RowChecker::find(row, "precision")) {
    const std::string* text = precision->is_string() ? &precision->get_ref<const std::string&>() : nullptr;
    if (text != nullptr && *text == "bf16") {
      job.precision = Precision::Bf16;
    } else if (text != nullptr && *text == "fp8") {
      job.precision = Precision::Fp8;
    } else {
      check.fail_found("/precision", *precision, "\"bf16\" or \"fp8\"");
    }
  }

  job.origin = check.location();
  return job;
}

/// A job row is under 1 KB; anything near this is not a trace of ours, and a file without line
/// breaks (a device, a binary) would otherwise grow one line until memory runs out.
constexpr std::size_t kMaxRowBytes = std::size_t{1} << 20;
/// A job row is two levels deep ({"model": {...}}); far deeper rows are refused before the
/// duplicate-key finder's frames or a recursive dump() can grow with the depth.
constexpr int kMaxRowDepth = 32;

struct RowTooDeep {};

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
  DuplicateKeyFinder duplicates;
  const json::parser_callback_t callback = [&duplicates](int depth, json::parse_event_t event, json& parsed) {
    if (depth > kMaxRowDepth) throw RowTooDeep{};
    return duplicates.on_event(event, parsed);
  };

  std::string line;
  bool too_long = false;
  for (std::int64_t number = 1; read_row(in, line, too_long); ++number) {
    if (too_long) {
      // Not skippable: the rest of the "row" may never end (/dev/zero).
      throw InputError(path + ":" + std::to_string(number) + ": found a row longer than " +
                       std::to_string(kMaxRowBytes) + " bytes, expected one job object per line");
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();              // CRLF files
    if (number == 1 && line.starts_with("\xEF\xBB\xBF")) line.erase(0, 3);  // UTF-8 byte-order mark
    if (is_blank_or_comment(line)) continue;

    const RowChecker check(path, number);
    try {
      json row;
      duplicates.reset();
      try {
        row = json::parse(line, callback);
      } catch (const json::exception& error) {
        throw InputError(check.location() + ": not valid JSON: " + json_error_text(error));
      } catch (const RowTooDeep&) {
        throw InputError(check.location() + ": found a row nested deeper than " +
                         std::to_string(kMaxRowDepth) + " levels, expected one job object per line");
      }
      if (const auto& pointer = duplicates.duplicate_pointer()) {
        check.fail(*pointer, "found the same key twice", "each key at most once");
      }
      JobSpec job = parse_row(row, check);
      const auto [it, inserted] = line_of_id.try_emplace(job.id, number);
      if (!inserted) {
        check.fail("/id",
                   "found " + describe(row.at("id")) + ", already used on line " + std::to_string(it->second),
                   "a unique id");
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
  const RowChecker check(path, 0);
  json row;
  try {
    row = json::parse(in);
  } catch (const json::exception& error) {
    throw InputError(path + ": not valid JSON: " + json_error_text(error));
  }
  return parse_row(row, check);
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
