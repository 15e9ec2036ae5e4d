#include "sim/sweep/process_pool.hpp"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <exception>
#include <filesystem>
#include <iostream>
#include <map>
#include <stdexcept>

#include "sim/app/die_with_parent.hpp"

namespace ppusim {

namespace {

/// In the child: output to the log, the task, then _exit (no atexit handlers or stream
/// flushes of the parent's state run twice).
[[noreturn]] void run_child(const ProcessTask& task) {
  int code = 1;
  try {
    std::filesystem::create_directories(std::filesystem::path(task.log_path).parent_path());
    const int log = ::open(task.log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (log < 0 || ::dup2(log, 1) < 0 || ::dup2(log, 2) < 0) ::_exit(1);
    ::close(log);
    code = task.body();
  } catch (const std::exception& error) {
    std::cerr << "ppusim: internal error: " << error.what() << "\n";
    code = 1;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  ::_exit(code);
}

}  // namespace

std::vector<ProcessOutcome> run_in_child_processes(const std::vector<ProcessTask>& tasks, int parallel,
                                                   const std::function<void(std::size_t)>& on_finished) {
  if (parallel < 1) parallel = 1;
  std::vector<ProcessOutcome> outcomes(tasks.size());
  std::map<pid_t, std::size_t> running;
  std::size_t next = 0;
  bool failed = false;
  while (true) {
    while (!failed && next < tasks.size() && static_cast<int>(running.size()) < parallel) {
      std::cout.flush();
      std::cerr.flush();
      std::fflush(nullptr);  // the child must not inherit half-written parent output
      const pid_t parent = ::getpid();
      const pid_t pid = ::fork();
      if (pid < 0) throw std::runtime_error("cannot fork a process for a sweep run");
      if (pid == 0) {
        die_with_parent(parent);
        run_child(tasks[next]);
      }
      outcomes[next].started = true;
      running[pid] = next++;
    }
    if (running.empty()) break;
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) throw std::runtime_error("waitpid failed while waiting for sweep runs");
    const auto entry = running.find(pid);
    if (entry == running.end()) continue;  // not one of ours
    ProcessOutcome& outcome = outcomes[entry->second];
    if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
    if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
    if (!outcome.succeeded()) failed = true;
    const std::size_t index = entry->second;
    running.erase(entry);
    if (on_finished) on_finished(index);
  }
  return outcomes;
}

}  // namespace ppusim
