#include "sim/engine/stop_request.hpp"

#include <csignal>

namespace ppusim {

namespace {

volatile std::sig_atomic_t requested_signal = 0;
bool enabled = false;

extern "C" void on_stop_signal(int signal_number) {
  request_stop(signal_number);
  std::signal(signal_number, SIG_DFL);  // a second Ctrl-C kills at once
}

}  // namespace

void enable_stop_on_signals() { enabled = true; }

void install_stop_signal_handlers() {
  if (!enabled) return;
  std::signal(SIGINT, on_stop_signal);
  std::signal(SIGTERM, on_stop_signal);
}

void request_stop(int signal_number) { requested_signal = signal_number; }

bool stop_requested() { return requested_signal != 0; }

int stop_signal() { return requested_signal; }

}  // namespace ppusim
