#include "sim/cli/html_command.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>

#include "sim/cli/commands.hpp"
#include "sim/cli/common_options.hpp"
#include "sim/core/input_error.hpp"
#include "sim/report/html_report.hpp"
#include "sim/report/jobs_csv_reader.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

namespace fs = std::filesystem;

namespace {

/// The report.json at `path`, read once into the typed report; a schema-1 report reads too,
/// without the sections it lacks (report.sections).
Report read_report(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open (expected a report.json written by ppusim run)");
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  nlohmann::json report = nlohmann::json::parse(text, nullptr, false);
  if (report.is_discarded()) throw InputError(path + ": found text that is not JSON, expected a report.json");
  if (!report.is_object() || !report.contains("schema_version") ||
      !report["schema_version"].is_number_integer()) {
    throw InputError(path + ": /schema_version: found none, expected a report.json written by ppusim run");
  }
  const auto version = report["schema_version"].get<long long>();
  // Older reports draw too: the page leaves out what they lack and says so.
  if (version < 1 || version > kReportSchemaVersion) {
    throw InputError(path + ": /schema_version: found " + std::to_string(version) +
                     ", expected a version from 1 to " + std::to_string(kReportSchemaVersion) +
                     " (the ones this ppusim draws)");
  }
  return report_from_json(report, path);
}

}  // namespace

void write_report_html(const ReportHtmlOptions& options, std::ostream& out, std::ostream& err) {
  std::error_code ignored;
  const fs::path input(options.input);
  const fs::path report_path = fs::is_directory(input, ignored) ? input / "report.json" : input;
  const Report report = read_report(report_path.string());

  const fs::path jobs_path = report_path.parent_path() / "jobs.csv";
  std::optional<JobDelaySamples> jobs;
  if (fs::exists(jobs_path, ignored)) {
    jobs = read_job_delays_csv_file(jobs_path.string());
  } else {
    err << "ppusim: warning: " << jobs_path.string()
        << " not found: the page has no job-completion and queueing-delay CDFs\n";
  }
  const std::string output =
      options.output ? *options.output : (report_path.parent_path() / "report.html").string();
  write_output(output, render_run_html(report, jobs ? &*jobs : nullptr));
  out << output << ": HTML report of " << report_path.string() << "\n";
}

void add_report_commands(CLI::App& app, CommandRegistry& commands) {
  CLI::App* report = app.add_subcommand("report", "Render the outputs of an earlier run");
  report->require_subcommand(1);
  auto options = std::make_shared<ReportHtmlOptions>();
  CLI::App* html = report->add_subcommand(
      "html", "Write a run's report as one self-contained HTML page of charts (docs/html-report.md)");
  html->add_option("report", options->input, "Output folder of ppusim run, or its report.json")->required();
  add_output_option(*html, options->output, "HTML file to write (default: report.html beside report.json)");
  commands.add(html, [options] {
    write_report_html(*options, std::cout, std::cerr);
    return 0;
  });
}

}  // namespace ppusim
