# Test of cmake/check_layers.cmake on a small tree it builds in WORK_DIR: a core header that
# includes a CLI header must fail with the file, the line, the header and both layers named;
# the same tree without it must pass; a file in a folder of no layer must fail.
#
#   cmake -DWORK_DIR=<empty folder> -DCHECKER=<check_layers.cmake> -P test_check_layers.cmake
cmake_minimum_required(VERSION 3.25)

file(REMOVE_RECURSE ${WORK_DIR})
file(WRITE ${WORK_DIR}/sim/core/clock.hpp "#pragma once\n#include <string>\n")
file(WRITE ${WORK_DIR}/sim/config/scenario.hpp "#pragma once\n#include \"sim/core/clock.hpp\"\n")
file(WRITE ${WORK_DIR}/sim/cli/main.cpp "#include \"sim/config/scenario.hpp\"\n#include \"sim/core/clock.hpp\"\n")

function(run_checker expect_success)
  execute_process(COMMAND ${CMAKE_COMMAND} -DSOURCE_DIR=${WORK_DIR} -P ${CHECKER}
                  RESULT_VARIABLE result OUTPUT_VARIABLE output ERROR_VARIABLE output)
  if(expect_success AND NOT result EQUAL 0)
    message(FATAL_ERROR "the checker refused a tree without violations:\n${output}")
  endif()
  if(NOT expect_success AND result EQUAL 0)
    message(FATAL_ERROR "the checker accepted a tree with a violation:\n${output}")
  endif()
  set(output "${output}" PARENT_SCOPE)
endfunction()

# 1. Downward and same-layer includes only: accepted.
run_checker(TRUE)

# 2. A core header including a CLI header on its third line: refused, and the message says where.
file(WRITE ${WORK_DIR}/sim/core/units.hpp "#pragma once\n\n#include \"sim/cli/main_options.hpp\"\n")
run_checker(FALSE)
foreach(expected "sim/core/units.hpp:3" "\"sim/cli/main_options.hpp\"" "layer core (sim/core)"
        "layer cli (sim/cli)")
  string(FIND "${output}" "${expected}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the checker's message lacks '${expected}':\n${output}")
  endif()
endforeach()
file(REMOVE ${WORK_DIR}/sim/core/units.hpp)

# 3. A model including the engine (one layer up) is refused as well.
file(WRITE ${WORK_DIR}/topologies/ring.cpp "#include \"sim/engine/simulation.hpp\"\n")
run_checker(FALSE)
string(FIND "${output}" "topologies/ring.cpp:1: includes \"sim/engine/simulation.hpp\"" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the checker did not name topologies/ring.cpp:1:\n${output}")
endif()
file(REMOVE ${WORK_DIR}/topologies/ring.cpp)

# 4. A folder that no layer lists: refused.
file(WRITE ${WORK_DIR}/sim/stray/helper.cpp "int helper() { return 1; }\n")
run_checker(FALSE)
string(FIND "${output}" "sim/stray/helper.cpp: folder sim/stray is in no layer" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the checker did not name the stray folder:\n${output}")
endif()
file(REMOVE_RECURSE ${WORK_DIR}/sim/stray)

run_checker(TRUE)
message(STATUS "layer check: accepts downward includes, refuses upward ones and stray folders")
