/**
 * The audit benchmark's code host, in its own process (the runner measures with spawnSync, which
 * would block a server in its own event loop): the loopback GitHub API and git-over-HTTP mock of
 * the audit tests, serving the generated repositories. Prints its URL, then serves until killed.
 *
 *   node --import tsx bench/audit-host.ts REPO.git…
 */
import { basename } from "node:path";
import { startMockHost } from "../test/audit/helpers/mock-host.js";

const repositories = process.argv.slice(2).map((bareDir) => ({
  name: basename(bareDir, ".git"),
  bareDir,
  // Fixed: the generated repositories never change between the two audits.
  pushedAt: "2025-01-01T00:00:00Z",
}));
const host = await startMockHost({ owner: "bench", repositories, pageSize: 100 });
process.stdout.write(`${host.url}\n`);
