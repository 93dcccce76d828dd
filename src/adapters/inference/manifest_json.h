// Reading and writing a model's manifest: the `<model file>.manifest.json` beside every model
// file (see model/model_manifest.h for the fields and README.md for an example).
#pragma once

#include <string>

#include "core/status.h"
#include "model/model_manifest.h"

namespace pulse::inference {

// "<model_path>.manifest.json".
std::string ManifestPathFor(const std::string& model_path);

// Reads and validates a manifest. NotFound when the file is missing; InvalidArgument naming the
// file and the field when the JSON is malformed, a required field (name, version, format,
// feature_names) is missing, a field has the wrong type, a key is unknown, or the calibration
// fails CheckCalibration (probability_calibration.h); a manifest without "calibration" loads
// with none. A missing
// model_file is filled in from the manifest's own name (minus ".manifest.json").
// Thread-safe.
Result<ModelManifest> ReadManifest(const std::string& path);

// Writes the manifest as pretty JSON with keys in a fixed order (the order of ModelManifest's
// fields; test_metrics in their own order), through a temporary file renamed into place.
// Time windows are written as ISO-8601 UTC. Thread-safe for distinct paths.
Status WriteManifest(const std::string& path, const ModelManifest& manifest);

}  // namespace pulse::inference
