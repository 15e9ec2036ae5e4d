#include "sim/report/atomic_file.hpp"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <stdexcept>

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

void write_file_atomically(const std::string& path, const std::string& content) {
  namespace fs = std::filesystem;
  const fs::path target(path);
  std::error_code error;
  if (const fs::file_status status = fs::status(target, error);
      !error && fs::exists(status) && !fs::is_regular_file(status) && !fs::is_directory(status)) {
    write_in_place(path, content);
    return;
  }
  write_files_atomically({{path, content}});
}

void write_files_atomically(const std::vector<OutputFile>& files) {
  namespace fs = std::filesystem;
  std::vector<std::string> temporaries;
  const auto discard = [&temporaries] {
    for (const std::string& temporary : temporaries) std::remove(temporary.c_str());
  };
  for (const OutputFile& file : files) {
    const fs::path target(file.path);
    std::error_code error;
    if (target.has_parent_path()) fs::create_directories(target.parent_path(), error);
    if (error) {
      discard();
      // Name the folder as the folder: a read-only file system must not read as the file
      // being a folder.
      throw std::runtime_error(file.path + ": cannot create its folder " + target.parent_path().string() +
                               ": " + error.message());
    }
    const std::string temporary = file.path + ".tmp." + std::to_string(::getpid());
    std::FILE* out = std::fopen(temporary.c_str(), "wb");
    if (out == nullptr) {
      const std::string reason = std::strerror(errno);
      discard();
      throw std::runtime_error(temporary + ": cannot write: " + reason);
    }
    temporaries.push_back(temporary);
    const bool written =
        std::fwrite(file.content.data(), 1, file.content.size(), out) == file.content.size() &&
        std::fflush(out) == 0 && ::fsync(::fileno(out)) == 0;
    const int write_errno = errno;
    const bool closed = std::fclose(out) == 0;
    if (!written || !closed) {
      discard();
      throw std::runtime_error(file.path + ": cannot write: " + std::strerror(written ? errno : write_errno) +
                               (files.size() > 1 ? " (no file of this output set was written)" : ""));
    }
  }
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (std::rename(temporaries[i].c_str(), files[i].path.c_str()) != 0) {
      const std::string reason = std::strerror(errno);
      discard();
      throw std::runtime_error(files[i].path + ": cannot write: " + reason);
    }
  }
}

}  // namespace ppusim
