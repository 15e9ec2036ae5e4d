// Microsoft Philly (Jeon et al., ATC'19), cluster_job_log: one JSON array of jobs, each
// {"jobid", "submitted_time", "attempts": [{"start_time", "end_time", "detail": [{"ip",
// "gpus": [...]}]}], "status", "vc", "user"}, times as "2017-10-03 02:58:37" or "None".
//
// A job becomes a job submitted at submitted_time, sized by the GPUs of its last attempt
// (Σ over its machines of |gpus|), running for that attempt's end − start: the attempt that
// decided the job's fate (earlier attempts failed and were retried). Left out: jobs without
// attempts or whose last attempt has no start or end, jobs on no GPU. Submit times are shifted
// so that the first is 0.
#include <nlohmann/json.hpp>

#include "sim/core/input_error.hpp"
#include "sim/core/json_reader.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {
namespace {

/// A Philly time: a calendar time, or "None"/null/absent for one that never happened.
std::optional<double> philly_time(JsonReader& r, std::string_view key) {
  if (!r.has(key)) return std::nullopt;
  const std::string text = r.string(key, false);
  if (text == "None" || text.empty()) return std::nullopt;
  const std::optional<double> time = parse_calendar_time(text);
  if (!time) r.fail_found(key, "a time \"YYYY-MM-DD HH:MM:SS\" or \"None\"");
  return time;
}

}  // namespace

ImportedTrace import_philly_jobs(const std::string& path, const ImportOptions& options) {
  const nlohmann::json document = parse_json_text(read_text_file(path), path);
  JsonReader root(document, path);
  if (!document.is_array())
    root.fail("found " + JsonReader::type_name(document) + ", expected an array of jobs");
  ImportedTrace out;
  for (std::size_t i = 0; i < document.size(); ++i) {
    ++out.rows;
    try {
      JsonReader job(document[i], path, "/" + std::to_string(i));
      job.require_object();
      for (const char* ignored : {"status", "vc", "user"}) job.ignore(ignored);
      JobSpec spec;
      spec.id = job.string("jobid");
      const std::optional<double> submit_s = philly_time(job, "submitted_time");
      if (!submit_s) job.fail_found("submitted_time", "a time \"YYYY-MM-DD HH:MM:SS\"");
      const nlohmann::json* attempts = job.has("attempts") ? &document[i]["attempts"] : nullptr;
      if (attempts && !attempts->is_array()) job.fail_found("attempts", "an array of attempts");
      job.finish();
      if (!attempts || attempts->empty()) {
        ++out.left_out["never started"];
        continue;
      }
      JsonReader last(attempts->back(), path,
                      job.path_of("attempts") + "/" + std::to_string(attempts->size() - 1));
      const std::optional<double> start_s = philly_time(last, "start_time");
      const std::optional<double> end_s = philly_time(last, "end_time");
      std::int64_t gpus = 0;
      if (last.has("detail")) {
        const nlohmann::json& detail = attempts->back()["detail"];
        if (!detail.is_array()) last.fail_found("detail", "an array of machines");
        for (std::size_t m = 0; m < detail.size(); ++m) {
          JsonReader machine(detail[m], path, last.path_of("detail") + "/" + std::to_string(m));
          machine.ignore("ip");
          if (!machine.has("gpus") || !detail[m]["gpus"].is_array())
            machine.fail_found("gpus", "an array of GPU names");
          gpus += static_cast<std::int64_t>(detail[m]["gpus"].size());
          machine.finish();
        }
      }
      last.finish();
      if (!start_s || !end_s) {
        ++out.left_out["never finished"];
        continue;
      }
      if (*end_s < *start_s) last.fail_found("end_time", "a time >= start_time");
      if (gpus == 0 || gpus > 2147483647) {
        ++out.left_out["no GPU requested"];
        continue;
      }
      if (*end_s == *start_s) {
        ++out.left_out["ran for 0 s"];
        continue;
      }
      spec.submit_s = *submit_s;
      spec.ppus = static_cast<int>(gpus);
      spec.measured_duration_s = *end_s - *start_s;
      spec.origin = path + ":" + job.path();
      out.jobs.jobs.push_back(std::move(spec));
    } catch (const InputError&) {
      if (!options.skip_bad_rows) throw;
      ++out.jobs.skipped_rows;
    }
  }
  out.epoch_of_time_zero_s = 0;
  finish_jobs(out, path, true);
  return out;
}

}  // namespace ppusim
