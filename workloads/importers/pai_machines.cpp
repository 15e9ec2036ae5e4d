// Alibaba PAI cluster-trace-gpu-v2020, pai_machine_spec: one machine per row,
// machine,gpu_type,cap_cpu,cap_mem,cap_gpu (published without a header; the copy in
// ../shared/traces has one added). CPU machines have gpu_type "CPU" and cap_gpu 0.
//
// Machines are grouped by (gpu_type, cap_gpu): each group becomes a node pool
// (cluster_fragment.hpp) of cap_cpu cores and cap_mem GiB per node (the trace's schema says GB;
// 384 and 512 are installed sizes in binary units, so they are read as GiB). A GPU type the
// importer does not know (alibaba_gpu_models.hpp) is a row error.
#include "workloads/importers/alibaba_gpu_models.hpp"
#include "workloads/importers/import_rows.hpp"
#include "workloads/importers/importers.hpp"

namespace ppusim {

ImportedTrace import_pai_machines(const std::string& path, const ImportOptions& options) {
  CsvTable table(CsvReader::open(path), {"machine", "gpu_type", "cap_cpu", "cap_mem", "cap_gpu"}, true);
  const std::size_t type = table.column("gpu_type");
  const std::size_t cpu = table.column("cap_cpu");
  const std::size_t memory = table.column("cap_mem");
  const std::size_t gpus = table.column("cap_gpu");
  ImportedTrace out;
  for_each_row(table, options, out, [&](const CsvRow& row) {
    const MachineHost host{row.number(cpu, NumberRange::positive()),
                           row.number(memory, NumberRange::positive())};
    const auto count = static_cast<int>(row.integer(gpus, IntegerRange::between(0, 1024)));
    if (count > 0 && find_alibaba_gpu_model(row.text(type)) == nullptr)
      row.fail(type, "a GPU type of the PAI trace (" + alibaba_gpu_model_names() + ")");
    count_machine(out.cluster, row.utf8_text(type), count, host);
  });
  finish_cluster(out, path);
  return out;
}

}  // namespace ppusim
