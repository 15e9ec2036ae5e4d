# The layers of ppusim, bottom to top, and the folders of each: the one place that says which
# code may use which (ARCHITECTURE.md). A file may include headers of its own layer and of the
# layers listed before it, never of a layer listed after it; cmake/check_layers.cmake fails the
# build otherwise. Each layer is one static library (CMakeLists.txt) that links the one below.
#
# Folders are listed one by one (not recursively): a new folder belongs to no layer until it is
# added here, and the check refuses its files until then.

set(PPUSIM_LAYERS core models engine results applications cli)

# Generic tools with no simulation knowledge: the input error, JSON reading with paths and
# "did you mean", excerpts of bad input, the deterministic random source, summary statistics,
# atomic file writing.
set(PPUSIM_LAYER_core_FOLDERS sim/core)

# What is simulated, as data and pure functions: the scenario and its loader, hardware, the
# topology kinds and their analysis, workloads and trace importers, failures, economics, the
# inference service model.
set(PPUSIM_LAYER_models_FOLDERS
    sim/config sim/hardware topologies workloads workloads/importers sim/failures sim/economics
    sim/inference)

# The discrete-event run on SimGrid: the cluster manager, network jobs, scheduling policies, the
# inference replicas in time. It tells what happens through EngineObserver and reads nothing
# back.
set(PPUSIM_LAYER_engine_FOLDERS sim/engine sim/scheduler)

# A run's records and outputs: RunMetrics observing the engine (the run with its records,
# sim/metrics/observed_simulation.hpp), report.json, the summary table, the CSV files and the
# HTML pages.
set(PPUSIM_LAYER_results_FOLDERS sim/metrics sim/report)

# What a user asks for, built from the layers below: the run pipeline (load, run, report,
# write), compare, sweeps, the CI gate.
set(PPUSIM_LAYER_applications_FOLDERS sim/app sim/compare sim/sweep sim/gate)

# The command line: arguments in, an application called, text out.
set(PPUSIM_LAYER_cli_FOLDERS sim/cli)
