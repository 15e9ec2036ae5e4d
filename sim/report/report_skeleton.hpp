// The report.json a run of a scenario writes, without running it: every section and field in
// place, with the values of an empty run (nothing arrived, an empty window). Metric pointers
// (sweep metrics, plan targets) are checked against it before any run starts, so that a typo
// fails in a second rather than after hours of runs. Built by the same build_report() as a
// real report, so it cannot drift from the schema; arrays that grow with the run (the time
// series) are empty.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/config/scenario.hpp"

namespace ppusim {

nlohmann::json report_skeleton(const Scenario& scenario);

}  // namespace ppusim
