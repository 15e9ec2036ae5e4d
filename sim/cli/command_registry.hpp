// The subcommands of `ppusim`, each registered by its own command file: its arguments on a
// CLI11 App and the action that runs when the user chose it. main() parses the arguments once
// and runs the chosen action.
#pragma once

#include <CLI/CLI.hpp>
#include <functional>
#include <utility>
#include <vector>

namespace ppusim {

/// What a subcommand does once its arguments are parsed; returns the exit code (0 success, 1
/// a negative answer such as a failed gate, 2 bad input). Throws InputError for bad input.
using CommandAction = std::function<int()>;

class CommandRegistry {
 public:
  /// `command` runs `action` when it is the subcommand the user chose.
  void add(CLI::App* command, CommandAction action) { commands_.emplace_back(command, std::move(action)); }

  /// The exit code of the chosen subcommand's action: the deepest one parsed, so that
  /// `plan cheapest` runs cheapest, not plan. 0 when none was chosen.
  int run_chosen() const;

 private:
  std::vector<std::pair<CLI::App*, CommandAction>> commands_;
};

}  // namespace ppusim
