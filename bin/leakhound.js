#!/usr/bin/env node
import { main } from "../dist/cli/main.js";

// The exit code is decided in main(); the bin only applies it. Anything thrown past main()
// is a bug, and a bug must never look like "no leaks" (exit 0), so it maps to 2.
main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { console.error(`leakhound: internal error: ${err?.stack ?? err}`); process.exitCode = 2; },
);
