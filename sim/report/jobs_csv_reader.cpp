#include "sim/report/jobs_csv_reader.hpp"

#include <array>
#include <charconv>
#include <fstream>
#include <iterator>
#include <optional>
#include <vector>

#include "sim/core/input_error.hpp"

namespace ppusim {

namespace {

/// One RFC 4180 record at a time from a stream; counts physical lines for messages.
class CsvRecords {
 public:
  explicit CsvRecords(std::istream& in) : it_(in), end_() {}

  /// Reads the next record into `cells`; false at the end of the input.
  bool next(std::vector<std::string>& cells) {
    cells.clear();
    if (it_ == end_) return false;
    record_line_ = line_;
    std::string cell;
    bool quoted = false;
    while (it_ != end_) {
      const char c = *it_++;
      if (quoted) {
        if (c == '"') {
          if (it_ != end_ && *it_ == '"') {
            cell += '"';
            ++it_;
          } else {
            quoted = false;
          }
        } else {
          if (c == '\n') ++line_;
          cell += c;
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        cells.push_back(std::move(cell));
        cell.clear();
      } else if (c == '\n') {
        ++line_;
        break;
      } else if (c != '\r') {
        cell += c;
      }
    }
    cells.push_back(std::move(cell));
    return true;
  }

  long long record_line() const { return record_line_; }

 private:
  std::istreambuf_iterator<char> it_, end_;
  long long line_ = 1;
  long long record_line_ = 1;
};

}  // namespace

JobDelaySamples read_job_delays_csv(std::istream& in, const std::string& source) {
  static constexpr std::array<const char*, 4> kNeeded{"outcome", "submit_s", "start_s", "end_s"};
  CsvRecords records(in);
  std::vector<std::string> cells;
  if (!records.next(cells)) throw InputError(source + ": found an empty file, expected a jobs.csv header");
  std::array<std::size_t, kNeeded.size()> column{};
  for (std::size_t n = 0; n < kNeeded.size(); ++n) {
    std::size_t i = 0;
    while (i < cells.size() && cells[i] != kNeeded[n]) ++i;
    if (i == cells.size()) {
      throw InputError(source + ": line 1: found no column \"" + kNeeded[n] +
                       "\", expected the header of a ppusim jobs.csv");
    }
    column[n] = i;
  }
  const std::size_t width = cells.size();

  JobDelaySamples samples;
  while (records.next(cells)) {
    if (cells.size() == 1 && cells[0].empty()) continue;  // the final line end, or a blank line
    const std::string at = source + ": line " + std::to_string(records.record_line());
    if (cells.size() != width) {
      throw InputError(at + ": found " + std::to_string(cells.size()) + " cells, expected " +
                       std::to_string(width));
    }
    auto number = [&](std::size_t n, bool required) -> std::optional<double> {
      const std::string& text = cells[column[n]];
      if (text.empty() && !required) return std::nullopt;
      double value = 0;
      const auto [stop, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (text.empty() || error != std::errc() || stop != text.data() + text.size()) {
        throw InputError(at + ": " + kNeeded[n] + ": found \"" + text + "\", expected a number");
      }
      return value;
    };
    const double submit = *number(1, true);
    if (const auto start = number(2, false)) samples.queueing_s.push_back(*start - submit);
    if (cells[column[0]] == "finished") samples.completion_s.push_back(*number(3, true) - submit);
  }
  return samples;
}

JobDelaySamples read_job_delays_csv_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(path + ": cannot open");
  return read_job_delays_csv(in, path);
}

}  // namespace ppusim
