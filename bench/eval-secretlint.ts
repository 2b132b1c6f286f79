/**
 * Runs secretlint (installed by the user in a directory of its own, never in this project) with
 * its recommended preset over a tree, and maps its JSON report to the findings `npm run eval`
 * scores. Used only when `npm run eval -- --secretlint DIR` is given.
 */
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { promisify } from "node:util";
import type { ScoredFinding } from "./eval-score.js";

const run = promisify(execFile);

interface SecretlintMessage {
  readonly ruleId: string;
  readonly message: string;
  readonly loc: { readonly start: { readonly line: number }; readonly end: { readonly line: number } };
}

interface SecretlintFileResult {
  readonly filePath: string;
  readonly messages: readonly SecretlintMessage[];
}

/** Returns a scanner that runs `DIR/node_modules/.bin/secretlint` with the recommended preset. */
export async function secretlintScanner(installDir: string): Promise<(tree: string) => Promise<ScoredFinding[]>> {
  const bin = join(installDir, "node_modules", ".bin", "secretlint");
  const rcDir = await mkdtemp(join(tmpdir(), "leakhound-secretlintrc-"));
  const rc = join(rcDir, "secretlintrc.json");
  await writeFile(rc, JSON.stringify({ rules: [{ id: "@secretlint/secretlint-rule-preset-recommend" }] }));
  return async (tree) => {
    // The report goes to a file: piped stdout of a large report is cut short when secretlint exits.
    // secretlint exits 1 when it finds something, which is not a failure here.
    const report = join(rcDir, "report.json");
    await run(bin, ["**/*", "--format", "json", "--output", report, "--secretlintrc", rc, "--no-color"], {
      cwd: tree,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((err: { code?: number }) => {
      if (err.code !== 1) throw err;
    });
    const results = JSON.parse(await readFile(report, "utf8")) as SecretlintFileResult[];
    return results.flatMap((file) =>
      file.messages.map((m) => ({
        path: relative(tree, file.filePath).split("\\").join("/"),
        ruleId: m.ruleId,
        confidence: "high" as const,
        match: m.message,
        // secretlint's lines are 1-based like ours.
        start: { line: m.loc.start.line },
        end: { line: m.loc.end.line },
      })),
    );
  };
}
