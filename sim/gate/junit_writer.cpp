#include "sim/gate/junit_writer.hpp"

#include "sim/gate/check_text.hpp"

namespace ppusim {

namespace {

/// Length of the valid UTF-8 sequence starting at text[i], or 0 if there is none. Overlong
/// forms, surrogates and code points above U+10FFFF are not valid.
std::size_t utf8_length(const std::string& text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    code = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    code = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    code = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  static const unsigned kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (code < kSmallest[length] || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  // U+FFFE and U+FFFF are not XML characters either.
  if (code == 0xFFFE || code == 0xFFFF) return 0;
  return length;
}

std::string attribute(const char* name, const std::string& value) {
  return std::string(" ") + name + "=\"" + xml_escape(value) + "\"";
}

std::string open_document(const JunitSuite& suite, std::size_t tests, std::size_t failures,
                          std::size_t errors) {
  const std::string counts = attribute("tests", std::to_string(tests)) +
                             attribute("failures", std::to_string(failures)) +
                             attribute("errors", std::to_string(errors));
  // No timestamp and no hostname: the same inputs give the same file, like every ppusim output.
  std::string xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  xml += "<testsuites" + attribute("name", "ppusim check") + counts + attribute("time", "0") + ">\n";
  xml += "  <testsuite" + attribute("name", suite.name) + counts + attribute("skipped", "0") +
         attribute("time", "0") + ">\n";
  if (!suite.properties.empty()) {
    xml += "    <properties>\n";
    for (const auto& [name, value] : suite.properties) {
      xml += "      <property" + attribute("name", name) + attribute("value", value) + "/>\n";
    }
    xml += "    </properties>\n";
  }
  return xml;
}

const char* close_document() { return "  </testsuite>\n</testsuites>\n"; }

}  // namespace

std::string xml_escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    const std::size_t length = utf8_length(text, i);
    if (length == 0) {
      out += '?';
      ++i;
      continue;
    }
    if (length > 1) {
      out.append(text, i, length);
      i += length;
      continue;
    }
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      case '\t':
      case '\r':
      case '\n':
        out += c;
        break;
      default:
        out += static_cast<unsigned char>(c) < 0x20 || c == 0x7F ? '?' : c;
    }
    ++i;
  }
  return out;
}

std::string format_junit(const JunitSuite& suite, const std::vector<MetricResult>& results,
                         const std::string& table) {
  std::size_t failures = 0;
  for (const MetricResult& r : results) failures += r.failed() ? 1 : 0;
  std::string xml = open_document(suite, results.size(), failures, 0);
  for (const MetricResult& r : results) {
    const std::string sentence = explain(r);
    xml += "    <testcase" + attribute("name", r.tolerance.pointer) +
           attribute("classname", suite.classname) + attribute("time", "0") + ">\n";
    if (r.failed()) {
      std::string details = sentence + "\ntolerance: " + describe_tolerance(r);
      if (!r.tolerance.note.empty()) details += "\nwhy this metric is gated: " + r.tolerance.note;
      xml += "      <failure" + attribute("type", verdict_name(r.verdict)) + attribute("message", sentence) +
             ">" + xml_escape(details) + "</failure>\n";
    }
    // Passing cases carry their numbers too: a CI page then shows how close each one came.
    xml += "      <system-out>" + xml_escape(sentence) + "</system-out>\n";
    xml += "    </testcase>\n";
  }
  xml += "    <system-out>" + xml_escape(table) + "</system-out>\n";
  return xml + close_document();
}

std::string format_junit_error(const JunitSuite& suite, const std::string& message) {
  std::string xml = open_document(suite, 1, 0, 1);
  xml += "    <testcase" + attribute("name", "inputs") + attribute("classname", suite.classname) +
         attribute("time", "0") + ">\n";
  xml += "      <error" + attribute("type", "bad-input") + attribute("message", message) + ">" +
         xml_escape(message) + "</error>\n";
  xml += "    </testcase>\n";
  return xml + close_document();
}

}  // namespace ppusim
