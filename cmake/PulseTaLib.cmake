# TA-Lib's C library as an independent reference, built from the sources the npm `talib` package
# ships (cmake/talib/package-lock.json pins it; `npm ci --ignore-scripts` fetches it into the
# build tree, and the package's own Node addon build is not run). Used by the TA-Lib oracle test
# tier and the indicator benchmark. Defines the static library target `talib_c` once per build.
include_guard(GLOBAL)
enable_language(C)
find_program(NPM_PROGRAM npm REQUIRED)

set(TALIB_NPM_DIR ${PROJECT_BINARY_DIR}/talib-npm)
set(TALIB_ROOT ${TALIB_NPM_DIR}/node_modules/talib/src/lib)
if(NOT EXISTS ${TALIB_ROOT}/include/ta_func.h)
  file(COPY ${PROJECT_SOURCE_DIR}/cmake/talib/package.json
            ${PROJECT_SOURCE_DIR}/cmake/talib/package-lock.json
       DESTINATION ${TALIB_NPM_DIR})
  message(STATUS "Fetching TA-Lib sources with npm ci (cmake/talib/package-lock.json)")
  execute_process(COMMAND ${NPM_PROGRAM} ci --ignore-scripts --no-audit --no-fund
                  WORKING_DIRECTORY ${TALIB_NPM_DIR} RESULT_VARIABLE npm_rc)
  if(NOT npm_rc EQUAL 0)
    message(FATAL_ERROR "npm ci for the TA-Lib reference failed (${npm_rc})")
  endif()
endif()

file(GLOB TALIB_FUNC_SOURCES ${TALIB_ROOT}/src/ta_func/*.c)
file(GLOB TALIB_TABLE_SOURCES ${TALIB_ROOT}/src/ta_abstract/tables/*.c)
add_library(talib_c STATIC
  ${TALIB_FUNC_SOURCES} ${TALIB_TABLE_SOURCES}
  ${TALIB_ROOT}/src/ta_common/ta_global.c
  ${TALIB_ROOT}/src/ta_common/ta_retcode.c
  ${TALIB_ROOT}/src/ta_common/ta_version.c
  ${TALIB_ROOT}/src/ta_abstract/ta_abstract.c
  ${TALIB_ROOT}/src/ta_abstract/ta_def_ui.c
  ${TALIB_ROOT}/src/ta_abstract/ta_func_api.c
  ${TALIB_ROOT}/src/ta_abstract/ta_group_idx.c
  ${TALIB_ROOT}/src/ta_abstract/frames/ta_frame.c)
target_include_directories(talib_c SYSTEM PUBLIC ${TALIB_ROOT}/include
  PRIVATE ${TALIB_ROOT}/src/ta_common ${TALIB_ROOT}/src/ta_func ${TALIB_ROOT}/src/ta_abstract
          ${TALIB_ROOT}/src/ta_abstract/frames)
target_compile_options(talib_c PRIVATE -w -O2)
