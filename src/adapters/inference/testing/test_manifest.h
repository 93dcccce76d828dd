// TestManifest: the manifest of a model over `features` columns named f0, f1, ... for tests and
// benchmarks of the inference adapters. Test-only.
#pragma once

#include <cstddef>
#include <string>
#include <utility>

#include <fmt/format.h>

#include "model/model_manifest.h"

namespace pulse::inference {

inline ModelManifest TestManifest(std::string name, std::string format, std::size_t features) {
  // Copied from strings: GCC 12 at -O3 misreports assigning short literals (-Wrestrict).
  static const std::string kVersion = "1";
  ModelManifest m;
  m.name = std::move(name);
  m.version = kVersion;
  m.format = std::move(format);
  for (std::size_t i = 0; i < features; ++i) m.feature_names.push_back(fmt::format("f{}", i));
  return m;
}

}  // namespace pulse::inference
