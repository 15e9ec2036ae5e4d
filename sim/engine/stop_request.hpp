// A request to end a run early (Ctrl-C, SIGTERM from a batch system). The signal handler only
// sets a flag; the cluster manager checks it each time it wakes, stops the simulation at the
// current simulated time, and the run is reported as interrupted (complete files, marked so).
#pragma once

namespace ppusim {

/// From now on, runs stop cleanly on SIGINT and SIGTERM (the command line asks for this;
/// tests and library users do not get their signals taken over).
void enable_stop_on_signals();

/// Installs the handlers if enabled. Called once the SimGrid engine exists, because SimGrid
/// installs a SIGINT handler of its own when it starts. A second signal of the same kind ends
/// the process at once, with the default action.
void install_stop_signal_handlers();

/// Async-signal-safe: only sets the flag.
void request_stop(int signal_number);
bool stop_requested();
/// The signal that asked for the stop, or 0.
int stop_signal();

}  // namespace ppusim
