#include "workloads/communication_overlap.hpp"

#include <array>
#include <utility>

namespace ppusim {

namespace {

constexpr std::array<std::pair<std::string_view, DataParallelOverlap>, 3> kNames = {{
    {"none", DataParallelOverlap::None},
    {"backward", DataParallelOverlap::Backward},
    {"forward-and-backward", DataParallelOverlap::ForwardAndBackward},
}};

}  // namespace

std::string_view data_parallel_overlap_name(DataParallelOverlap overlap) {
  for (const auto& [name, value] : kNames) {
    if (value == overlap) return name;
  }
  return "backward";
}

std::optional<DataParallelOverlap> data_parallel_overlap_named(std::string_view name) {
  for (const auto& [text, value] : kNames) {
    if (text == name) return value;
  }
  return std::nullopt;
}

}  // namespace ppusim
