// Alibaba cluster-trace-gpu-v2023 (openb), node list: one node per row,
// sn,cpu_milli,memory_mib,gpu,model. CPU-only nodes have gpu 0 and an empty model.
//
// Nodes are grouped by (model, gpu): each group becomes a node pool (cluster_fragment.hpp) of
// cpu_milli/1000 cores and memory_mib/1024 GiB per node. A model the importer does not know
// (alibaba_gpu_models.hpp) is a row error: its pool could not be given a chip.
#include "workloads/importers/alibaba_gpu_models.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_openb_nodes(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"sn", "cpu_milli", "memory_mib", "gpu", "model"}, false);
  const std::size_t cpu_milli = table.column("cpu_milli");
  const std::size_t memory_mib = table.column("memory_mib");
  const std::size_t gpus = table.column("gpu");
  const std::size_t model = table.column("model");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const MachineHost host{row.number(cpu_milli, NumberRange::positive()) / 1000,
                           row.number(memory_mib, NumberRange::positive()) / 1024};
    const auto count = static_cast<int>(row.integer(gpus, IntegerRange::between(0, 1024)));
    if (count > 0 && row.text(model).empty()) row.fail(model, "a GPU model name for a node with GPUs");
    if (count > 0 && find_alibaba_gpu_model(row.text(model)) == nullptr)
      row.fail(model, "a GPU model of the openb trace (" + alibaba_gpu_model_names() + ")");
    count_machine(out.cluster, row.utf8_text(model), count, host);
  });
  finish_cluster(out, path);
  return out;
}

}  // namespace ppusim
