// Runs a simulation in a child process and returns its report. SimGrid keeps one engine
// (and its clock) per process, so anything that needs several simulations in one program
// (tests, comparisons) runs each in a fork of its own.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/config/scenario.hpp"
#include "workloads/job_spec.hpp"

namespace ppusim {

struct IsolatedRunOutput {
  nlohmann::json report;  // build_report()
  nlohmann::json jobs;    // build_job_table()
};

/// Simulates in a child process. Throws std::runtime_error with the child's message if the
/// child fails.
IsolatedRunOutput simulate_in_child_process(const Scenario& scenario, const JobTrace& trace);

}  // namespace ppusim
