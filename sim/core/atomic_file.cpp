#include "sim/core/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>
#include <utility>

namespace ppusim {

namespace {

/// Writes straight into a device or pipe (/dev/stdout, /dev/full, a FIFO): it cannot be
/// replaced by a rename, and renaming over it would replace the device node itself. Every
/// step is checked, so a full device is an error, not a silent success.
void write_in_place(const std::string& path, const std::string& content) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (file == nullptr) throw std::runtime_error(path + ": cannot write: " + std::strerror(errno));
  const bool written =
      std::fwrite(content.data(), 1, content.size(), file) == content.size() && std::fflush(file) == 0;
  const int write_errno = errno;
  const bool closed = std::fclose(file) == 0;
  if (!written || !closed)
    throw std::runtime_error(path + ": cannot write: " + std::strerror(written ? errno : write_errno));
}

}  // namespace

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  std::error_code error;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
  // Name the folder as the folder: a read-only file system must not read as the file being a
  // folder.
  if (error) {
    throw std::runtime_error(path_ + ": cannot create its folder " + target.parent_path().string() + ": " +
                             error.message());
  }
  temporary_ = path_ + ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (file_ == nullptr) throw std::runtime_error(temporary_ + ": cannot write: " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ != nullptr) std::fclose(file_);
  if (!committed_) std::remove(temporary_.c_str());
}

void AtomicFileWriter::write(const std::string& text) {
  // A failed write is reported at finish(), with the reason, like a failed flush.
  if (written_ && std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
    written_ = false;
    write_errno_ = errno;
  }
}

void AtomicFileWriter::finish() {
  if (file_ == nullptr) return;
  const bool flushed = written_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const int flush_errno = written_ ? errno : write_errno_;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!flushed) fail(flush_errno);
  if (!closed) fail(errno);
}

void AtomicFileWriter::commit() {
  finish();
  if (std::rename(temporary_.c_str(), path_.c_str()) != 0) fail(errno);
  committed_ = true;
}

void AtomicFileWriter::fail(int error_number) {
  throw std::runtime_error(path_ + ": cannot write: " + std::strerror(error_number));
}

AtomicFileWriter& OutputSet::open(const std::string& path) {
  files_.push_back(std::make_unique<AtomicFileWriter>(path));
  return *files_.back();
}

void OutputSet::add(const std::string& path, const std::string& content) { open(path).write(content); }

void OutputSet::commit() {
  const auto whole_set = [this](const std::runtime_error& error) {
    return std::runtime_error(std::string(error.what()) +
                              (files_.size() > 1 ? " (no file of this output set was written)" : ""));
  };
  try {
    for (const auto& file : files_) file->finish();
  } catch (const std::runtime_error& error) {
    throw whole_set(error);
  }
  // Every file is complete on disk: the renames only fail on a file system that changed under
  // us, and then the files already renamed stay (a rename cannot be taken back atomically).
  for (const auto& file : files_) file->commit();
  files_.clear();
}

void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (const fs::file_status status = fs::status(fs::path(path), error);
      !error && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)) {
    write_in_place(path, content);
    return;
  }
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<OutputFile>& files) {
  OutputSet set;
  for (const OutputFile& file : files) set.add(file.path, file.content);
  set.commit();
}

}  // namespace ppusim
