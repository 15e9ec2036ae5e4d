// `ppusim check --junit FILE`: the results as a JUnit XML report, the format Jenkins (junit
// step), GitLab CI (artifacts:reports:junit) and GitHub test-report actions read. One
// <testcase> per metric, named by its JSON pointer; a metric out of tolerance carries a
// <failure> whose message holds the numbers. Bad input becomes one <testcase> with an
// <error>, so a CI page shows why the gate did not run instead of a stale or missing report.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "sim/gate/metric_check.hpp"

namespace ppusim {

struct JunitSuite {
  std::string name;       // "ppusim check: small-test"
  std::string classname;  // "ppusim.small-test": Jenkins groups test cases by it
  std::vector<std::pair<std::string, std::string>> properties;  // report, baseline, tolerances
};

/// The whole XML document, UTF-8, ending with a newline.
std::string format_junit(const JunitSuite& suite, const std::vector<MetricResult>& results,
                         const std::string& table);

/// A document with one test case in error: the gate could not judge the report.
std::string format_junit_error(const JunitSuite& suite, const std::string& message);

/// Text made safe for XML 1.0 content and attribute values: & < > " ' escaped; characters
/// XML 1.0 forbids (control characters other than tab, newline, carriage return) and bytes
/// that are not UTF-8 become '?', since one of them makes the whole file unreadable.
std::string xml_escape(const std::string& text);

}  // namespace ppusim
