// DumpConfigYaml: writes a Config back as YAML, the text `pulse config show` prints.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>

#include "app/config/config.h"

namespace pulse::app {

// Every key in documentation order. With `mask_secrets`, set secrets print as "***" and a
// password inside database.url as "postgresql://user:***@host/db". With `origins` (from
// ConfigLoadReport), each value that is not a default gets a "# from <origin>" comment. Keys
// whose path starts with one of `skip_prefixes` ("risk.forecast.") are left out. The output
// loads back into the same Config (when unmasked and nothing is skipped).
std::string DumpConfigYaml(const Config& config, bool mask_secrets,
                           const std::map<std::string, std::string>* origins = nullptr,
                           std::span<const std::string_view> skip_prefixes = {});

}  // namespace pulse::app
