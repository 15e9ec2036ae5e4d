#include "sim/sweep/sweep_grid.hpp"

#include <charconv>

#include "sim/config/scenario_loader.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

using json = nlohmann::json;

std::string SweepRun::folder(const std::vector<SweepPoint>& points) const {
  return "points/" + points[point].id + "/seed-" + std::to_string(seed);
}

std::vector<SweepPoint> expand_grid(const SweepSpec& spec) {
  std::vector<SweepPoint> points{SweepPoint{}};
  for (const SweepDimension& dimension : spec.dimensions) {
    std::vector<SweepPoint> next;
    next.reserve(points.size() * dimension.levels.size());
    for (const SweepPoint& point : points) {
      for (const std::vector<json>& level : dimension.levels) {
        SweepPoint extended = point;
        for (std::size_t k = 0; k < dimension.pointers.size(); ++k) {
          extended.settings.emplace_back(dimension.pointers[k], level[k]);
        }
        next.push_back(std::move(extended));
      }
    }
    points = std::move(next);
  }
  for (std::size_t i = 0; i < points.size(); ++i) points[i].id = "p" + std::to_string(i);
  return points;
}

std::vector<SweepRun> list_runs(const SweepSpec& spec, std::size_t points) {
  std::vector<SweepRun> runs;
  runs.reserve(points * spec.seeds.size());
  for (std::size_t point = 0; point < points; ++point) {
    for (std::uint64_t seed : spec.seeds) runs.push_back({runs.size(), point, seed});
  }
  return runs;
}

Shard parse_shard(const std::string& text) {
  const auto fail = [&text]() -> Shard {
    throw InputError("--shard: found \"" + text +
                     "\", expected I/N with 0 <= I < N, e.g. 0/4 (Slurm: "
                     "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
  };
  const std::size_t slash = text.find('/');
  if (slash == std::string::npos) return fail();
  Shard shard;
  const char* end = text.data() + text.size();
  const auto [index_end, index_error] = std::from_chars(text.data(), text.data() + slash, shard.index);
  const auto [count_end, count_error] = std::from_chars(text.data() + slash + 1, end, shard.count);
  if (slash == 0 || index_error != std::errc() || index_end != text.data() + slash ||
      count_error != std::errc() || count_end != end || shard.count < 1 || shard.index < 0 ||
      shard.index >= shard.count) {
    return fail();
  }
  return shard;
}

std::string describe_settings(const SweepPoint& point) {
  std::string text;
  for (const auto& [pointer, value] : point.settings) {
    text += (text.empty() ? "" : ", ") + pointer + "=" + value.dump();
  }
  return text;
}

Scenario scenario_of(const SweepSpec& spec, const SweepPoint& point, std::uint64_t seed) {
  json document = spec.base;
  for (const auto& [pointer, value] : point.settings) document[json::json_pointer(pointer)] = value;
  try {
    Scenario scenario = parse_scenario(document, spec.base_path);
    scenario.simulation.seed = seed;
    return scenario;
  } catch (const InputError& error) {
    const std::string label = point.label.empty() ? "grid point " + point.id : point.label;
    throw InputError(spec.source + ": " + label + " (" + describe_settings(point) +
                     ") is not a valid scenario: " + error.what());
  }
}

}  // namespace ppusim
