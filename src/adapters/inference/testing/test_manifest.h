// TestManifest: the manifest of a model over `features` columns named f0, f1, ... for tests and
// benchmarks of the inference adapters. Test-only.
#pragma once

#include <cstddef>
#include <string>

#include "model/model_manifest.h"

namespace pulse::inference {

inline ModelManifest TestManifest(const std::string& name, const std::string& format,
                                  std::size_t features) {
  ModelManifest m;
  m.name = name;
  m.version = std::string("1");  // from a string: GCC 12 -O3 misreports short literals (-Wrestrict)
  m.format = format;
  for (std::size_t i = 0; i < features; ++i) m.feature_names.push_back("f" + std::to_string(i));
  return m;
}

}  // namespace pulse::inference
