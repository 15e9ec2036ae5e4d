// `ppusim explain SCENARIO.json --job JOB.json [--json] [--search]`: one training job on the
// scenario's hardware through the step-time model (workloads/step_time_model.hpp): step
// time, MFU, the breakdown of a step and the memory per PPU; with --search, the best layouts
// that fit (workloads/layout_search.hpp). docs/models.md, section (k).
#pragma once

#include <nlohmann/json.hpp>
#include <ostream>
#include <string>

#include "sim/cli/command_registry.hpp"
#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct ExplainOptions {
  std::string scenario_path;
  std::string job_path;
  bool json = false;
  bool search = false;
  int top = 5;  // layouts --search shows
};

/// The explanation of `job` on `scenario` as JSON: step_time_s, mfu, model_flops_per_step,
/// breakdown_s, memory_bytes_per_ppu, ... Throws InputError for a layout that cannot run.
nlohmann::json explain_job(const JobSpec& job, const Scenario& scenario);

/// Runs the command; returns the exit code (1 when --search finds no layout that fits).
int explain_command(const ExplainOptions& options, std::ostream& out, std::ostream& err);

/// `explain`.
void add_explain_command(CLI::App& app, CommandRegistry& commands);

}  // namespace ppusim
