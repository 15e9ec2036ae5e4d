// Alibaba cluster-trace-gpu-v2023 (openb), node list: one node per row,
// sn,cpu_milli,memory_mib,gpu,model. CPU-only nodes have gpu 0 and an empty model.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_openb_nodes(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"sn", "cpu_milli", "memory_mib", "gpu", "model"}, false);
  const std::size_t gpus = table.column("gpu");
  const std::size_t model = table.column("model");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const auto count = static_cast<int>(row.integer(gpus, IntegerRange::between(0, 1024)));
    if (count > 0 && row.text(model).empty()) row.fail(model, "a GPU model name for a node with GPUs");
    count_machine(out.cluster, row.utf8_text(model), count);
  });
  finish_cluster(out, path);
  return out;
}

}  // namespace ppusim
