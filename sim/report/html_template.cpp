#include "sim/report/html_template.hpp"

#include <string_view>

#include "sim/report/chartjs_library.hpp"
#include "sim/report/html_escape.hpp"

namespace ppusim {

namespace {

// Nothing may be fetched: no default source, scripts and styles only inline. 'unsafe-inline'
// is what a single-file page needs; there is no third-party content to protect against.
constexpr std::string_view kSecurityPolicy =
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:";

constexpr std::string_view kStyle = R"css(
:root { --ink: #1d2330; --muted: #5b6474; --line: #d9dee7; --panel: #f6f8fb; --bad: #a4161a; }
* { box-sizing: border-box; }
body { margin: 0; padding: 24px 32px 40px; color: var(--ink); background: #fff;
       font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
h1 { font-size: 22px; margin: 0 0 4px; }
h2 { font-size: 17px; margin: 28px 0 10px; }
h3 { font-size: 15px; margin: 0 0 2px; }
.subtitle { color: var(--muted); margin: 0 0 8px; }
.errors { border: 2px solid var(--bad); color: var(--bad); background: #fff4f4; padding: 8px 12px;
          margin: 12px 0; white-space: pre-wrap; font-family: monospace; }
.figures { display: flex; flex-wrap: wrap; gap: 16px; align-items: flex-start; }
table { border-collapse: collapse; background: var(--panel); border: 1px solid var(--line); }
caption { text-align: left; font-weight: 600; padding: 0 0 4px; }
th, td { padding: 3px 10px; border-top: 1px solid var(--line); text-align: left; vertical-align: top; }
th[scope=row] { font-weight: normal; color: var(--muted); }
th[scope=col] { font-weight: 600; }
td { font-variant-numeric: tabular-nums; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(560px, 1fr)); gap: 20px; }
figure.chart { margin: 0; padding: 12px 14px; border: 1px solid var(--line); border-radius: 6px; }
figure.chart p { color: var(--muted); margin: 0 0 8px; }
.chart-box { position: relative; height: 300px; }
.notes p { color: var(--muted); max-width: 960px; }
footer { margin-top: 28px; color: var(--muted); font-size: 12px; border-top: 1px solid var(--line); padding-top: 8px; }
@media print { body { padding: 0; } figure.chart { break-inside: avoid; } }
)css";

// First in <body>, before any other script: catches the errors of everything after it.
constexpr std::string_view kErrorCatcher = R"js(
(function () {
  'use strict';
  var box = document.getElementById('ppusim-errors');
  var count = 0;
  window.ppusimRecordError = function (text) {
    count += 1;
    document.body.dataset.errors = String(count);
    box.hidden = false;
    box.textContent += (box.textContent ? '\n' : '') + text;
  };
  window.addEventListener('error', function (event) {
    window.ppusimRecordError('script error: ' + event.message + ' (line ' + event.lineno + ')');
  });
  window.addEventListener('securitypolicyviolation', function (event) {
    window.ppusimRecordError('blocked by the page\'s security policy: ' + event.violatedDirective + ' ' +
                             event.blockedURI);
  });
})();
)js";

// Draws every chart of the data block. Generic: what to draw is decided in C++ (ChartSpec).
constexpr std::string_view kRenderer = R"js(
(function () {
  'use strict';
  var body = document.body;
  var palette = ['#2f6db5', '#e07b24', '#3b9c4a', '#c7383b', '#8a63b8', '#8c5a48', '#d46fb4',
                 '#6f7782', '#b5b02f', '#2bb0c2'];
  var rendered = 0;

  function abbreviate(v) {
    var a = Math.abs(v);
    if (a >= 1e9) return +(v / 1e9).toPrecision(3) + 'B';
    if (a >= 1e6) return +(v / 1e6).toPrecision(3) + 'M';
    if (a >= 1e3) return +(v / 1e3).toPrecision(3) + 'k';
    return String(+v.toPrecision(3));
  }
  function format(kind, v, precise) {
    if (v === null || v === undefined || !isFinite(v)) return 'n/a';
    if (kind === 'percent') return (100 * v).toFixed(precise ? 2 : 0) + ' %';
    if (kind === 'usd') {
      return precise ? '$' + v.toLocaleString('en-US', {minimumFractionDigits: 2, maximumFractionDigits: 2})
                     : '$' + abbreviate(v);
    }
    return precise ? String(+v.toPrecision(5)) : abbreviate(v);
  }
  function title(text) { return {display: !!text, text: text || ''}; }
  function color(i) { return palette[i % palette.length]; }

  function lineConfig(spec) {
    var datasets = spec.series.map(function (s, i) {
      return {
        label: s.label,
        data: spec.x.map(function (x, k) { return {x: x, y: s.y[k]}; }),
        // Later series drawn over earlier ones (a lower order is drawn last, on top), the first
        // one widest: a series equal to the one before it still shows.
        order: spec.series.length - i, borderWidth: i === 0 && spec.series.length > 1 ? 4 : 2,
        borderColor: color(i), backgroundColor: color(i), pointRadius: 0,
        pointHitRadius: 4, stepped: s.stepped ? 'before' : false, fill: false,
        borderDash: s.dashed ? [6, 4] : []
      };
    });
    var y = {title: title(spec.y_label), ticks: {callback: function (v) { return format(spec.y_format, v); }}};
    if (spec.y_min !== undefined) y.min = spec.y_min;
    if (spec.y_max !== undefined) y.max = spec.y_max;
    return {
      type: 'line',
      data: {datasets: datasets},
      options: {
        scales: {x: {type: 'linear', title: title(spec.x_label)}, y: y},
        interaction: {mode: 'nearest', intersect: false},
        plugins: {
          legend: {display: spec.series.length > 1, reverse: true},  // back in series order
          tooltip: {itemSort: function (a, b) { return a.datasetIndex - b.datasetIndex; },
                    callbacks: {label: function (c) {
            return c.dataset.label + ': ' + format(spec.y_format, c.parsed.y, true);
          }}}
        }
      }
    };
  }

  function barConfig(spec) {
    var valueAxis = spec.horizontal ? 'x' : 'y', categoryAxis = spec.horizontal ? 'y' : 'x';
    var datasets = spec.series.map(function (s, i) {
      return {label: s.label, data: s.values, backgroundColor: color(i), borderColor: color(i)};
    });
    var scales = {};
    scales[categoryAxis] = {stacked: !!spec.stacked, title: title(spec.category_label)};
    scales[valueAxis] = {stacked: !!spec.stacked, beginAtZero: true, title: title(spec.value_label),
                         ticks: {callback: function (v) { return format(spec.value_format, v); }}};
    return {
      type: 'bar',
      data: {labels: spec.labels, datasets: datasets},
      options: {
        indexAxis: spec.horizontal ? 'y' : 'x',
        scales: scales,
        plugins: {
          legend: {display: spec.series.length > 1},
          tooltip: {callbacks: {label: function (c) {
            return c.dataset.label + ': ' + format(spec.value_format, c.raw, true);
          }}}
        }
      }
    };
  }

  var data = JSON.parse(document.getElementById('ppusim-data').textContent);
  body.dataset.chartsExpected = String(data.charts.length);
  Chart.defaults.animation = false;
  Chart.defaults.responsive = true;
  Chart.defaults.maintainAspectRatio = false;
  Chart.defaults.font.family = getComputedStyle(body).fontFamily;
  data.charts.forEach(function (spec) {
    try {
      var canvas = document.getElementById(spec.id);
      if (!canvas) throw new Error('no canvas');
      var config = spec.kind === 'line' ? lineConfig(spec) : barConfig(spec);
      var chart = new Chart(canvas, config);
      var area = chart.chartArea;
      if (!area || !(area.right > area.left) || !(area.bottom > area.top)) throw new Error('nothing drawn');
      canvas.dataset.rendered = '1';
      rendered += 1;
    } catch (error) {
      window.ppusimRecordError('chart ' + spec.id + ': ' + error.message);
    }
  });
  body.dataset.chartsRendered = String(rendered);
  body.dataset.renderDone = '1';
})();
)js";

}  // namespace

