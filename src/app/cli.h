// RunCli: parses the command line and runs one `pulse` command; returns the exit status.
#pragma once

namespace pulse::app {

// Exit status 0 on success, 1 on a failed check (e.g. unusable data), 2 on bad input.
int RunCli(int argc, char** argv);

}  // namespace pulse::app
