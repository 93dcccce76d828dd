// DumpConfigYaml: writes a Config back as YAML, the text `pulse config show` prints.
#pragma once

#include <map>
#include <string>

#include "app/config/config.h"

namespace pulse::app {

// Every key in documentation order. With `mask_secrets`, set secrets print as "***" and a
// password inside database.url as "postgresql://user:***@host/db". With `origins` (from
// ConfigLoadReport), each value that is not a default gets a "# from <origin>" comment.
// The output loads back into the same Config (when unmasked).
std::string DumpConfigYaml(const Config& config, bool mask_secrets,
                           const std::map<std::string, std::string>* origins = nullptr);

}  // namespace pulse::app
