#include "sim/report/report_metrics.hpp"

#include <algorithm>
#include <utility>

#include "sim/core/edit_distance.hpp"
#include "sim/core/escaping.hpp"
#include "sim/core/json_reader.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

/// RFC 6901 reference tokens of a pointer that parses ("/a~1b/0" → "a/b", "0").
std::vector<std::string> tokens_of(const std::string& pointer) {
  std::vector<std::string> tokens;
  for (std::size_t at = 0; at < pointer.size();) {
    const std::size_t next = std::min(pointer.find('/', at + 1), pointer.size());
    std::string token;
    for (std::size_t i = at + 1; i < next; ++i) {
      if (pointer[i] == '~' && i + 1 < next) {
        token += pointer[++i] == '1' ? '/' : '~';
      } else {
        token += pointer[i];
      }
    }
    tokens.push_back(std::move(token));
    at = next;
  }
  return tokens;
}

bool is_index(const std::string& token) {
  return !token.empty() &&
         std::all_of(token.begin(), token.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

void collect_metric_pointers(const json& value, const std::string& pointer, std::vector<std::string>& out) {
  if (value.is_number() || value.is_null()) {
    out.push_back(pointer);
  } else if (value.is_object()) {
    for (const auto& item : value.items()) {
      collect_metric_pointers(item.value(), pointer + "/" + json_pointer_token(item.key()), out);
    }
  }
}

std::string metrics_under(const json& value, const std::string& pointer) {
  std::vector<std::string> under;
  collect_metric_pointers(value, pointer, under);
  if (under.empty()) return "";
  constexpr std::size_t kShown = 6;
  std::string text = "; the metrics under it are";
  for (std::size_t i = 0; i < std::min(kShown, under.size()); ++i) text += (i ? ", " : " ") + under[i];
  if (under.size() > kShown) text += ", ...";
  return text;
}

std::optional<std::string> metric_pointer_problem(const json& report, const std::string& pointer) {
  const json* node = &report;
  std::string walked;
  for (const std::string& token : tokens_of(pointer)) {
    if (node->is_object() && node->contains(token)) {
      node = &(*node)[token];
    } else if (node->is_array() && is_index(token)) {
      const std::size_t index = std::stoul(token.size() > 9 ? std::string("999999999") : token);
      if (index >= node->size()) return std::nullopt;  // an element the run may write
      node = &(*node)[index];
    } else {
      return "report.json has no field " + walked + "/" + json_pointer_token(token) + " (docs/report.md)";
    }
    walked += "/" + json_pointer_token(token);
  }
  if (node->is_number() || node->is_null()) return std::nullopt;
  return "names " + JsonReader::describe_value(*node, true) + " in report.json, expected a number" +
         metrics_under(*node, pointer);
}

std::vector<std::string> closest_metric_pointers(const json& report, const std::string& pointer,
                                                 std::size_t count) {
  std::vector<std::string> metrics;
  collect_metric_pointers(report, "", metrics);
  std::vector<std::pair<std::size_t, std::string>> ranked;
  const std::size_t limit = std::max<std::size_t>(2, pointer.size() / 3);
  for (std::string& metric : metrics) {
    const std::size_t distance = edit_distance(pointer, metric);
    if (distance <= limit) ranked.emplace_back(distance, std::move(metric));
  }
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> closest;
  for (std::size_t i = 0; i < std::min(count, ranked.size()); ++i) closest.push_back(ranked[i].second);
  return closest;
}

}  // namespace ppusim
