// Alibaba cluster-trace-v2026-GenAI, LoRA diffusion requests: gmt_create,predict_type,
// predict_status,exec_time_seconds,groupId,prompt_length,negative_prompt_length,
// num_images_per_prompt,num_inference_steps,checkpoint_model_version_id,num_lora.
//
// A row becomes a request arriving at gmt_create (a calendar time, to the second) with
// input_tokens = prompt_length (0 when empty), output_tokens = 0 (an image, not tokens) and
// service_s = exec_time_seconds, the measured time the request ran. Left out: rows without
// exec_time_seconds (requests that never ran).
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_lora_requests(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"gmt_create", "exec_time_seconds", "prompt_length"}, false);
  const std::size_t created = table.column("gmt_create");
  const std::size_t exec_time = table.column("exec_time_seconds");
  const std::size_t prompt = table.column("prompt_length");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const double arrival_s = calendar_time(row, created);
    const std::optional<double> service_s = row.optional_number(exec_time, NumberRange::non_negative());
    const std::optional<double> prompt_tokens = row.optional_number(prompt, NumberRange::non_negative());
    if (!service_s) {
      ++out.left_out["no exec_time_seconds"];
      return;
    }
    InferenceRequest& request = out.requests.emplace_back();
    request.arrival_s = arrival_s;
    request.input_tokens = static_cast<std::int64_t>(prompt_tokens.value_or(0));
    request.service_s = service_s;
  });
  out.epoch_of_time_zero_s = 0;
  finish_requests(out, path);
  return out;
}

}  // namespace ppusim
