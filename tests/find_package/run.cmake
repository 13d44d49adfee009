# Installs the built liboms into a scratch prefix, then builds and runs the consumer with
# find_package(oms) and, separately, with pkg-config. CXX_FLAGS are the flags liboms was built
# with (sanitizer builds need them at link time too).
file(REMOVE_RECURSE "${WORK}")
execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD}" --prefix "${WORK}/prefix" COMMAND_ERROR_IS_FATAL ANY
                OUTPUT_QUIET)
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE}/tests/find_package" -B "${WORK}/build" -G Ninja
                        "-DCMAKE_PREFIX_PATH=${WORK}/prefix" "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
                        "-DCMAKE_C_FLAGS=${CXX_FLAGS}"
                COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${WORK}/build" COMMAND_ERROR_IS_FATAL ANY OUTPUT_QUIET)
execute_process(COMMAND "${WORK}/build/consumer" COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${WORK}/build/c_consumer" COMMAND_ERROR_IS_FATAL ANY)

find_program(PKG_CONFIG pkg-config REQUIRED)
file(GLOB pc_dirs "${WORK}/prefix/lib*/pkgconfig" "${WORK}/prefix/lib*/*/pkgconfig")
list(JOIN pc_dirs ":" pc_path)
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_path}" "${PKG_CONFIG}" --cflags --libs oms
                OUTPUT_VARIABLE flags OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
separate_arguments(flags UNIX_COMMAND "${flags}")
separate_arguments(cxx_flags UNIX_COMMAND "${CXX_FLAGS}")
execute_process(COMMAND c++ -std=c++20 ${cxx_flags} "${SOURCE}/tests/find_package/main.cpp" -o "${WORK}/consumer-pc" ${flags}
                COMMAND_ERROR_IS_FATAL ANY)
execute_process(COMMAND "${WORK}/consumer-pc" COMMAND_ERROR_IS_FATAL ANY)

# The C ABI through pkg-config, compiled as strict C99.
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "PKG_CONFIG_PATH=${pc_path}" "${PKG_CONFIG}" --cflags --libs oms_c
                OUTPUT_VARIABLE c_flags OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
separate_arguments(c_flags UNIX_COMMAND "${c_flags}")
execute_process(COMMAND cc -std=c99 -pedantic ${cxx_flags} "${SOURCE}/tests/find_package/main.c" -o "${WORK}/c-consumer-pc"
                        ${c_flags} COMMAND_ERROR_IS_FATAL ANY)
file(GLOB lib_dirs "${WORK}/prefix/lib*" "${WORK}/prefix/lib*/*-linux-gnu")
list(JOIN lib_dirs ":" lib_path)
execute_process(COMMAND "${CMAKE_COMMAND}" -E env "LD_LIBRARY_PATH=${lib_path}" "${WORK}/c-consumer-pc"
                COMMAND_ERROR_IS_FATAL ANY)
