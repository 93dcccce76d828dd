# Helpers that give every module the same shape.
#
#   pulse_module(NAME <target> [DEPS ...] [PRIVATE_DEPS ...] [TEST_DEPS ...] [TEST_LABEL l])
#     One static library per module from every *.cc below the current directory except
#     *_test.cc and main.cc, include root src/, warnings as errors. When *_test.cc files exist, one
#     GoogleTest binary <target>_test holds them all, registered with CTest under the label.
#
#   pulse_test_binary(NAME <binary> SOURCES ... DEPS ... LABEL <tier>)
#     A test binary outside src/ (integration, contract, e2e tiers).
set(PULSE_WARNINGS -Wall -Wextra -Werror)

function(pulse_test_binary)
  cmake_parse_arguments(T "" "NAME;LABEL" "SOURCES;DEPS" ${ARGN})
  if(NOT PULSE_BUILD_TESTS)
    return()
  endif()
  add_executable(${T_NAME} ${T_SOURCES})
  target_compile_options(${T_NAME} PRIVATE ${PULSE_WARNINGS})
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/src ${PROJECT_SOURCE_DIR}/tests)
  target_link_libraries(${T_NAME} PRIVATE ${T_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
  # One variable only: gtest_discover_tests cannot pass a list. Tests find the reference data at
  # PULSE_SHARED_DATA when set (by hand), else at $PULSE_SOURCE_DIR/../shared/data.
  gtest_discover_tests(${T_NAME}
    PROPERTIES LABELS ${T_LABEL}
               ENVIRONMENT "PULSE_SOURCE_DIR=${PROJECT_SOURCE_DIR}"
    DISCOVERY_TIMEOUT 60)
endfunction()

function(pulse_module)
  cmake_parse_arguments(M "" "NAME;TEST_LABEL" "DEPS;PRIVATE_DEPS;TEST_DEPS" ${ARGN})
  file(GLOB_RECURSE all_sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/*.cc)
  set(lib_sources "")
  set(test_sources "")
  foreach(f ${all_sources})
    if(f MATCHES "/main\\.cc$")
      continue()
    elseif(f MATCHES "_test\\.cc$")
      list(APPEND test_sources ${f})
    else()
      list(APPEND lib_sources ${f})
    endif()
  endforeach()
  if(NOT lib_sources)
    # A module with headers only (or not yet written) is an interface target.
    add_library(${M_NAME} INTERFACE)
    target_include_directories(${M_NAME} INTERFACE ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(${M_NAME} INTERFACE ${M_DEPS} ${M_PRIVATE_DEPS})
  else()
    add_library(${M_NAME} STATIC ${lib_sources})
    target_include_directories(${M_NAME} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_compile_options(${M_NAME} PRIVATE ${PULSE_WARNINGS})
    target_link_libraries(${M_NAME} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
  endif()
  if(test_sources AND PULSE_BUILD_TESTS)
    if(NOT M_TEST_LABEL)
      set(M_TEST_LABEL unit)
    endif()
    pulse_test_binary(NAME ${M_NAME}_test SOURCES ${test_sources}
                      DEPS ${M_NAME} ${M_TEST_DEPS} LABEL ${M_TEST_LABEL})
  endif()
endfunction()
