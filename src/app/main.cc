// The `pulse` command-line tool.
#include "app/cli.h"

int main(int argc, char** argv) { return pulse::app::RunCli(argc, argv); }
