#include "sim/failures/failure_config.hpp"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/duration_reader.hpp"
#include "sim/config/plausible_bounds.hpp"

namespace ppusim {

namespace {

constexpr double kSecondsPerHour = 3600.0;

/// {"distribution": "exponential", "mtbf_hours": m} or
/// {"distribution": "weibull", "shape": k, "scale_hours": λ | "mtbf_hours": m}.
LifetimeDistribution read_lifetime(JsonReader& r) {
  using Kind = LifetimeDistribution::Kind;
  LifetimeDistribution lifetime;
  lifetime.kind = r.choice_or("distribution", Kind::Exponential,
                              {{"exponential", Kind::Exponential}, {"weibull", Kind::Weibull}});
  if (lifetime.kind == Kind::Exponential) {
    lifetime.mean_s = r.number("mtbf_hours", plausible::mtbf_hours()) * kSecondsPerHour;
    return lifetime;
  }
  lifetime.shape = r.number("shape", plausible::weibull_shape());
  const double gamma = std::tgamma(1.0 + 1.0 / lifetime.shape);
  const bool has_scale = r.has("scale_hours");
  const bool has_mtbf = r.has("mtbf_hours");
  if (has_scale == has_mtbf)
    r.fail("found a weibull lifetime with " + std::string(has_scale ? "both" : "neither") +
           " of scale_hours and mtbf_hours, expected exactly one");
  if (has_scale) {
    lifetime.scale_s = r.number("scale_hours", plausible::mtbf_hours()) * kSecondsPerHour;
    lifetime.mean_s = lifetime.scale_s * gamma;
  } else {
    lifetime.mean_s = r.number("mtbf_hours", plausible::mtbf_hours()) * kSecondsPerHour;
    lifetime.scale_s = lifetime.mean_s / gamma;
  }
  if (!std::isfinite(lifetime.mean_s) || !(lifetime.scale_s > 0)) {
    r.fail("found a weibull lifetime whose mean is not a finite positive number, expected a larger shape");
  }
  return lifetime;
}

ComponentFailureSpec read_component(JsonReader r) {
  r.allow_only({"distribution", "mtbf_hours", "shape", "scale_hours", "repair_s"});
  ComponentFailureSpec component;
  component.enabled = true;
  component.lifetime = read_lifetime(r);
  component.repair_s = read_duration(r.object("repair_s"));
  r.finish();
  return component;
}

constexpr std::array<ComponentKind, kHardwareComponentKinds> kHardware = {
    ComponentKind::Ppu, ComponentKind::Hbm,  ComponentKind::Node,
    ComponentKind::Nic, ComponentKind::Link, ComponentKind::Switch};

ScheduledFailure read_event(JsonReader r, const std::array<long long, kHardwareComponentKinds>& counts) {
  r.allow_only({"time_s", "component", "index"});
  ScheduledFailure event;
  event.time_s = r.number("time_s", plausible::delay());
  event.component = r.choice<ComponentKind>("component", {{"ppu", ComponentKind::Ppu},
                                                          {"hbm", ComponentKind::Hbm},
                                                          {"node", ComponentKind::Node},
                                                          {"nic", ComponentKind::Nic},
                                                          {"link", ComponentKind::Link},
                                                          {"switch", ComponentKind::Switch}});
  const long long count = counts[static_cast<std::size_t>(event.component)];
  if (count <= 0) r.fail_at("component", "found a component this cluster has none of, expected one it has");
  event.index = static_cast<int>(r.integer("index", IntegerRange::non_negative().at_most(count - 1)));
  r.finish();
  return event;
}

}  // namespace

FailureSpec read_failures(JsonReader r, const std::array<long long, kHardwareComponentKinds>& counts) {
  r.allow_only({"components", "events", "recovery", "spares", "checkpoint"});
  FailureSpec spec;
  spec.enabled = true;
  if (auto block = r.optional_object("components")) {
    block->allow_only({"ppu", "hbm", "node", "nic", "link", "switch"});
    for (ComponentKind kind : kHardware) {
      if (auto component = block->optional_object(component_name(kind))) {
        spec.components[static_cast<std::size_t>(kind)] = read_component(*component);
      }
    }
    block->finish();
  }
  if (r.has("events")) {
    const nlohmann::json& list = r.value()["events"];
    if (!list.is_array()) r.fail_found("events", "an array of {time_s, component, index}");
    for (std::size_t i = 0; i < list.size(); ++i) {
      spec.events.push_back(
          read_event(JsonReader(list[i], r.source(), r.path_of("events") + "/" + std::to_string(i)), counts));
    }
    std::stable_sort(
        spec.events.begin(), spec.events.end(),
        [](const ScheduledFailure& a, const ScheduledFailure& b) { return a.time_s < b.time_s; });
  }
  if (auto block = r.optional_object("recovery")) {
    block->allow_only({"detection_s", "automatic_restart_s", "manual_restart_s", "manual_fraction"});
    spec.recovery.detection_s = block->number_or("detection_s", 0, plausible::delay());
    spec.recovery.automatic_restart_s = block->number_or("automatic_restart_s", 0, plausible::delay());
    spec.recovery.manual_restart_s = block->number_or("manual_restart_s", 0, plausible::delay());
    spec.recovery.manual_fraction =
        block->number_or("manual_fraction", 0, NumberRange::at_least(0).at_most(1));
    block->finish();
  }
  if (auto block = r.optional_object("spares")) {
    block->allow_only({"nodes", "swap_s"});
    spec.spares.nodes =
        static_cast<int>(block->integer("nodes", IntegerRange::non_negative().at_most(1 << 30)));
    spec.spares.swap_s = block->number_or("swap_s", 0, plausible::delay());
    block->finish();
  }
  if (auto block = r.optional_object("checkpoint")) {
    block->allow_only({"interval_s", "bytes_per_parameter"});
    spec.checkpoint.interval_s = block->number_or("interval_s", 0, plausible::delay());
    spec.checkpoint.bytes_per_parameter =
        block->number_or("bytes_per_parameter", 0, NumberRange::non_negative().at_most(64));
    block->finish();
  }
  r.finish();
  return spec;
}

SpotSpec read_spot(JsonReader r) {
  r.allow_only({"preemptions_per_node_hour", "notice_s", "reclaim_s"});
  SpotSpec spot;
  spot.preemptions_per_node_hour =
      r.number("preemptions_per_node_hour", plausible::preemptions_per_node_hour());
  spot.notice_s = r.number_or("notice_s", 0, plausible::delay());
  spot.reclaim_s = r.number_or("reclaim_s", 0, plausible::delay());
  r.finish();
  return spot;
}

std::string_view component_name(ComponentKind kind) {
  switch (kind) {
    case ComponentKind::Ppu:
      return "ppu";
    case ComponentKind::Hbm:
      return "hbm";
    case ComponentKind::Node:
      return "node";
    case ComponentKind::Nic:
      return "nic";
    case ComponentKind::Link:
      return "link";
    case ComponentKind::Switch:
      return "switch";
    case ComponentKind::Preemption:
      return "spot_preemption";
  }
  return "unknown";
}

}  // namespace ppusim
