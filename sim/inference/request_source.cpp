#include "sim/inference/request_source.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

#include "sim/config/input_error.hpp"
#include "sim/config/json_reader.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/random.hpp"

namespace ppusim {

namespace {

/// Calls `row(line_number, line)` for every line, without its line break ("\r\n" too). The
/// shipped Azure files end without a line break, so the last line needs none.
template <typename Row>
void for_each_line(const std::string& text, Row&& row) {
  std::size_t start = 0;
  long long number = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    row(++number, line);
    start = end + 1;
  }
}

bool is_blank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

[[noreturn]] void fail_row(const std::string& origin, long long line, const std::string& message) {
  throw InputError(origin + ":" + std::to_string(line) + ": " + message);
}

std::optional<std::int64_t> parse_count(std::string_view text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

void check_tokens(const InferenceRequest& r, const std::string& origin, long long line) {
  if (r.input_tokens < 1)
    fail_row(origin, line,
             "input tokens: found " + std::to_string(r.input_tokens) + ", expected a positive integer");
  if (r.output_tokens < 1)
    fail_row(origin, line,
             "output tokens: found " + std::to_string(r.output_tokens) + ", expected a positive integer");
}

/// A JSON Lines file: `row(line, object reader)` per non-blank line.
template <typename Row>
std::vector<InferenceRequest> parse_jsonl(const std::string& text, const std::string& origin, Row&& row) {
  std::vector<InferenceRequest> requests;
  for_each_line(text, [&](long long line, const std::string& content) {
    if (is_blank(content)) return;
    const std::string where = origin + ":" + std::to_string(line);
    const nlohmann::json value = parse_json_text(content, where);
    JsonReader reader(value, where);
    InferenceRequest request = row(reader);
    reader.finish();
    check_tokens(request, origin, line);
    requests.push_back(request);
  });
  return requests;
}

void shift_and_sort(std::vector<InferenceRequest>& requests, const RequestSourceSpec& source) {
  if (requests.empty()) return;
  std::stable_sort(
      requests.begin(), requests.end(),
      [](const InferenceRequest& a, const InferenceRequest& b) { return a.arrival_s < b.arrival_s; });
  const double first = requests.front().arrival_s;
  for (InferenceRequest& r : requests)
    r.arrival_s = source.time_offset_s + source.time_scale * (r.arrival_s - first);
}

std::int64_t draw_tokens(const TokenDistribution& d, Rng& rng) {
  const double value = d.lognormal ? std::round(rng.lognormal(d.median, d.sigma)) : d.median;
  return std::clamp(static_cast<std::int64_t>(std::min(value, 9e18)), d.min, d.max);
}

}  // namespace

std::optional<double> parse_timestamp(const std::string& text) {
  return parse_calendar_time(text);  // the importers' reader: one definition of a trace's time
}

std::vector<InferenceRequest> parse_azure_llm_csv(const std::string& text, const std::string& origin) {
  static const std::string kHeader = "TIMESTAMP,ContextTokens,GeneratedTokens";
  std::vector<InferenceRequest> requests;
  for_each_line(text, [&](long long line, const std::string& content) {
    if (line == 1) {
      if (content != kHeader)
        fail_row(origin, line, "found header \"" + content + "\", expected \"" + kHeader + "\"");
      return;
    }
    if (is_blank(content)) return;
    const std::size_t c1 = content.find(',');
    const std::size_t c2 = c1 == std::string::npos ? c1 : content.find(',', c1 + 1);
    if (c2 == std::string::npos || content.find(',', c2 + 1) != std::string::npos)
      fail_row(origin, line,
               "found \"" + content + "\", expected 3 fields TIMESTAMP,ContextTokens,GeneratedTokens");
    const auto time = parse_timestamp(content.substr(0, c1));
    if (!time)
      fail_row(origin, line,
               "TIMESTAMP: found \"" + content.substr(0, c1) + "\", expected YYYY-MM-DD HH:MM:SS[.fraction]");
    const auto input = parse_count(std::string_view(content).substr(c1 + 1, c2 - c1 - 1));
    const auto output = parse_count(std::string_view(content).substr(c2 + 1));
    if (!input)
      fail_row(origin, line,
               "ContextTokens: found \"" + content.substr(c1 + 1, c2 - c1 - 1) +
                   "\", expected a positive integer");
    if (!output)
      fail_row(origin, line,
               "GeneratedTokens: found \"" + content.substr(c2 + 1) + "\", expected a positive integer");
    InferenceRequest request;
    request.arrival_s = *time;
    request.input_tokens = *input;
    request.output_tokens = *output;
    check_tokens(request, origin, line);
    requests.push_back(request);
  });
  if (requests.empty() && text.empty())
    throw InputError(origin + ": the file is empty, expected the header " + kHeader);
  return requests;
}

std::vector<InferenceRequest> parse_mooncake_jsonl(const std::string& text, const std::string& origin) {
  return parse_jsonl(text, origin, [](JsonReader& r) {
    r.allow_only({"timestamp", "input_length", "output_length", "hash_ids"});
    r.ignore("hash_ids");  // prefix-cache block ids: prefix caching is not modelled
    InferenceRequest request;
    request.arrival_s = r.number("timestamp", NumberRange::non_negative()) / 1000.0;  // milliseconds
    request.input_tokens = r.integer("input_length", IntegerRange::positive());
    request.output_tokens = r.integer("output_length", IntegerRange::positive());
    return request;
  });
}

std::vector<InferenceRequest> parse_ppusim_requests_jsonl(const std::string& text,
                                                          const std::string& origin) {
  return parse_jsonl(text, origin, [](JsonReader& r) {
    r.allow_only({"arrival_s", "input_tokens", "output_tokens"});
    InferenceRequest request;
    request.arrival_s = r.number("arrival_s", NumberRange::non_negative());
    request.input_tokens = r.integer("input_tokens", IntegerRange::positive());
    request.output_tokens = r.integer("output_tokens", IntegerRange::positive());
    return request;
  });
}

std::vector<InferenceRequest> generate_requests(const SyntheticRequests& spec, std::uint64_t seed) {
  // Separate streams for gaps and sizes, so that changing a size distribution keeps arrivals.
  Rng gaps(seed ^ 0xA11A11A11A11A11AULL);
  Rng sizes(seed ^ 0x70C3470C3470C347ULL);
  std::vector<InferenceRequest> requests;
  double t = gaps.exponential() / spec.rate_per_s;
  while (t < spec.duration_s) {
    InferenceRequest request;
    request.arrival_s = t;
    request.input_tokens = draw_tokens(spec.input_tokens, sizes);
    request.output_tokens = draw_tokens(spec.output_tokens, sizes);
    requests.push_back(request);
    t += gaps.exponential() / spec.rate_per_s;
  }
  return requests;
}

std::vector<InferenceRequest> load_requests(const RequestSourceSpec& source, std::uint64_t seed) {
  if (source.synthetic) return generate_requests(*source.synthetic, seed);
  const std::string text = read_text_file(source.trace_path);
  std::vector<InferenceRequest> requests;
  switch (source.format) {
    case RequestTraceFormat::AzureLlm:
      requests = parse_azure_llm_csv(text, source.trace_path);
      break;
    case RequestTraceFormat::Mooncake:
      requests = parse_mooncake_jsonl(text, source.trace_path);
      break;
    case RequestTraceFormat::Ppusim:
      requests = parse_ppusim_requests_jsonl(text, source.trace_path);
      break;
  }
  if (requests.empty()) throw InputError(source.trace_path + ": no requests, expected at least one");
  shift_and_sort(requests, source);
  return requests;
}

}  // namespace ppusim
