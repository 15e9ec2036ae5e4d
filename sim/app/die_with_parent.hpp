// Forked simulations (sweep, plan, compare) must not outlive the ppusim that started them: an
// orphan would go on for hours and write a complete-looking output nobody asked for (issue #16).
#pragma once

#include <signal.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace ppusim {

/// Called first thing in a forked child: the kernel sends it SIGKILL when the parent dies, for
/// whatever reason (SIGINT, SIGTERM, SIGKILL, a crash). SIGKILL, not SIGTERM: a run stopped by
/// SIGTERM writes outputs marked interrupted, which a resumed sweep would take as done; killed,
/// it leaves nothing (outputs are renamed into place only when complete). `parent` is the pid
/// before the fork, to close the race of a parent that died before the request was made.
inline void die_with_parent(pid_t parent) {
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != parent) ::_exit(128 + SIGKILL);
}

}  // namespace ppusim
