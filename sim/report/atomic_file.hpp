// Writing output files so that a reader never sees half of one: the content goes to a
// temporary file in the same folder, is flushed, and is renamed over the target (rename is
// atomic within a file system). An interrupted run leaves the old file or none, never a torso.
#pragma once

#include <string>
#include <vector>

namespace ppusim {

/// Creates the parent folders, writes `content` to `path` atomically. Throws
/// std::runtime_error naming the path when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

/// One file of an output set: its path and its whole content.
struct OutputFile {
  std::string path;
  std::string content;
};

/// Writes a set of files that only make sense together (a run's report.json, time_series.csv
/// and jobs.csv): every file goes to its temporary first, and only when all are written are
/// they renamed into place. A full disk leaves the set as it was, never part of a new one.
void write_files_atomically(const std::vector<OutputFile>& files);

}  // namespace ppusim
