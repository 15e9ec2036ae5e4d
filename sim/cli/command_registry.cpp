#include "sim/cli/command_registry.hpp"

namespace ppusim {

namespace {

int depth_of(const CLI::App* command) {
  int depth = 0;
  for (const CLI::App* parent = command->get_parent(); parent != nullptr; parent = parent->get_parent())
    ++depth;
  return depth;
}

}  // namespace

int CommandRegistry::run_chosen() const {
  const std::pair<CLI::App*, CommandAction>* chosen = nullptr;
  for (const auto& command : commands_) {
    if (command.first->parsed() && (chosen == nullptr || depth_of(command.first) > depth_of(chosen->first))) {
      chosen = &command;
    }
  }
  return chosen == nullptr ? 0 : chosen->second();
}

}  // namespace ppusim
