// Metric pointers checked before anything runs (docs/sweeps.md): a sweep's "metrics" and a
// plan's targets must name numbers of report.json. They are checked against the report a run
// of each point would write (report_skeleton.hpp), not against a list kept by hand, so that the
// check follows the schema — sections that only some scenarios have (services) included.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "sim/sweep/sweep_grid.hpp"

namespace ppusim {

/// InputError "<where>: \"<pointer>\" is not a metric of report.json: <why>; close metrics: ..."
/// unless `pointer` names a number (or null) of `skeleton`.
void require_report_metric(const nlohmann::json& skeleton, const std::string& pointer,
                           const std::string& where);

/// Every metric the spec lists, against every point; `where_of(i)` names metric i in messages
/// (the spec file and its JSON path, or the command-line option).
void check_sweep_metrics(const SweepSpec& spec, const std::vector<SweepPoint>& points,
                         const std::vector<std::string>& where_of);

}  // namespace ppusim
