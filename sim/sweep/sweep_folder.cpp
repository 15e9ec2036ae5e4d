#include "sim/sweep/sweep_folder.hpp"

#include <filesystem>

#include "sim/core/atomic_file.hpp"
#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "sim/report/report_json.hpp"

namespace ppusim {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

json read_identity(const std::string& folder) {
  const fs::path path = fs::path(folder) / kSweepSpecFile;
  if (!fs::exists(path)) {
    throw InputError(folder + ": found no " + std::string(kSweepSpecFile) +
                     ", expected the output folder of a ppusim sweep (or of one of its shards)");
  }
  return parse_json_text(read_text_file(path.string()), path.string());
}

}  // namespace

void claim_sweep_folder(const std::string& folder, const SweepSpec& spec) {
  const fs::path path = fs::path(folder) / kSweepSpecFile;
  if (fs::exists(path) && read_identity(folder) != spec.identity()) {
    throw InputError(path.string() +
                     ": holds a different sweep (base scenario, grid, seeds or metrics differ), "
                     "expected the same sweep or a new folder; choose another --output");
  }
  try {
    write_file_atomically(path.string(), spec.identity().dump(1) + "\n");
  } catch (const std::runtime_error& error) {
    throw InputError(error.what());
  }
}

bool run_is_done(const std::string& folder, const SweepRun& run, const std::vector<SweepPoint>& points) {
  const fs::path dir = fs::path(folder) / run.folder(points);
  if (!fs::exists(dir / "report.json") || !fs::exists(dir / "jobs.csv")) return false;
  try {
    const std::string path = (dir / "report.json").string();
    return !report_from_json(json::parse(read_text_file(path)), path).interrupted_at_s;
  } catch (const std::exception&) {
    return false;
  }
}

Report read_run_report(const std::string& folder, const SweepRun& run,
                       const std::vector<SweepPoint>& points) {
  const std::string path = (fs::path(folder) / run.folder(points) / "report.json").string();
  return report_from_json(parse_json_text(read_text_file(path), path), path);
}

SweepSpec spec_from_identity(const json& identity, const std::string& source) {
  try {
    SweepSpec spec;
    spec.source = source;
    spec.base = identity.at("base");
    for (const json& dimension : identity.at("grid")) {
      spec.dimensions.push_back({dimension.at("pointers").get<std::vector<std::string>>(),
                                 dimension.at("levels").get<std::vector<std::vector<json>>>()});
    }
    spec.seeds = identity.at("seeds").get<std::vector<std::uint64_t>>();
    spec.metrics = identity.at("metrics").get<std::vector<std::string>>();
    return spec;
  } catch (const json::exception& error) {
    throw InputError(source + ": found a damaged sweep spec (" + error.what() +
                     "), expected what ppusim sweep wrote");
  }
}

MergedFolders locate_shard_runs(const std::vector<std::string>& folders) {
  if (folders.empty())
    throw InputError("sweep merge: found no folders, expected the output folders of the shards");
  MergedFolders merged;
  merged.identity = read_identity(folders.front());
  for (std::size_t i = 1; i < folders.size(); ++i) {
    if (read_identity(folders[i]) != merged.identity) {
      throw InputError((fs::path(folders[i]) / kSweepSpecFile).string() + ": found a different sweep than " +
                       (fs::path(folders.front()) / kSweepSpecFile).string() +
                       " (base scenario, grid, seeds or metrics differ), expected shards of one sweep");
    }
  }
  const SweepSpec spec =
      spec_from_identity(merged.identity, (fs::path(folders.front()) / kSweepSpecFile).string());
  const std::vector<SweepPoint> points = expand_grid(spec);
  const std::vector<SweepRun> runs = list_runs(spec, points.size());
  merged.folder_of_run.resize(runs.size());
  std::vector<std::string> missing;
  for (const SweepRun& run : runs) {
    for (const std::string& folder : folders) {
      if (!run_is_done(folder, run, points)) continue;
      if (!merged.folder_of_run[run.index].empty()) {
        throw InputError("sweep merge: run " + run.folder(points) + " is in both " +
                         merged.folder_of_run[run.index] + " and " + folder +
                         ", expected each run in exactly one shard folder");
      }
      merged.folder_of_run[run.index] = folder;
    }
    if (merged.folder_of_run[run.index].empty()) missing.push_back(run.folder(points));
  }
  if (!missing.empty()) {
    std::string list;
    for (std::size_t i = 0; i < missing.size() && i < 5; ++i) list += (i ? ", " : "") + missing[i];
    if (missing.size() > 5) list += ", ...";
    throw InputError("sweep merge: " + std::to_string(missing.size()) + " of " + std::to_string(runs.size()) +
                     " runs are missing or unfinished in the folders given (" + list +
                     "), expected every shard's folder");
  }
  return merged;
}

}  // namespace ppusim
