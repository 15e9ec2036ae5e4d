#include "sim/engine/link_failure_actor.hpp"

#include <simgrid/s4u.hpp>

namespace ppusim {

namespace sg4 = simgrid::s4u;

void LinkFailureActor::operator()() const {
  // A daemon: the run ends when the jobs do, not at the last scheduled failure.
  sg4::Actor::self()->daemonize();
  for (const LinkCapacityChange& change : changes) {
    sg4::this_actor::sleep_until(change.time_s);
    auto* link = sg4::SplitDuplexLink::by_name(change.link);
    link->get_link_up()->set_bandwidth(change.bandwidth_bytes_per_s);
    link->get_link_down()->set_bandwidth(change.bandwidth_bytes_per_s);
  }
}

}  // namespace ppusim
