# The binary ABI of liboms_c keeps the previous release's: abidiff (abigail-tools) compares the
# library with the ABI dump of that release (tests/data/liboms_c-<version>.abi, made from its
# liboms_c.so with: abidw --exported-interfaces-only --headers-dir capi/include/oms
# --drop-private-types --no-corpus-path --no-show-locs --no-comp-dir-path). Added functions are fine; a removed or changed function or
# variable fails, unless the major version has moved since (then the dump is renewed).
#   cmake -DABIDIFF=<abidiff> -DLIBRARY=<liboms_c.so> -DBASELINE=<dump> -DMAJOR=<this major>
#         -DBASELINE_MAJOR=<the dump's major> -P check_abi.cmake
execute_process(COMMAND "${ABIDIFF}" --exported-interfaces-only --no-added-syms "${BASELINE}" "${LIBRARY}"
                OUTPUT_VARIABLE report ERROR_VARIABLE report RESULT_VARIABLE code)
message("${report}")
if(NOT code MATCHES "^[0-9]+$")
  message(FATAL_ERROR "abidiff did not run: ${code}")
endif()
math(EXPR failed "${code} & 3")  # 1: error, 2: usage
if(failed)
  message(FATAL_ERROR "abidiff could not compare ${BASELINE} with ${LIBRARY} (exit ${code})")
endif()
# Every "changes summary" line: "Functions changes summary: 0 Removed, 1 Changed, 2 Added ...".
set(broken "")
string(REGEX MATCHALL "[A-Za-z ]+changes summary: [0-9]+ Removed(, [0-9]+ Changed)?" summaries "${report}")
foreach(line IN LISTS summaries)
  if(line MATCHES "([A-Za-z ]+) changes summary: ([0-9]+) Removed(, ([0-9]+) Changed)?")
    if(NOT CMAKE_MATCH_2 EQUAL 0 OR (CMAKE_MATCH_4 AND NOT CMAKE_MATCH_4 EQUAL 0))
      string(APPEND broken " ${line};")
    endif()
  endif()
endforeach()
if(NOT code EQUAL 0 AND NOT summaries)
  message(FATAL_ERROR "abidiff found changes but printed no summary of them (exit ${code})")
endif()
math(EXPR incompatible "${code} & 8")
if(incompatible OR broken)
  if(MAJOR GREATER BASELINE_MAJOR)
    message(STATUS "ABI changed with the major version (${BASELINE_MAJOR} -> ${MAJOR}): renew ${BASELINE}")
  else()
    message(FATAL_ERROR "liboms_c breaks the ABI of ${BASELINE}:${broken} (abidiff exit ${code}); "
                        "keep the old functions, or move the major version")
  endif()
endif()
