// Running the built `ppusim` program from a test: each test gets a fresh temporary folder, runs
// the executable there as a child process, and checks its exit code, what it printed on stdout
// and stderr, and the files it wrote. Shared by test_cli.cpp and test_check.cpp.
#pragma once

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

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
  std::string out;
  std::string err;
};

/// Runs ppusim with `args` in `dir`, with stdout and stderr captured to separate files (kept
/// in a hidden folder of `dir`, away from the outputs the tests inspect). With
/// `interrupt_after_s`, sends SIGINT that long after starting it.
inline Outcome run_ppusim(const TempDir& dir, const std::vector<std::string>& args,
                          double interrupt_after_s = 0) {
  const std::filesystem::path capture = dir / ".capture";
  std::filesystem::create_directories(capture);
  const std::string out_path = (capture / "stdout").string();
  const std::string err_path = (capture / "stderr").string();
  const std::string binary = kBinary.string();
  const std::string cwd = dir.path().string();

  // Everything the child needs is built before fork(): between fork() and exec() the child of a
  // possibly multi-threaded test process may only call async-signal-safe functions.
  std::vector<std::string> storage{binary};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& arg : storage) argv.push_back(arg.data());
  argv.push_back(nullptr);

  std::fflush(nullptr);  // so the child does not inherit half-written test-process output
  const pid_t pid = ::fork();
  if (pid == 0) {
    const int out_fd = ::open(out_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    const int err_fd = ::open(err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (out_fd < 0 || err_fd < 0 || ::chdir(cwd.c_str()) != 0 || ::dup2(out_fd, 1) < 0 ||
        ::dup2(err_fd, 2) < 0) {
      ::_exit(126);
    }
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  REQUIRE(pid > 0);
  if (interrupt_after_s > 0) {
    ::usleep(static_cast<useconds_t>(interrupt_after_s * 1e6));
    ::kill(pid, SIGINT);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);

  Outcome outcome;
  if (WIFSIGNALED(status)) outcome.signal = WTERMSIG(status);
  if (WIFEXITED(status)) outcome.exit_code = WEXITSTATUS(status);
  outcome.out = read_text(out_path);
  outcome.err = read_text(err_path);
  // 126/127 mean the child never became ppusim: a broken test setup, not a ppusim result.
  REQUIRE(outcome.exit_code != 126);
  REQUIRE(outcome.exit_code != 127);
  return outcome;
}

/// Everything a failed check should show about the run.
inline std::string describe(const Outcome& outcome) {
  return "exit " + std::to_string(outcome.exit_code) + ", signal " + std::to_string(outcome.signal) +
         "\n--- stdout ---\n" + outcome.out + "--- stderr ---\n" + outcome.err;
}

}  // namespace ppusim::cli_test
