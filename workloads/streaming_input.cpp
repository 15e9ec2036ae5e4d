#include "workloads/streaming_input.hpp"

#include <cmath>
#include <sstream>

#include "sim/core/input_error.hpp"

namespace ppusim {

double streaming_input_bytes(const JobSpec& job, const JobWork& work) {
  if (!job.input) return 0;
  const StreamingInput& input = *job.input;
  switch (input.unit) {
    case InputUnit::PerStep:
      return input.bytes * work.steps;
    case InputUnit::PerToken:
      return job.model ? input.bytes * job.model->tokens : 0;
    case InputUnit::PerSample:
      return job.model && job.model->shape
                 ? input.bytes * job.model->tokens / job.model->shape->sequence_length
                 : 0;
  }
  return 0;
}

namespace {

std::string dataset_names(const StorageSpec& storage) {
  if (storage.datasets.empty()) return "the scenario lists none";
  std::string names;
  for (const DatasetSpec& dataset : storage.datasets) names += (names.empty() ? "" : ", ") + dataset.name;
  return names;
}

}  // namespace

void check_streaming_inputs(const JobTrace& trace, const Scenario& scenario) {
  for (const JobSpec& job : trace.jobs) {
    if (!job.input) continue;
    const std::string where = (job.origin.empty() ? "job " + job.id : job.origin) + ": ";
    if (!job.input->dataset.empty() && scenario.storage.dataset_index(job.input->dataset) < 0) {
      throw InputError(where + "/input/dataset: found \"" + job.input->dataset +
                       "\", expected a dataset of the scenario's /storage/datasets (" +
                       dataset_names(scenario.storage) + ")");
    }
    const double bytes = streaming_input_bytes(job, derive_job_work(job, scenario));
    if (!std::isfinite(bytes)) {
      std::ostringstream message;
      message << where << "/input: the job's input over its run is " << bytes
              << " bytes, expected a finite number: the job would never end";
      throw InputError(message.str());
    }
  }
}

}  // namespace ppusim
