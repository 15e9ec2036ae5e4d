// Writing output files so that a reader never sees half of one: the content goes to a
// temporary file in the same folder, is flushed, and is renamed over the target (rename is
// atomic within a file system). An interrupted run leaves the old file or none, never a torso.
#pragma once

#include <string>

namespace ppusim {

/// Creates the parent folders, writes `content` to `path` atomically. Throws
/// std::runtime_error naming the path when the file system refuses.
void write_file_atomically(const std::string& path, const std::string& content);

}  // namespace ppusim
