import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";

const PROGRAM = `
import { detectStream } from "./src/engine/detect-stream.ts";
import { workerDetector } from "./src/engine/threads.ts";
import { createDetector } from "./src/detect/detector.ts";
import { testPack } from "./test/engine/test-pack.ts";
const pack = testPack();
async function* events() { for (let i = 0; i < 20; i++) yield { type: "chunk", chunk: { path: "f" + i, text: "token ".repeat(1000) } }; }
let n = 0;
for await (const e of detectStream(events(), { inline: createDetector(pack), pool: workerDetector(2, pack, {}), inlineLimit: 0 })) n++;
console.log("events", n);
`;

describe("worker pool", () => {
  it("lets the process exit once a scan is done (idle workers hold no reference)", () => {
    const child = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", PROGRAM], { cwd: process.cwd(), timeout: 60_000, encoding: "utf8" });
    expect(child.stderr).toBe("");
    expect(child.stdout.trim()).toBe("events 20");
    expect(child.status).toBe(0);
  });
});
