#include "sim/report/html_figures.hpp"

#include <algorithm>
#include <cmath>

#include "sim/report/html_escape.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

bool is_finite_number(const json& value) { return value.is_number() && std::isfinite(value.get<double>()); }

}  // namespace

std::string figure_percent(const json& fraction) { return format_percent(number_or_nan(fraction)); }

std::string figure_usd(const json& value) { return format_usd(number_or_nan(value)); }

std::string figure_duration(const json& seconds) { return format_time_span(number_or_nan(seconds)); }

std::string figure_durations(const std::vector<json>& seconds) {
  std::vector<double> values;
  for (const json& value : seconds) values.push_back(number_or_nan(value));
  return format_time_spans(values);
}

double number_or_nan(const json& value) {
  return is_finite_number(value) ? value.get<double>() : std::nan("");
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
