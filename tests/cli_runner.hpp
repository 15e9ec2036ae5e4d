// Running the built `ppusim` program from a test: each test gets a fresh temporary folder, runs
// the executable there as a child process, and checks its exit code, what it printed on stdout
// and stderr, and the files it wrote. Shared by every test that runs the program.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

extern char** environ;

namespace ppusim::cli_test {

inline const std::filesystem::path kBinary{PPUSIM_BINARY};
inline const std::filesystem::path kSourceDir{PPUSIM_SOURCE_DIR};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void write_text(const std::filesystem::path& path, const std::string& content) {
  std::ofstream(path, std::ios::binary) << content;
}

inline nlohmann::json read_json(const std::filesystem::path& path) {
  return nlohmann::json::parse(read_text(path));
}

/// A fresh folder under the system's temp folder, removed with everything in it. Each test's
/// child processes run with it as their working directory, so default output folders
/// (out/<name>) and relative paths land inside it.
class TempDir {
 public:
  TempDir() {
    static std::atomic<int> counter{0};
    const auto tag = std::to_string(::getpid()) + "-" + std::to_string(std::random_device{}()) + "-" +
                     std::to_string(counter++);
    path_ = std::filesystem::temp_directory_path() / ("ppusim-cli-test-" + tag);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct Outcome {
  int exit_code = -1;  // meaningful when signal == 0
  int signal = 0;      // the signal that ended the process, 0 when it exited
  long peak_rss_kb = 0;
  std::string out;
  std::string err;
};

/// One ppusim process started in `dir` with `args`, its stdout and stderr captured to files of
/// its own (in a hidden folder of `dir`, away from the outputs the tests inspect), so that
/// several can run at once. The handle is kept for signals and for waiting on what the run
/// writes.
class PpusimProcess {
 public:
  /// `extra_env`: "NAME=value" entries added to the environment. `address_space_limit`: the
  /// child's RLIMIT_AS in bytes (0: none), so that a test of a memory bug cannot take the
  /// machine down with it; not with ASan, which reserves terabytes of address space.
  PpusimProcess(const TempDir& dir, const std::vector<std::string>& args,
                const std::vector<std::string>& extra_env = {}, rlim_t address_space_limit = 0) {
    static std::atomic<int> counter{0};
    const std::filesystem::path capture = dir / ".capture" / std::to_string(counter++);
    std::filesystem::create_directories(capture);
    out_path_ = (capture / "stdout").string();
    err_path_ = (capture / "stderr").string();
    const std::string cwd = dir.path().string();

    // Everything the child needs is built before fork(): between fork() and exec() the child
    // of a possibly multi-threaded test process may only call async-signal-safe functions.
    std::vector<std::string> arg_storage{kBinary.string()};
    arg_storage.insert(arg_storage.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& arg : arg_storage) argv.push_back(arg.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_storage(extra_env);
    for (char** entry = environ; *entry != nullptr; ++entry) env_storage.emplace_back(*entry);
    std::vector<char*> envp;
    for (auto& entry : env_storage) envp.push_back(entry.data());
    envp.push_back(nullptr);

    std::fflush(nullptr);  // so the child does not inherit half-written test-process output
    pid_ = ::fork();
    if (pid_ == 0) {
      const int out_fd = ::open(out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      const int err_fd = ::open(err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
      if (out_fd < 0 || err_fd < 0 || ::chdir(cwd.c_str()) != 0 || ::dup2(out_fd, 1) < 0 ||
          ::dup2(err_fd, 2) < 0) {
        ::_exit(126);
      }
      const struct rlimit limit = {address_space_limit, address_space_limit};
      if (address_space_limit > 0 && ::setrlimit(RLIMIT_AS, &limit) != 0) ::_exit(126);
      ::execve(argv[0], argv.data(), envp.data());
      ::_exit(127);
    }
    REQUIRE(pid_ > 0);
  }
  PpusimProcess(const PpusimProcess&) = delete;
  PpusimProcess& operator=(const PpusimProcess&) = delete;
  ~PpusimProcess() {
    if (!ended_) {  // a failed REQUIRE left it running: do not leave it behind
      ::kill(pid_, SIGKILL);
      ::waitpid(pid_, nullptr, 0);
    }
  }

  void send(int signal) const { ::kill(pid_, signal); }
  pid_t pid() const { return pid_; }

  /// Polls `condition` every 20 ms until it holds (true), the process ends or `timeout_s` passes
  /// (false). Tests signal a run once it is known to be simulating, not after a fixed delay:
  /// under load a fixed delay may fall before the run has even started.
  bool wait_until(const std::function<bool()>& condition, double timeout_s = 300) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout_s);
    while (std::chrono::steady_clock::now() < deadline) {
      if (condition()) return true;
      if (reap(WNOHANG)) return false;
      ::usleep(20000);
    }
    return false;
  }

  /// Waits for the process to end and collects what it printed.
  Outcome wait() {
    if (!ended_) REQUIRE(reap(0));
    Outcome outcome;
    outcome.peak_rss_kb = peak_rss_kb_;
    if (WIFSIGNALED(status_)) outcome.signal = WTERMSIG(status_);
    if (WIFEXITED(status_)) outcome.exit_code = WEXITSTATUS(status_);
    outcome.out = read_text(out_path_);
    outcome.err = read_text(err_path_);
    // 126/127 mean the child never became ppusim: a broken test setup, not a ppusim result.
    REQUIRE(outcome.exit_code != 126);
    REQUIRE(outcome.exit_code != 127);
    return outcome;
  }

 private:
  /// waitpid with `options`; true once the process has ended (its status kept).
  bool reap(int options) {
    struct rusage usage {};
    const pid_t reaped = ::wait4(pid_, &status_, options, &usage);
    if (reaped != pid_) return false;
    ended_ = true;
    peak_rss_kb_ = usage.ru_maxrss;
    return true;
  }

  pid_t pid_ = -1;
  bool ended_ = false;
  int status_ = 0;
  long peak_rss_kb_ = 0;
  std::string out_path_;
  std::string err_path_;
};

/// Runs ppusim with `args` in `dir` to its end (see PpusimProcess).
inline Outcome run_ppusim(const TempDir& dir, const std::vector<std::string>& args,
                          const std::vector<std::string>& extra_env = {}) {
  return PpusimProcess(dir, args, extra_env).wait();
}

/// Everything a failed check should show about the run.
inline std::string describe(const Outcome& outcome) {
  return "exit " + std::to_string(outcome.exit_code) + ", signal " + std::to_string(outcome.signal) +
         ", peak RSS " + std::to_string(outcome.peak_rss_kb) + " KB\n--- stdout ---\n" + outcome.out +
         "--- stderr ---\n" + outcome.err;
}

}  // namespace ppusim::cli_test
