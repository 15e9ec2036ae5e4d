// The one exception type for bad input: a scenario, a trace, a command-line value.
//
// Its message is complete and meant for the user as it is: it names the file, the JSON path
// or line, what was found and what was expected. The command line prints it and exits 2.
#pragma once

#include <stdexcept>
#include <string>

namespace ppusim {

class InputError : public std::runtime_error {
 public:
  explicit InputError(const std::string& message) : std::runtime_error(message) {}
};

}  // namespace ppusim
