#include "sim/gate/check_text.hpp"

#include <algorithm>
#include <cstdio>
#include <map>

#include "sim/core/json_reader.hpp"

namespace ppusim {

namespace {

std::string printf_text(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

/// Rounded, for the table: 0.7701583, 1448.46, 4.369596e+20.
std::string short_number(double value) { return printf_text("%.7g", value); }

std::string short_value(const std::optional<double>& value) { return value ? short_number(*value) : "null"; }

/// Shortest text that reads back as the same double, for messages people copy numbers from.
std::string full_value(const std::optional<double>& value) {
  return value ? JsonReader::format_number(*value) : "null";
}

std::string signed_number(double value, const char* format) {
  return value == 0 ? std::string("0") : printf_text(format, value);
}

std::string percent(const std::optional<double>& fraction) {
  return fraction ? printf_text("%+.2f %%", *fraction * 100) : "n/a";
}

const char* sign_of(Direction direction) {
  switch (direction) {
    case Direction::HigherIsWorse:
      return "+";
    case Direction::LowerIsWorse:
      return "-";
    case Direction::Both:
      return "+/-";
  }
  return "";
}

/// "abs 60, rel 10 %": the bounds as the tolerance file gives them.
std::string bounds(const MetricTolerance& tolerance) {
  std::string text;
  if (tolerance.absolute) text += "abs " + JsonReader::format_number(*tolerance.absolute);
  if (tolerance.relative) {
    text += std::string(text.empty() ? "" : ", ") + "rel " + printf_text("%.6g", *tolerance.relative * 100) +
            " %";
  }
  return text;
}

std::string change_text(const MetricResult& result) {
  const auto delta = result.change();
  if (!delta) return "n/a";
  return signed_number(*delta, "%+.4g");
}

/// "n/a" against a zero baseline unless nothing moved: 0 s → 3 s is no percentage.
std::string percent_text(const MetricResult& result) {
  const auto delta = result.change();
  if (delta && *delta == 0) return "0.00 %";
  return percent(result.relative_change());
}

}  // namespace

std::string describe_tolerance(const MetricResult& result) {
  const MetricTolerance& tolerance = result.tolerance;
  return std::string(sign_of(tolerance.direction)) + printf_text("%.4g", result.allowed()) + " (" +
         bounds(tolerance) + ")";
}

std::string explain(const MetricResult& result) {
  const MetricTolerance& tolerance = result.tolerance;
  const std::string& metric = tolerance.pointer;
  const std::string rule = std::string(direction_name(tolerance.direction)) + ", " + bounds(tolerance);
  if (!result.baseline || !result.current) {
    if (!result.baseline && !result.current) return metric + " is null in both the baseline and the report";
    if (!result.current) {
      return metric + " became null (baseline " + full_value(result.baseline) +
             "): the report no longer has this quantity, as when a run delivers or allocates nothing (" +
             rule + ")";
    }
    return metric + " was null in the baseline and is " + full_value(result.current) + " now" +
           (result.failed() ? std::string(": a change, and it must not move (") + rule + ")"
                            : std::string(": nothing to compare with; update the baseline to gate it"));
  }
  const double delta = *result.change();
  if (delta == 0) return metric + " is unchanged at " + full_value(result.current);
  const std::string moved = std::string(delta > 0 ? "rose" : "fell") + " from " +
                            full_value(result.baseline) + " to " + full_value(result.current) + " (" +
                            signed_number(delta, "%+.6g") + ", " + percent(result.relative_change()) + ")";
  const std::string allowed =
      std::string(sign_of(tolerance.direction)) + printf_text("%.6g", result.allowed()) + " (" + rule + ")";
  switch (result.verdict) {
    case Verdict::Regressed:
    case Verdict::Changed:
      return metric + " " + moved + ", more than the tolerance of " + allowed;
    case Verdict::Improved:
      return metric + " " + moved + ", an improvement" +
             (result.improved_beyond_tolerance() ? " beyond the tolerance of " + allowed : std::string());
    default:
      return metric + " " + moved + ", within the tolerance of " + allowed;
  }
}

std::string format_check_table(const std::vector<MetricResult>& results) {
  const std::vector<std::string> header{"metric",   "baseline",  "current", "change",
                                        "change %", "tolerance", "verdict"};
  std::vector<std::vector<std::string>> rows{header};
  for (const MetricResult& r : results) {
    rows.push_back({r.tolerance.pointer, short_value(r.baseline), short_value(r.current), change_text(r),
                    percent_text(r), describe_tolerance(r), verdict_name(r.verdict)});
  }
  std::vector<std::size_t> widths(header.size(), 0);
  for (const auto& row : rows) {
    for (std::size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], row[c].size());
  }
  std::string text;
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c) {
      // Names and words left-aligned, numbers right-aligned so their digits line up.
      const bool numeric = c >= 1 && c <= 4;
      const std::string pad(widths[c] - row[c].size(), ' ');
      if (c > 0) line += "  ";
      line += numeric ? pad + row[c] : row[c] + (c + 1 < row.size() ? pad : "");
    }
    text += line + "\n";
  }

  std::vector<std::string> failed, gained;
  std::map<Verdict, std::size_t> counts;
  for (const MetricResult& r : results) {
    ++counts[r.verdict];
    if (r.failed()) failed.push_back(r.tolerance.pointer);
    if (r.improved_beyond_tolerance()) gained.push_back(r.tolerance.pointer);
  }
  const std::string total = std::to_string(results.size());
  if (failed.empty()) {
    std::string breakdown;
    for (const auto& [verdict, count] : counts) {
      breakdown += (breakdown.empty() ? "" : ", ") + std::to_string(count) + " " + verdict_name(verdict);
    }
    text += "result: PASS, " + total + " of " + total + " metrics within tolerance (" + breakdown + ")\n";
  } else {
    text += "result: FAIL, " + std::to_string(failed.size()) + " of " + total + " metrics out of tolerance:";
    for (const auto& name : failed) text += " " + name;
    text += "\n";
  }
  if (!gained.empty()) {
    text += "note: " + std::to_string(gained.size()) +
            " metric(s) improved beyond their tolerance; update the baseline to keep the gain (docs/ci.md):";
    for (const auto& name : gained) text += " " + name;
    text += "\n";
  }
  return text;
}

}  // namespace ppusim
