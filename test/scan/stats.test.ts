import { describe, expect, it } from "vitest";
import { runScan } from "../../src/scan/scan.js";
import { loadRulePack } from "../../src/rules/load.js";
import type { Source } from "../../src/sources/source.js";

const pack = await loadRulePack();

describe("scan statistics", () => {
  it("counts skipped files and errors, but not notices about the scan as a whole", async () => {
    const source: Source = async function* () {
      yield { type: "notice", notice: { level: "warning", code: "SHALLOW_HISTORY", message: "shallow clone" } };
      yield { type: "notice", notice: { level: "warning", code: "GIT_ERROR", message: "no git binary: isomorphic-git fallback" } };
      yield { type: "notice", notice: { level: "note", code: "BINARY_SKIPPED", path: "a.bin", message: "binary" } };
      yield { type: "notice", notice: { level: "error", code: "READ_ERROR", path: "b.txt", message: "permission denied" } };
      yield { type: "chunk", chunk: { path: "c.txt", text: "hello\n" } };
    };
    const { stats } = await runScan({ source, pack, root: "/", threads: 1 });
    expect(stats).toMatchObject({ filesScanned: 1, filesSkipped: 1, errors: 1 });
  });
});
