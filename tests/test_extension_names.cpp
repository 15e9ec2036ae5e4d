// The extension points' names (sim/config/extension_names.hpp): every row reads back, through
// the scenario loader, as the value the table gives, and name_of gives the row's name back.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <string>

#include "sim/config/extension_names.hpp"
#include "sim/config/scenario_loader.hpp"
#include "tests/minimal_scenario_json.hpp"

using nlohmann::json;
using ppusim::name_of;

TEST_CASE("each scheduling policy and placement name loads as its table value", "[config][extensions]") {
  for (const auto& [name, policy] : ppusim::kSchedulingPolicyNames) {
    json doc = ppusim::test::minimal_scenario();
    doc["scheduler"] = {{"policy", std::string(name)}};
    CHECK(ppusim::parse_scenario(doc, "configs/x.json").scheduler.policy == policy);
    CHECK(name_of(ppusim::kSchedulingPolicyNames, policy) == name);
  }
  for (const auto& [name, placement] : ppusim::kPlacementNames) {
    json doc = ppusim::test::minimal_scenario();
    doc["scheduler"] = {{"placement", std::string(name)}};
    CHECK(ppusim::parse_scenario(doc, "configs/x.json").scheduler.placement == placement);
    CHECK(name_of(ppusim::kPlacementNames, placement) == name);
  }
}

TEST_CASE("the names the report has always written are the table's", "[config][extensions]") {
  // report.json's scenario.scheduler and cost.model (docs/report.md) must not change spelling.
  CHECK(name_of(ppusim::kSchedulingPolicyNames, ppusim::SchedulingPolicy::Fifo) == "fifo");
  CHECK(name_of(ppusim::kSchedulingPolicyNames, ppusim::SchedulingPolicy::EasyBackfill) == "easy-backfill");
  CHECK(name_of(ppusim::kPlacementNames, ppusim::PlacementPolicy::FragmentationAware) ==
        "fragmentation-aware");
  CHECK(name_of(ppusim::kCostModelNames, ppusim::CostModel::Cloud) == "cloud");
  CHECK(name_of(ppusim::kTopologyKindNames, ppusim::TopologySpec::Kind::RailOptimized) == "rail-optimized");
}