std::string render_page(const HtmlPage& page) {
  nlohmann::json data = {{"charts", nlohmann::json::array()}};
  // A "note" takes a chart's place when there is nothing to draw; the renderer never sees it.
  for (const ChartSpec& chart : page.charts) {
    if (chart.value("kind", "") != "note") data["charts"].push_back(chart);
  }

  std::string html;
  html += "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n";
  html += "<meta http-equiv=\"Content-Security-Policy\" content=\"" + html_text(kSecurityPolicy) + "\">\n";
  html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  html += "<meta name=\"generator\" content=\"" + html_text(page.generator) + "\">\n";
  html +=
      "<title>" + html_text(page.title) + "</title>\n<style>" + std::string(kStyle) + "</style>\n</head>\n";
  html += "<body>\n<div id=\"ppusim-errors\" class=\"errors\" role=\"alert\" hidden></div>\n";
  html += "<script>" + std::string(kErrorCatcher) + "</script>\n";
  html +=
      "<noscript><p class=\"errors\">The charts need JavaScript; the tables below do not.</p></noscript>\n";
  html += "<header>\n<h1>" + html_text(page.title) + "</h1>\n<p class=\"subtitle\">" +
          html_text(page.subtitle) + "</p>\n</header>\n";
  html += "<section>\n<h2>Key figures</h2>\n<div class=\"figures\">\n" + page.figures_html +
          "</div>\n</section>\n";
  if (!page.charts.empty()) {
    html += "<section>\n<h2>Charts</h2>\n<div class=\"charts\">\n";
    for (const ChartSpec& chart : page.charts) {
      const std::string title = chart.value("title", "");
      if (chart.value("kind", "") == "note") {
        html += "<figure class=\"chart chart-note\" id=\"" + html_text(chart.value("id", "")) + "\">\n<h3>" +
                html_text(title) + "</h3>\n<p class=\"no-data\">" + html_text(chart.value("caption", "")) +
                "</p>\n</figure>\n";
        continue;
      }
      html += "<figure class=\"chart\">\n<h3>" + html_text(title) + "</h3>\n<p>" +
              html_text(chart.value("caption", "")) + "</p>\n<div class=\"chart-box\"><canvas id=\"" +
              html_text(chart.value("id", "")) + "\" role=\"img\" aria-label=\"" + html_text(title) +
              "\"></canvas></div>\n</figure>\n";
    }
    html += "</div>\n</section>\n";
  }
  if (!page.notes.empty()) {
    html += "<section class=\"notes\">\n<h2>Notes</h2>\n";
    for (const std::string& note : page.notes) html += "<p>" + html_text(note) + "</p>\n";
    html += "</section>\n";
  }
  html += "<footer>Written by " + html_text(page.generator) + ". Charts drawn with Chart.js " +
          html_text(chartjs_version()) +
          " (MIT License; copyright Chart.js Contributors), embedded in this file: the page loads "
          "nothing from the network.</footer>\n";
  html += "<script type=\"application/json\" id=\"ppusim-data\">" + script_json(data) + "</script>\n";
  html += "<script>\n" + std::string(chartjs_library()) + "</script>\n";
  html += "<script>" + std::string(kRenderer) + "</script>\n</body>\n</html>\n";
  return html;
}

}  // namespace ppusim
