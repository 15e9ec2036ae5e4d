// The command line's registry and shared options (sim/cli/command_registry.hpp,
// sim/cli/common_options.hpp): the chosen subcommand's action runs, and only it.
#include <algorithm>
#include <catch2/catch.hpp>

#include "sim/cli/command_registry.hpp"
#include "sim/cli/common_options.hpp"

using namespace ppusim;

namespace {

/// An app shaped like ppusim's: run, and plan with its subcommand cheapest. Each action returns
/// its own code, so the code says which one ran.
struct SampleCommandLine {
  CLI::App app{"test"};
  CommandRegistry commands;
  std::optional<std::uint64_t> seed;
  SpecRunOptions cheapest;

  SampleCommandLine() {
    CLI::App* run = app.add_subcommand("run", "");
    add_seed_option(*run, seed, "seed");
    commands.add(run, [] { return 10; });
    CLI::App* plan = app.add_subcommand("plan", "");
    commands.add(plan, [] { return 20; });
    CLI::App* cheapest_command = plan->add_subcommand("cheapest", "");
    add_spec_run_options(*cheapest_command, cheapest, "spec", "output");
    commands.add(cheapest_command, [] { return 30; });
  }

  int run(std::vector<std::string> arguments) {
    std::reverse(arguments.begin(), arguments.end());  // CLI11 reads a vector from the back
    app.parse(arguments);
    return commands.run_chosen();
  }
};

}  // namespace

TEST_CASE("cli: the deepest chosen subcommand runs, with its options", "[cli]") {
  SECTION("plan cheapest runs cheapest, not plan") {
    SampleCommandLine line;
    CHECK(line.run({"plan", "cheapest", "spec.json", "-o", "out/x", "-j", "3", "-q"}) == 30);
    CHECK(line.cheapest.spec_path == "spec.json");
    CHECK(line.cheapest.output_dir == std::optional<std::string>("out/x"));
    CHECK(line.cheapest.parallel == 3);
    CHECK(line.cheapest.quiet);
  }
  SECTION("plan alone runs plan; defaults stay when an option is not given") {
    SampleCommandLine line;
    CHECK(line.run({"plan"}) == 20);
    CHECK_FALSE(line.cheapest.output_dir.has_value());
    CHECK(line.cheapest.parallel == default_parallel_runs());
  }
  SECTION("--seed reads the whole range of 64 bits, and nothing else") {
    SampleCommandLine line;
    CHECK(line.run({"run", "--seed", "18446744073709551615"}) == 10);
    CHECK(line.seed == std::optional<std::uint64_t>(18446744073709551615ULL));
    for (const char* bad : {"-1", "18446744073709551616", "0x10", "1e3", ""}) {
      SampleCommandLine refused;
      CHECK_THROWS_AS(refused.run({"run", "--seed", bad}), CLI::ParseError);
      CHECK_FALSE(refused.seed.has_value());
    }
  }
}
