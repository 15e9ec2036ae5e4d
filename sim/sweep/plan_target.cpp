#include "sim/sweep/plan_target.hpp"

#include <charconv>
#include <cmath>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/sweep/sweep_spec.hpp"

namespace ppusim {

double PlanTarget::judged_value(const MeanWithInterval& summary, TargetRule rule) const {
  if (rule == TargetRule::Mean) return summary.mean;
  return is_upper_bound() ? summary.upper() : summary.lower();
}

bool PlanTarget::met_by(double value) const {
  if (comparison == "<=") return value <= bound;
  if (comparison == "<") return value < bound;
  if (comparison == ">=") return value >= bound;
  return value > bound;
}

PlanTarget parse_plan_target(const std::string& text) {
  const std::string expected =
      "expected POINTER<=NUMBER (or <, >=, >), e.g. /jobs/queueing_delay_s/p90<=3600";
  const std::size_t at = text.find_first_of("<>");
  if (at == std::string::npos) throw InputError("--target: found \"" + text + "\", " + expected);
  PlanTarget target;
  target.text = text;
  target.pointer = text.substr(0, at);
  const bool or_equal = at + 1 < text.size() && text[at + 1] == '=';
  target.comparison = text.substr(at, or_equal ? 2 : 1);
  const std::string number = text.substr(at + target.comparison.size());
  parse_pointer(target.pointer, "--target " + text);
  const char* end = number.data() + number.size();
  const auto [stop, error] = std::from_chars(number.data(), end, target.bound);
  if (number.empty() || error != std::errc() || stop != end || !std::isfinite(target.bound)) {
    throw InputError("--target: found \"" + text + "\" whose bound \"" + number + "\" is not a number, " +
                     expected);
  }
  return target;
}

std::vector<PlanTarget> read_plan_targets(JsonReader& reader, std::vector<std::string>& paths) {
  if (!reader.has("targets"))
    reader.fail_found("targets", "a non-empty list of targets such as \"/utilization/allocated>=0.5\"");
  const nlohmann::json& list = reader.value()["targets"];
  if (!list.is_array() || list.empty()) {
    reader.fail_found("targets", "a non-empty list of targets such as \"/utilization/allocated>=0.5\"");
  }
  std::vector<PlanTarget> targets;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string where = reader.source() + ": " + reader.path_of("targets") + "/" + std::to_string(i);
    if (!list[i].is_string()) {
      throw InputError(where + ": found " + JsonReader::describe_value(list[i], true) +
                       ", expected a target such as \"/jobs/queueing_delay_s/p90<=3600\"");
    }
    try {
      targets.push_back(parse_plan_target(list[i].get<std::string>()));
    } catch (const InputError& error) {
      throw InputError(where + ": " + error.what());
    }
    paths.push_back(where);
  }
  return targets;
}

}  // namespace ppusim
