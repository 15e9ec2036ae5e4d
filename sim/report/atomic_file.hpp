// Writing output files so that a reader never sees half of one: the content goes to a
// temporary file in the same folder, is flushed, and is renamed over the target (rename is
// atomic within a file system). An interrupted run leaves the old file or none, never a torso.
#pragma once

#include <cstdio>
#include <string>

namespace ppusim {

/// The same for content written piece by piece (a million jobs' table): write() appends to
/// the temporary file, commit() flushes it and renames it over the target. Destroyed without
/// commit(), it removes the temporary file and leaves the target as it was.
class AtomicFileWriter {
 public:
  /// Creates the parent folders and the temporary file; throws std::runtime_error as below.
  explicit AtomicFileWriter(std::string path);
  ~AtomicFileWriter();
  AtomicFileWriter(const AtomicFileWriter&) = delete;
  AtomicFileWriter& operator=(const AtomicFileWriter&) = delete;

  void write(const std::string& text);
  void commit();

 private:
  [[noreturn]] void fail();

  std::string path_;
  std::string temporary_;
  std::FILE* file_ = nullptr;
  bool written_ = true;
};

/// Creates the parent folders, writes `content` to `path` atomically. Throws
/// std::runtime_error naming the path when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ppusim
