// One libFuzzer target per entry of kFuzzTargets (fuzz/fuzz_targets.hpp); fuzz/CMakeLists.txt
// compiles this file once per target with PPUSIM_FUZZ_TARGET set to its name.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string_view>
#include <typeinfo>

#include "fuzz/fuzz_targets.hpp"
#ifdef PPUSIM_FUZZ_WHOLE_PIPELINE
#include "fuzz/pipeline_target.hpp"
#endif

namespace {

const ppusim::fuzz::FuzzTarget& this_target() {
#ifdef PPUSIM_FUZZ_WHOLE_PIPELINE
  // The whole-pipeline target links the engine, which the parser targets do not.
  static const ppusim::fuzz::FuzzTarget pipeline{"pipeline", ppusim::fuzz::feed_pipeline};
  return pipeline;
#endif
  for (const auto& target : ppusim::fuzz::kFuzzTargets) {
    if (target.name == PPUSIM_FUZZ_TARGET) return target;
  }
  std::fprintf(stderr, "no fuzz target named %s in fuzz/fuzz_targets.hpp\n", PPUSIM_FUZZ_TARGET);
  std::abort();
}

}  // namespace

#ifdef PPUSIM_FUZZ_WHOLE_PIPELINE
extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

/// Mostly structure-aware mutations (fuzz/pipeline_target.hpp), sometimes libFuzzer's own byte
/// mutations, so that the loader's refusals stay exercised too.
extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  if (seed % 4 != 0) {
    const std::size_t mutated = ppusim::fuzz::mutate_scenario(data, size, max_size, seed);
    if (mutated > 0) return mutated;
  }
  return LLVMFuzzerMutate(data, size, max_size);
}
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const ppusim::fuzz::FuzzTarget& target = this_target();
  try {
    target.feed(std::string_view(reinterpret_cast<const char*>(data), size));
  } catch (const std::exception& error) {
    // Not an InputError: the program would exit 1 with "internal error" on this input. Abort,
    // so that libFuzzer saves the input as a crash.
    std::fprintf(stderr, "fuzz target %s: %s escaped: %s\n", PPUSIM_FUZZ_TARGET, typeid(error).name(),
                 error.what());
    std::abort();
  }
  return 0;
}
