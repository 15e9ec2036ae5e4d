#include "sim/report/html_figures.hpp"

#include <algorithm>

#include "sim/report/html_escape.hpp"

namespace ppusim {

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
