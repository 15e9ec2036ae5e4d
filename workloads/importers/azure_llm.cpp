// Azure LLM inference traces 2023 (AzurePublicDataset, AzureLLMInferenceTrace_code/_conv):
// TIMESTAMP,ContextTokens,GeneratedTokens, one request per row, TIMESTAMP a calendar time
// with 7 decimals ("2023-11-16 18:17:03.9799600").
//
// A row becomes a request arriving TIMESTAMP − (the first TIMESTAMP) seconds into the trace,
// with input_tokens = ContextTokens and output_tokens = GeneratedTokens.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_azure_llm(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"TIMESTAMP", "ContextTokens", "GeneratedTokens"}, false);
  const std::size_t timestamp = table.column("TIMESTAMP");
  const std::size_t context = table.column("ContextTokens");
  const std::size_t generated = table.column("GeneratedTokens");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    InferenceRequest request;
    request.arrival_s = calendar_time(row, timestamp);
    request.input_tokens = row.integer(context, IntegerRange::non_negative());
    request.output_tokens = row.integer(generated, IntegerRange::non_negative());
    out.requests.push_back(std::move(request));
  });
  out.epoch_of_time_zero_s = 0;
  finish_requests(out, path);
  return out;
}

}  // namespace ppusim
