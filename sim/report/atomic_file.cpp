#include "sim/report/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <stdexcept>

namespace ppusim {

AtomicFileWriter::AtomicFileWriter(std::string path) : path_(std::move(path)) {
  namespace fs = std::filesystem;
  const fs::path target(path_);
  std::error_code error;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
  if (error) throw std::runtime_error(path_ + ": cannot create folder: " + error.message());

  temporary_ = path_ + ".tmp." + std::to_string(::getpid());
  file_ = std::fopen(temporary_.c_str(), "wb");
  if (file_ == nullptr) throw std::runtime_error(temporary_ + ": cannot write: " + std::strerror(errno));
}

AtomicFileWriter::~AtomicFileWriter() {
  if (file_ == nullptr) return;
  std::fclose(file_);
  std::remove(temporary_.c_str());
}

void AtomicFileWriter::write(const std::string& text) {
  // A failed write is reported at commit(), with the reason, like a failed flush.
  if (written_) written_ = std::fwrite(text.data(), 1, text.size(), file_) == text.size();
}

void AtomicFileWriter::commit() {
  const bool written = written_ && std::fflush(file_) == 0 && ::fsync(::fileno(file_)) == 0;
  const bool closed = std::fclose(file_) == 0;
  file_ = nullptr;
  if (!written || !closed || std::rename(temporary_.c_str(), path_.c_str()) != 0) fail();
}

void AtomicFileWriter::fail() {
  const std::string reason = std::strerror(errno);
  std::remove(temporary_.c_str());
  throw std::runtime_error(path_ + ": cannot write: " + reason);
}

void write_file_atomically(const std::string& path, const std::string& content) {
  AtomicFileWriter file(path);
  file.write(content);
  file.commit();
}

}  // namespace ppusim
