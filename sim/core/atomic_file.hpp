// Writing output files so that a reader never sees half of one: the content goes to a
// temporary file in the same folder, is flushed, and is renamed over the target (rename is
// atomic within a file system). An interrupted run leaves the old file or none, never a torso.
// Files that only make sense together (a run's report.json, time_series.csv and jobs.csv) form
// an OutputSet: all are written to their temporaries first, and renamed only once every one
// is complete, so a full disk leaves the old set or none, never part of a new one.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

namespace ppusim {

/// One file written piece by piece (a million jobs' table): write() appends to the temporary
/// file, finish() flushes and closes it, commit() also renames it over the target. Destroyed
/// without commit(), it removes the temporary file and leaves the target as it was.
class AtomicFileWriter {
 public:
  /// Creates the parent folders and the temporary file; throws std::runtime_error naming the
  /// path (or its folder) when the file system refuses.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(const std::string& text);
  /// Flushes the content to disk and closes the temporary file; throws if any write failed.
  void finish();
  /// finish(), then the rename into place.
  void commit();
  const std::string& path() const { return path_; }

 private:
  [[noreturn]] void fail(int error_number);

  std::string path_;
  std::string temporary_;
  std::FILE* file_ = nullptr;
  bool written_ = true;
  int write_errno_ = 0;
  bool committed_ = false;
};

/// Files that appear together or not at all. Each is staged in a temporary as it is added;
/// commit() renames them all. Destroyed without commit(), it removes what it staged.
class OutputSet {
 public:
  /// A file whose content is written piece by piece through the returned writer.
  AtomicFileWriter& open(const std::string& path);
  /// A file with its whole content.
  void add(const std::string& path, const std::string& content);
  /// Finishes every file, then renames them all; throws std::runtime_error naming the file
  /// that failed, and then no file of the set is in place.
  void commit();

 private:
  std::vector<std::unique_ptr<AtomicFileWriter>> files_;
};

/// Creates the parent folders, writes `content` to `path` atomically. A device or pipe
/// (/dev/stdout, /dev/full) is written in place, every write checked. Throws
/// std::runtime_error naming the path when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

/// One file of an output set: its path and its whole content.
struct OutputFile {
  std::string path;
  std::string content;
};

/// An OutputSet of files with their whole content.
void write_files_atomically(const std::vector<OutputFile>& files);

}  // namespace ppusim
