#include "sim/cli/common_options.hpp"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <iostream>
#include <thread>

#include "sim/cli/printable_text.hpp"
#include "sim/core/excerpt.hpp"
#include "sim/core/input_error.hpp"

namespace ppusim {

namespace {

/// CLI11's check: empty when `text` is a seed, else why not.
std::string check_seed(const std::string& text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end) {
    return "found \"" + text + "\", expected a decimal integer from 0 to 18446744073709551615";
  }
  return {};
}

}  // namespace

CLI::Option* add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed, const std::string& help) {
  return command
      .add_option_function<std::string>(
          "--seed",
          [&seed](const std::string& text) {
            std::uint64_t value = 0;
            std::from_chars(text.data(), text.data() + text.size(), value);  // checked by check_seed
            seed = value;
          },
          help)
      ->check(check_seed, "SEED");
}

CLI::Option* add_output_option(CLI::App& command, std::optional<std::string>& output,
                               const std::string& help) {
  return command.add_option_function<std::string>(
      "--output,-o", [&output](const std::string& path) { output = path; }, help);
}

int default_parallel_runs() { return static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }

CLI::Option* add_parallel_option(CLI::App& command, int& parallel) {
  parallel = default_parallel_runs();
  return command.add_option("--jobs,-j", parallel, "Runs at the same time (default: the number of cores)")
      ->check(CLI::Range(1, 4096));
}

CLI::Option* add_quiet_flag(CLI::App& command, bool& quiet, const std::string& help) {
  return command.add_flag("--quiet,-q", quiet, help);
}

void add_spec_run_options(CLI::App& command, SpecRunOptions& options, const std::string& spec_help,
                          const std::string& output_help) {
  command.add_option("spec", options.spec_path, spec_help)->required();
  add_output_option(command, options.output_dir, output_help);
  add_parallel_option(command, options.parallel);
  add_quiet_flag(command, options.quiet, "Print nothing");
}

std::string message_for_terminal(const std::string& what) {
  // A safety net behind the quoting rule of sim/core/excerpt.hpp: no message, whatever it
  // quotes, prints more than this.
  constexpr std::size_t kMaxMessageBytes = 2000;
  return printable_text(excerpt(what, kMaxMessageBytes));
}

int stdout_checked(int code) {
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    throw InputError(std::string("standard output: cannot write: ") + std::strerror(errno));
  }
  return code;
}

}  // namespace ppusim
