// Applies the scenario's link and switch failures (topologies/link_failures.hpp) during the
// run: a daemon actor that sleeps until each change's time and sets the capacity of both
// directions of the named link. SimGrid then re-shares every flow on it at once.
#pragma once

#include <vector>

#include "topologies/link_failures.hpp"

namespace ppusim {

struct LinkFailureActor {
  std::vector<LinkCapacityChange> changes;  // time order
  void operator()() const;
};

}  // namespace ppusim
