// The page every HTML report shares: one self-contained file with its style, the data as a
// JSON block, Chart.js inlined and a small renderer that draws each chart from the data. No
// network: a Content-Security-Policy forbids any fetch, and there is no src or href to follow.
//
// The renderer records its outcome in the DOM, for people and for the headless-browser test:
// <body data-charts-expected="N" data-charts-rendered="M" data-errors="E" data-render-done="1">,
// and the text of every script error or policy violation in the visible #ppusim-errors box.
#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace ppusim {

/// A chart for the renderer (JSON; names in snake_case as the renderer reads them):
///   id, title, caption            — the canvas id ([a-z0-9-]) and the text above the chart
///   kind "line": x (numbers), series [{label, y (numbers or null), stepped?, dashed?}],
///                x_label, y_label, y_format, y_min?, y_max?
///   kind "bar":  labels (strings), series [{label, values (numbers or null)}],
///                category_label, value_label, value_format, stacked?, horizontal?
///   kind "note": a chart's place with its title and the caption saying why nothing is drawn
///                (no canvas; not counted in data-charts-expected)
/// Formats: "percent" (fractions shown as %), "usd", "number".
using ChartSpec = nlohmann::json;

struct HtmlPage {
  std::string title;               // plain text: <title> and <h1>
  std::string subtitle;            // plain text under the heading
  std::string figures_html;        // trusted HTML: tables built with html_table()
  std::vector<ChartSpec> charts;   // drawn in this order
  std::vector<std::string> notes;  // plain-text paragraphs after the charts
  std::string generator;           // plain text for the footer: "ppusim 0.1.0, from report.json"
};

/// The whole page. Deterministic: the same page gives the same bytes.
std::string render_page(const HtmlPage& page);

}  // namespace ppusim
