#include "sim/report/summary_table.hpp"

#include <cstdio>
#include <iomanip>
#include <sstream>

#include "sim/report/measured_duration_note.hpp"

namespace ppusim {

using nlohmann::json;

namespace {

std::string number(double value, const char* format = "%.4g") {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, format, value);
  return buffer;
}

std::string percent(double fraction) { return number(100.0 * fraction, "%.1f") + " %"; }

std::string hours(double seconds) { return number(seconds / 3600.0, "%.2f") + " h"; }

std::string money(const json& value) {
  return value.is_null() ? std::string("n/a") : "$" + number(value.get<double>(), "%.2f");
}

void row(std::ostringstream& out, const std::string& label, const std::string& value) {
  out << "  " << std::left << std::setw(40) << label << " " << value << "\n";
}

std::string distribution(const json& d) {
  return "mean " + hours(d["mean"]) + ", p50 " + hours(d["p50"]) + ", p90 " + hours(d["p90"]) + ", p99 " +
         hours(d["p99"]);
}

}  // namespace

std::string format_summary_table(const json& report) {
  std::ostringstream out;
  const json& scenario = report["scenario"];
  const json& jobs = report["jobs"];
  const json& util = report["utilization"];
  const json& cost = report["cost"];
  out << "ppusim " << report["ppusim_version"].get<std::string>() << " — "
      << scenario["name"].get<std::string>() << ": " << scenario["ppus"].get<long long>() << " PPUs ("
      << scenario["ppu"].get<std::string>() << "), " << scenario["nodes"].get<long long>() << " nodes, "
      << scenario["scheduler"].get<std::string>() << "\n";
  if (!report["interrupted_at_s"].is_null()) {
    row(out, "INTERRUPTED",
        "at simulated " + hours(report["interrupted_at_s"]) + ": figures cover the run so far");
  }
  row(out, "simulated window",
      hours(report["window_s"]) + " (" + number(report["window_s"].get<double>() / 86400.0, "%.2f") +
          " days)");
  row(out, "jobs submitted / finished",
      std::to_string(jobs["submitted"].get<long long>()) + " / " +
          std::to_string(jobs["finished"].get<long long>()));
  row(out, "jobs rejected / running / queued at end",
      std::to_string(jobs["rejected"].get<long long>()) + " / " +
          std::to_string(jobs["running_at_end"].get<long long>()) + " / " +
          std::to_string(jobs["queued_at_end"].get<long long>()));
  if (report.contains("training_speed")) {
    const json& speed = report["training_speed"];
    const json& sources = speed["jobs_by_speed_source"];
    row(out, "job speed from step model / MFU override / family default",
        std::to_string(sources["step-model"].get<long long>()) + " / " +
            std::to_string(sources["mfu-override"].get<long long>()) + " / " +
            std::to_string(sources["family-default"].get<long long>()) + " jobs, MFU " +
            percent(speed["mfu_weighted_by_ppu_hours"]["mean"]) + " (PPU-hour weighted mean)");
  }
  if (const std::string warning = measured_duration_warning(report); !warning.empty())
    row(out, "WARNING", warning);
  row(out, "utilization: allocated", percent(util["allocated"]));
  row(out, "utilization: busy (computing)", percent(util["busy"]));
  row(out, "utilization: delivered FLOPs / peak", percent(util["delivered_flops"]));
  row(out, "queueing delay", distribution(jobs["queueing_delay_s"]));
  row(out, "job completion time", distribution(jobs["completion_time_s"]));
  row(out, "delivered compute", number(report["work"]["delivered_pflop_days"], "%.1f") + " PF-days");
  row(out, "facility energy",
      number(report["energy"]["facility_kwh"].get<double>() / 1000.0, "%.1f") + " MWh");
  row(out, "cost of the window (" + cost["model"].get<std::string>() + ")", money(cost["total_usd"]));
  // Only the items this cost model has, in a fixed order.
  std::string items;
  for (const char* item : {"capex_compute", "capex_network", "energy", "colocation", "staff", "cloud_bill"}) {
    const double value = cost["breakdown_usd"].value(item, 0.0);
    if (value == 0) continue;
    items += (items.empty() ? "" : ", ") + std::string(item) + " " + money(json(value));
  }
  if (!items.empty()) row(out, "  of which", items);
  const json& setup = report["setup"];
  if (setup["jobs_through_setup"].get<long long>() > 0 &&
      setup["stages_s"]["total"]["max"].get<double>() > 0) {
    row(out, "setup time (allocation to first step)", distribution(setup["stages_s"]["total"]));
  }
  const json failures = report.value("failures", json::object());
  if (failures.value("enabled", false)) {
    const json& lost = failures["lost_ppu_hours"];
    row(out, "interruptions (failures, preemptions)",
        std::to_string(failures["interruptions"].get<long long>()));
    row(out, "PPU-hours lost to interruptions",
        number(lost["total"].get<double>(), "%.0f") + " (lost work " +
            number(lost["lost_work"].get<double>(), "%.0f") + ", restarts " +
            number(lost["restart_hold"].get<double>() + lost["restart_setup"].get<double>(), "%.0f") + ")");
    row(out, "effective training time ratio",
        percent(failures["effective_training_time_ratio"].get<double>()));
  }
  row(out, "cost per delivered PF-day", money(cost["usd_per_delivered_pflop_day"]));
  row(out, "cost per allocated PPU-hour", money(cost["usd_per_allocated_ppu_hour"]));
  // One line per inference service (docs/inference.md).
  for (const json& service : report.value("services", json::array())) {
    const json& slo = service["slo"];
    std::string line = std::to_string(service["requests"]["completed"].get<long long>()) + "/" +
                       std::to_string(service["requests"]["arrived"].get<long long>()) +
                       " req, TTFT p50/p99 " + number(service["ttft_s"]["p50"], "%.3g") + "/" +
                       number(service["ttft_s"]["p99"], "%.3g") + " s, TPOT p50/p99 " +
                       number(1000 * service["tpot_s"]["p50"].get<double>(), "%.3g") + "/" +
                       number(1000 * service["tpot_s"]["p99"].get<double>(), "%.3g") + " ms, " +
                       number(service["throughput"]["output_tokens_per_s"], "%.4g") + " tok/s";
    if (!slo["attainment"].is_null()) line += ", SLO " + percent(slo["attainment"]);
    line += ", " + number(service["replicas"]["ppu_hours"], "%.2f") + " PPU-h";
    row(out, "service " + service["name"].get<std::string>(), line);
  }
  return out.str();
}

std::string format_time_series_csv(const json& report) {
  const json& series = report["time_series"];
  const char* columns[] = {"utilization_allocated", "utilization_busy",        "utilization_delivered_flops",
                           "mean_queued_jobs",      "component_failures",      "interruptions_hardware",
                           "interruptions_network", "interruptions_preemption"};
  std::ostringstream out;
  out << "start_s";
  for (const char* column : columns) out << ',' << column;
  out << '\n';
  const json& starts = series["start_s"];
  for (std::size_t i = 0; i < starts.size(); ++i) {
    out << number(starts[i].get<double>(), "%.17g");
    for (const char* column : columns) out << ',' << number(series[column][i].get<double>(), "%.17g");
    out << '\n';
  }
  return out.str();
}

}  // namespace ppusim
