#include "sim/engine/engine_event.hpp"

#include <limits>

namespace ppusim {

namespace {

/// The order in which one instant's events are handled (engine_event.hpp).
int phase_of(EventType type) {
  switch (type) {
    case EventType::NetworkJobDone:
      return 0;
    case EventType::LocalJobEnd:
      return 1;
    case EventType::ComponentFailure:
      return 2;
    case EventType::Arrival:
      return 4;
    default:
      return 3;  // what earlier failures set in motion: releases, notices, repairs, cuts
  }
}

}  // namespace

void EventQueue::push(const EngineEvent& event) {
  const long long sequence = sequence_++;
  // Local jobs that end at the same time end in job order, whatever order they started in.
  const long long order = event.type == EventType::LocalJobEnd ? event.target : sequence;
  heap_.push({event.time_s, phase_of(event.type), order, event});
}

double EventQueue::next_time() const {
  return heap_.empty() ? std::numeric_limits<double>::infinity() : heap_.top().time_s;
}

EngineEvent EventQueue::pop() {
  const EngineEvent event = heap_.top().event;
  heap_.pop();
  return event;
}

}  // namespace ppusim
