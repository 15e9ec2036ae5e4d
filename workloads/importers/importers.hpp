// One function per foreign trace format (docs/workloads.md, "Importing traces"), each in its
// own file of this folder. They are found by name through format_registry.hpp.
#pragma once

#include <string>

#include "workloads/importers/imported_trace.hpp"

namespace ppusim {

// Clusters.
ImportedTrace import_pai_machines(const std::string& path, const ImportOptions& options);
ImportedTrace import_openb_nodes(const std::string& path, const ImportOptions& options);
// Jobs.
ImportedTrace import_openb_pods(const std::string& path, const ImportOptions& options);
ImportedTrace import_dlrm_instances(const std::string& path, const ImportOptions& options);
ImportedTrace import_philly_runtimes(const std::string& path, const ImportOptions& options);
ImportedTrace import_pai_tasks(const std::string& path, const ImportOptions& options);
ImportedTrace import_helios_jobs(const std::string& path, const ImportOptions& options);
ImportedTrace import_philly_jobs(const std::string& path, const ImportOptions& options);
// Inference requests.
ImportedTrace import_azure_llm(const std::string& path, const ImportOptions& options);
ImportedTrace import_mooncake(const std::string& path, const ImportOptions& options);
ImportedTrace import_lora_requests(const std::string& path, const ImportOptions& options);

}  // namespace ppusim
