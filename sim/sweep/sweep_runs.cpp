#include "sim/sweep/sweep_runs.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "sim/app/partial_time_series.hpp"
#include "sim/app/run_pipeline.hpp"
#include "sim/config/resource_estimate.hpp"
#include "sim/core/input_error.hpp"
#include "sim/sweep/process_pool.hpp"

namespace ppusim {

namespace fs = std::filesystem;

namespace {

constexpr int kBadInputExit = 2;

/// The last non-empty line of a run's log: its error message, for the sweep's own message.
std::string last_line(const std::string& path) {
  std::ifstream in(path);
  std::string line, last;
  while (std::getline(in, line)) {
    if (!line.empty()) last = line;
  }
  return last.empty() ? "(empty)" : last;
}

/// The body of one run's child process.
int simulate_run(const SweepSpec& spec, const SweepPoint& point, std::uint64_t seed,
                 const std::string& folder) {
  try {
    Scenario scenario = scenario_of(spec, point, seed);
    scenario.simulation.output_dir = folder;
    RunOutputChoices choices;
    choices.partial_every_s = kDefaultPartialEveryS;  // as `ppusim run`'s, for a run killed outright
    simulate_and_write(scenario, load_workload_within_resources(scenario), choices);
    return 0;
  } catch (const InputError& error) {
    std::cerr << "ppusim: error: " << error.what() << "\n";
    return kBadInputExit;
  }
}

}  // namespace

void execute_sweep_runs(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                        const std::vector<SweepRun>& todo, const std::string& folder, int parallel,
                        std::ostream* progress) {
  // Every point to run is built and its memory estimated before any run starts, so that a
  // point that cannot fit is refused now, with its settings, not after the others (issue #16).
  std::vector<bool> checked(points.size(), false);
  for (const SweepRun& run : todo) {
    if (checked[run.point]) continue;
    checked[run.point] = true;
    try {
      check_resources(scenario_of(spec, points[run.point], run.seed));
    } catch (const InputError& error) {
      throw InputError("sweep point " + describe_settings(points[run.point]) + ": " + error.what());
    }
  }
  std::vector<ProcessTask> tasks;
  for (const SweepRun& run : todo) {
    const std::string run_folder = (fs::path(folder) / run.folder(points)).string();
    tasks.push_back({[&spec, &points, run, run_folder] {
                       return simulate_run(spec, points[run.point], run.seed, run_folder);
                     },
                     (fs::path(run_folder) / "run.log").string()});
  }
  std::size_t finished = 0;
  const std::vector<ProcessOutcome> outcomes =
      run_in_child_processes(tasks, parallel, [&](std::size_t index) {
        ++finished;
        if (progress) {
          *progress << "  [" << finished << "/" << todo.size() << "] " << todo[index].folder(points) << " ("
                    << describe_settings(points[todo[index].point]) << ")\n";
        }
      });
  for (std::size_t i = 0; i < outcomes.size(); ++i) {
    if (!outcomes[i].started || outcomes[i].succeeded()) continue;
    const std::string message =
        "sweep run " + todo[i].folder(points) + " (" + describe_settings(points[todo[i].point]) + ", seed " +
        std::to_string(todo[i].seed) + ") failed" +
        (outcomes[i].signal ? " with signal " + std::to_string(outcomes[i].signal)
                            : " with exit code " + std::to_string(outcomes[i].exit_code)) +
        "; " + tasks[i].log_path + ": " + last_line(tasks[i].log_path);
    if (outcomes[i].exit_code == kBadInputExit) throw InputError(message);
    throw std::runtime_error(message);
  }
}

}  // namespace ppusim
