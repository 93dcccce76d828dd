# Third-party libraries, all from Debian packages (scripts/install-deps installs them).
find_package(Threads REQUIRED)
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json REQUIRED)
find_package(CLI11 REQUIRED)
find_package(SQLite3 REQUIRED)
find_package(ZLIB REQUIRED)
find_package(prometheus-cpp CONFIG REQUIRED COMPONENTS core)
find_package(PkgConfig REQUIRED)
# libpqxx ships no usable CMake config in Debian: use pkg-config.
pkg_check_modules(PQXX REQUIRED IMPORTED_TARGET libpqxx)
# libdeflate (libdeflate-dev): whole-buffer gzip inflation of candle and trade files, about
# three times zlib's speed.
pkg_check_modules(LIBDEFLATE REQUIRED IMPORTED_TARGET libdeflate)
# xxHash (libxxhash-dev): feature-vector hashes and run fingerprints.
pkg_check_modules(XXHASH REQUIRED IMPORTED_TARGET libxxhash)
# Models: libxgboost-dev (+ the xgboost package for its CMake config); OpenCV's DNN module has no
# CMake config or .pc without the full libopencv-dev, so find its headers and libraries directly.
find_package(xgboost CONFIG REQUIRED)
# IANA time zones (date/tz.h over /usr/share/zoneinfo) for the risk engine's calendar days.
find_package(date CONFIG REQUIRED)
find_path(OPENCV_DNN_INCLUDE_DIR opencv2/dnn.hpp PATHS /usr/include/opencv4 REQUIRED)
find_library(OPENCV_DNN_LIBRARY opencv_dnn REQUIRED)
find_library(OPENCV_CORE_LIBRARY opencv_core REQUIRED)
if(PULSE_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(PULSE_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
