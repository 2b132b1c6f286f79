// Runs the CLI from source in a child process (tests that need a real process: other users,
// real stdin/TTY, exit codes as the shell sees them), without requiring a build.
import { main } from "../../src/cli/main.js";

process.exitCode = await main(process.argv.slice(2));
