import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = fileURLToPath(new URL("../src/", import.meta.url));

/** Modules that must stay pure (no file system, processes or git): the functional core. */
const PURE = [/^detect\//, /^report\//, /^rules\/(spec|compile|check|pack)\.ts$/];
const SIDE_EFFECT_IMPORTS = /from\s+["'](node:fs|node:fs\/promises|fs|node:child_process|child_process|isomorphic-git|node:worker_threads)["']/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("architecture", () => {
  it("keeps the detection, rule-compilation and report modules free of I/O", () => {
    const offenders = sourceFiles(SRC)
      .map((file) => relative(SRC, file).split("\\").join("/"))
      .filter((rel) => PURE.some((p) => p.test(rel)))
      .filter((rel) => SIDE_EFFECT_IMPORTS.test(readFileSync(join(SRC, rel), "utf8")));
    expect(offenders).toEqual([]);
  });

  it("never calls process.exit (exit codes are decided in cli/main.ts and applied by bin/)", () => {
    const offenders = sourceFiles(SRC).filter((file) => /process\.exit\(/.test(readFileSync(file, "utf8")));
    expect(offenders).toEqual([]);
  });
});
