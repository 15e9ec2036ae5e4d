#include "sim/report/html_figures.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sim/report/html_escape.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

bool is_finite_number(const json& value) { return value.is_number() && std::isfinite(value.get<double>()); }

std::string printf_double(const char* format, double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

}  // namespace

std::string figure(const json& value, const char* format) {
  return is_finite_number(value) ? printf_double(format, value.get<double>()) : "n/a";
}

std::string figure_percent(const json& fraction) {
  return is_finite_number(fraction) ? printf_double("%.1f", 100.0 * fraction.get<double>()) + " %" : "n/a";
}

std::string figure_usd(const json& value) {
  if (!is_finite_number(value)) return "n/a";
  const double amount = value.get<double>();
  std::string digits = printf_double("%.2f", std::abs(amount));
  // Thousands separators in the integer part.
  const std::size_t point = digits.find('.');
  for (std::size_t i = point; i > 3; i -= 3) digits.insert(i - 3, ",");
  return (amount < 0 ? "-$" : "$") + digits;
}

TimeUnit time_unit_for(double largest_seconds) {
  const double s = std::abs(largest_seconds);
  if (!(s >= 120)) return {"s", 1};
  if (s < 7200) return {"min", 60};
  if (s < 172800) return {"h", 3600};
  return {"days", 86400};
}

std::string figure_duration(const json& seconds) { return figure_durations({seconds}); }

std::string figure_durations(const std::vector<json>& seconds) {
  double largest = 0;
  bool any = false;
  for (const json& value : seconds) {
    if (is_finite_number(value)) {
      largest = std::max(largest, std::abs(value.get<double>()));
      any = true;
    }
  }
  if (!any) return "n/a";
  const TimeUnit unit = time_unit_for(largest);
  const char* format = unit.seconds == 1 ? "%.1f" : "%.2f";
  std::string text;
  for (std::size_t i = 0; i < seconds.size(); ++i) {
    if (i) text += " / ";
    text +=
        is_finite_number(seconds[i]) ? printf_double(format, seconds[i].get<double>() / unit.seconds) : "n/a";
  }
  return text + " " + unit.name;
}

std::string html_table(const std::string& caption, const std::vector<std::string>& header,
                       const std::vector<std::vector<std::string>>& rows) {
  std::string html = "<table>\n<caption>" + html_text(caption) + "</caption>\n";
  if (!header.empty()) {
    html += "<thead><tr>";
    for (std::size_t i = 0; i < header.size(); ++i) {
      html += (i ? "<th scope=\"col\">" : "<td></td><th scope=\"col\">") + html_text(header[i]) + "</th>";
    }
    html += "</tr></thead>\n";
  }
  html += "<tbody>\n";
  for (const std::vector<std::string>& row : rows) {
    html += "<tr>";
    for (std::size_t i = 0; i < row.size(); ++i) {
      html +=
          i == 0 ? "<th scope=\"row\">" + html_text(row[i]) + "</th>" : "<td>" + html_text(row[i]) + "</td>";
    }
    html += "</tr>\n";
  }
  return html + "</tbody>\n</table>\n";
}

}  // namespace ppusim
