// Runs tasks in child processes, a bounded number at a time. SimGrid keeps one engine per
// process, so every simulation of a sweep gets a fork() of its own; the parent never starts
// SimGrid and only waits.
#pragma once

#include <functional>
#include <string>
#include <vector>

namespace ppusim {

struct ProcessTask {
  /// Runs in the child, whose stdout and stderr go to `log_path`; returns its exit code.
  std::function<int()> body;
  std::string log_path;
};

struct ProcessOutcome {
  bool started = false;
  int exit_code = -1;  // when it exited
  int signal = 0;      // when a signal ended it
  bool succeeded() const { return started && signal == 0 && exit_code == 0; }
};

/// Starts the tasks in list order, at most `parallel` at a time, and waits for all of them.
/// After the first failure no further task is started (those stay !started). `on_finished`
/// is called in the parent as each task ends, with its index, in the order they end.
std::vector<ProcessOutcome> run_in_child_processes(const std::vector<ProcessTask>& tasks, int parallel,
                                                   const std::function<void(std::size_t)>& on_finished = {});

}  // namespace ppusim
