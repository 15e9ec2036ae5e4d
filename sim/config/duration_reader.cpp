#include "sim/config/duration_reader.hpp"

#include "sim/config/plausible_bounds.hpp"

namespace ppusim {

DurationDistribution read_duration(JsonReader r) {
  using Kind = DurationDistribution::Kind;
  DurationDistribution d;
  d.kind = r.choice<Kind>(
      "distribution", {{"fixed", Kind::Fixed}, {"uniform", Kind::Uniform}, {"lognormal", Kind::LogNormal}});
  switch (d.kind) {
    case Kind::Fixed:
      r.allow_only({"distribution", "value_s"});
      d.a = r.number("value_s", plausible::delay());
      break;
    case Kind::Uniform:
      r.allow_only({"distribution", "min_s", "max_s"});
      d.a = r.number("min_s", plausible::delay());
      d.b = r.number("max_s", NumberRange::at_least(d.a).at_most(plausible::kMaxDurationS));
      break;
    case Kind::LogNormal:
      r.allow_only({"distribution", "median_s", "sigma"});
      d.a = r.number("median_s", plausible::duration());
      d.b = r.number("sigma", NumberRange::non_negative().at_most(10));
      break;
  }
  r.finish();
  return d;
}

}  // namespace ppusim
