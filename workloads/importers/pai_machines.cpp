// Alibaba PAI cluster-trace-gpu-v2020, pai_machine_spec: one machine per row,
// machine,gpu_type,cap_cpu,cap_mem,cap_gpu (published without a header; the copy in
// ../shared/traces has one added). CPU machines have gpu_type "CPU" and cap_gpu 0.
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_pai_machines(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"machine", "gpu_type", "cap_cpu", "cap_mem", "cap_gpu"}, true);
  const std::size_t type = table.column("gpu_type");
  const std::size_t gpus = table.column("cap_gpu");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const auto count = static_cast<int>(row.integer(gpus, IntegerRange::between(0, 1024)));
    count_machine(out.cluster, row.utf8_text(type), count);
  });
  finish_cluster(out, path);
  return out;
}

}  // namespace ppusim
