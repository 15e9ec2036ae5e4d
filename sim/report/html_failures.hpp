// The HTML report's failures timeline (docs/html-report.md): job interruptions per time bin by
// cause, from the report's time series (docs/report.md, "time_series"). A scenario in which
// nothing can fail gets, in the chart's place, a note saying so instead of a chart of zeros.
#pragma once

#include <nlohmann/json.hpp>

#include "sim/report/report.hpp"

namespace ppusim {

/// A ChartSpec (html_template.hpp): kind "bar", or kind "note" when there is nothing to draw.
nlohmann::json failures_timeline_chart(const Report& report);

}  // namespace ppusim
