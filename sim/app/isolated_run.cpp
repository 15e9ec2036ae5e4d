#include "sim/app/isolated_run.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <exception>
#include <stdexcept>
#include <string>

#include "sim/app/die_with_parent.hpp"
#include "sim/core/input_error.hpp"
#include "sim/metrics/observed_simulation.hpp"
#include "sim/report/report_builder.hpp"

namespace ppusim {

namespace {

void write_all(int fd, const std::string& text) {
  std::size_t done = 0;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n <= 0) return;
    done += static_cast<std::size_t>(n);
  }
}

std::string read_all(int fd) {
  std::string text;
  char buffer[65536];
  ssize_t n;
  while ((n = ::read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, static_cast<std::size_t>(n));
  return text;
}

}  // namespace

IsolatedRunOutput simulate_in_child_process(const Scenario& scenario, const JobTrace& trace) {
  int pipe_fds[2];
  if (::pipe(pipe_fds) != 0) throw std::runtime_error("cannot create a pipe for the child simulation");
  const pid_t parent = ::getpid();
  const pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("cannot fork the child simulation");
  if (child == 0) {
    die_with_parent(parent);
    ::close(pipe_fds[0]);
    int status = 0;
    std::string text;
    try {
      const SimulationResult result = observed_simulation(scenario, trace);
      const nlohmann::json both = {{"report", build_report(scenario, result)},
                                   {"jobs", build_job_table(result)}};
      text = "R" + both.dump();
    } catch (const InputError& error) {  // bad input stays bad input (exit 2) in the parent
      text = std::string("I") + error.what();
      status = 1;
    } catch (const std::exception& error) {
      text = std::string("E") + error.what();
      status = 1;
    }
    write_all(pipe_fds[1], text);
    ::close(pipe_fds[1]);
    ::_exit(status);  // no atexit handlers: they belong to the parent
  }
  ::close(pipe_fds[1]);
  const std::string text = read_all(pipe_fds[0]);
  ::close(pipe_fds[0]);
  int status = 0;
  ::waitpid(child, &status, 0);
  if (!text.empty() && text[0] == 'R') {
    nlohmann::json both = nlohmann::json::parse(text.substr(1));
    return {std::move(both["report"]), std::move(both["jobs"])};
  }
  if (!text.empty() && text[0] == 'I') throw InputError(text.substr(1));
  if (!text.empty() && text[0] == 'E') throw std::runtime_error("child simulation failed: " + text.substr(1));
  throw std::runtime_error("child simulation died with status " + std::to_string(status));
}

}  // namespace ppusim
