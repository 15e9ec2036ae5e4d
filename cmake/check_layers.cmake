# Fails when a file includes a header of a layer above its own (cmake/layers.cmake), or when a
# source file sits in a folder of no layer. Run by the build before any library compiles
# (target ppusim_layer_check in CMakeLists.txt) and by the test layer_check_rejects_upward_include.
#
#   cmake -DSOURCE_DIR=<tree> [-DLAYERS_FILE=<layers.cmake>] [-DSTAMP=<file>] -P check_layers.cmake
#
# Only #include "…" lines count: <…> names a system or third-party header.
cmake_minimum_required(VERSION 3.25)

if(NOT SOURCE_DIR)
  message(FATAL_ERROR "check_layers.cmake: pass -DSOURCE_DIR=<source tree>")
endif()
if(NOT LAYERS_FILE)
  set(LAYERS_FILE ${CMAKE_CURRENT_LIST_DIR}/layers.cmake)
endif()
include(${LAYERS_FILE})

# Each folder's layer, by its rank from the bottom (0 = core).
set(rank 0)
foreach(layer IN LISTS PPUSIM_LAYERS)
  foreach(folder IN LISTS PPUSIM_LAYER_${layer}_FOLDERS)
    set(layer_of_${folder} ${layer})
    set(rank_of_${folder} ${rank})
  endforeach()
  math(EXPR rank "${rank} + 1")
endforeach()

set(problems "")

# Every source file of the simulator is in a layer: a folder missing from layers.cmake would
# otherwise be built by no library, or escape the check.
file(GLOB_RECURSE all_sources RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/sim/*.cpp ${SOURCE_DIR}/sim/*.hpp
     ${SOURCE_DIR}/topologies/*.cpp ${SOURCE_DIR}/topologies/*.hpp ${SOURCE_DIR}/workloads/*.cpp
     ${SOURCE_DIR}/workloads/*.hpp)
foreach(file IN LISTS all_sources)
  get_filename_component(folder ${file} DIRECTORY)
  if(NOT DEFINED layer_of_${folder})
    string(APPEND problems "\n  ${file}: folder ${folder} is in no layer (add it to cmake/layers.cmake)")
  endif()
endforeach()

foreach(layer IN LISTS PPUSIM_LAYERS)
  foreach(folder IN LISTS PPUSIM_LAYER_${layer}_FOLDERS)
    file(GLOB files RELATIVE ${SOURCE_DIR} ${SOURCE_DIR}/${folder}/*.cpp ${SOURCE_DIR}/${folder}/*.hpp)
    foreach(file IN LISTS files)
      file(READ ${SOURCE_DIR}/${file} content)
      string(REGEX MATCHALL "#[ \t]*include[ \t]*\"[^\"\n]+\"" includes "${content}")
      foreach(directive IN LISTS includes)
        string(REGEX REPLACE "^[^\"]*\"([^\"]+)\"$" "\\1" header "${directive}")
        get_filename_component(header_folder "${header}" DIRECTORY)
        if(header_folder STREQUAL "" OR NOT DEFINED rank_of_${header_folder})
          continue()  # a header beside the file, or outside the layered folders (generated/)
        endif()
        if(rank_of_${header_folder} GREATER rank_of_${folder})
          # The line number, for an editor to jump to.
          string(FIND "${content}" "${directive}" offset)
          string(SUBSTRING "${content}" 0 ${offset} before)
          string(REGEX MATCHALL "\n" newlines "${before}")
          list(LENGTH newlines line)
          math(EXPR line "${line} + 1")
          string(APPEND problems "\n  ${file}:${line}: includes \"${header}\": layer ${layer} (${folder}) "
                 "may not use layer ${layer_of_${header_folder}} (${header_folder}), which sits above it")
        endif()
      endforeach()
    endforeach()
  endforeach()
endforeach()

if(problems)
  string(REPLACE ";" " " order "${PPUSIM_LAYERS}")
  message(FATAL_ERROR "ppusim layer check failed (layers from the bottom: ${order}; "
                      "folders in cmake/layers.cmake, rules in ARCHITECTURE.md):${problems}\n")
endif()
if(STAMP)
  file(TOUCH ${STAMP})
endif()
