// Options that several subcommands share, declared once: the seed, the output folder, the
// number of runs at the same time, quiet, and the options of a command that runs a spec file
// (plan cheapest, plan growth).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <optional>
#include <string>

namespace ppusim {

/// --seed: a plain decimal integer in [0, 2^64 − 1]. CLI11's own conversion accepts "-1",
/// wraps overflow and reads "010" as octal, each silently picking another draw.
CLI::Option* add_seed_option(CLI::App& command, std::optional<std::uint64_t>& seed, const std::string& help);

/// --output,-o into an optional folder or file: unset when not given, so that the command
/// chooses its default.
CLI::Option* add_output_option(CLI::App& command, std::optional<std::string>& output,
                               const std::string& help);

/// The machine's cores: the default of --jobs.
int default_parallel_runs();

/// --jobs,-j: runs at the same time, 1 to 4096, default the number of cores.
CLI::Option* add_parallel_option(CLI::App& command, int& parallel);

/// --quiet,-q.
CLI::Option* add_quiet_flag(CLI::App& command, bool& quiet, const std::string& help);

/// A command that runs the runs a spec file asks for and answers from them.
struct SpecRunOptions {
  std::string spec_path;
  int parallel = 1;
  std::optional<std::string> output_dir;  // default: out/<kind>-<spec file stem>
  bool quiet = false;
};

/// SPEC, --output, --jobs and --quiet ("Print nothing").
void add_spec_run_options(CLI::App& command, SpecRunOptions& options, const std::string& spec_help,
                          const std::string& output_help);

/// An error message as the terminal shows it: at most 2,000 bytes whatever it quotes
/// (sim/core/excerpt.hpp), control characters made visible (printable_text.hpp).
std::string message_for_terminal(const std::string& what);

/// Flushes standard output and throws InputError if it could not be written (`> /dev/full`, a
/// closed pipe, a full disk): a command whose output was lost must not exit 0. Returns `code`.
int stdout_checked(int code);

}  // namespace ppusim
