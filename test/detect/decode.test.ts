import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createDetector } from "../../src/detect/detector.js";
import { BUDGET_SLACK, decodedViews } from "../../src/detect/decode.js";
import { loadRulePack } from "../../src/rules/load.js";
import { fakeGithubToken } from "../helpers/tokens.js";

const rules = (name: string): string => fileURLToPath(new URL(`../../rules/${name}`, import.meta.url));
const pack = await loadRulePack([rules("github.yaml"), rules("generic.yaml"), rules("connection-strings.yaml")]);
const detector = createDetector(pack);

const b64 = (text: string): string => Buffer.from(text, "latin1").toString("base64");
const detect = (text: string, path = "config.txt") => detector.detect({ path, text });

describe("decoding: each encoding is scanned and reported at the encoded span", () => {
  it("base64: a Kubernetes Secret data value", () => {
    const token = fakeGithubToken();
    const encoded = b64(token);
    const text = `apiVersion: v1\nkind: Secret\ndata:\n  token: ${encoded}\n`;
    const [finding, ...rest] = detect(text, "k8s/secret.yaml");
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({ ruleId: "github-pat", decodedFrom: "base64", secret: token });
    expect(finding!.start).toEqual({ line: 4, column: 10 });
    expect(finding!.end).toEqual({ line: 4, column: 10 + encoded.length });
  });

  it("percent-encoding: credentials inside an encoded URL", () => {
    const text = "Location: https%3A%2F%2Fdeploy%3AN1ExpNV3ma2%40git.acme-corp.io%2Frepo.git now";
    const findings = detect(text);
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ ruleId: "url-basic-credentials", decodedFrom: "percent", secret: "N1ExpNV3ma2" });
    expect(findings[0]!.start).toEqual({ line: 1, column: 11 });
    expect(findings[0]!.end).toEqual({ line: 1, column: text.indexOf(" now") + 1 });
  });

  it("string escapes: \\uXXXX and escaped quotes in JSON-in-JSON", () => {
    const token = fakeGithubToken();
    const unicode = detect(`const t = "\\u0067\\u0068p_${token.slice(4)}";`, "src/app.js");
    expect(unicode).toEqual([expect.objectContaining({ ruleId: "github-pat", decodedFrom: "escape", secret: token })]);
    const nested = detect('{"settings": "{\\"password\\": \\"Xq7vR2pLm9wZ\\"}"}', "app.json");
    expect(nested).toEqual([expect.objectContaining({ ruleId: "generic-password-quoted", decodedFrom: "escape", secret: "Xq7vR2pLm9wZ" })]);
  });

  it("hex: a token stored as hex", () => {
    const token = fakeGithubToken();
    const encoded = Buffer.from(token).toString("hex");
    const findings = detect(`blob = ${encoded}\n`);
    expect(findings).toEqual([expect.objectContaining({ ruleId: "github-pat", decodedFrom: "hex", secret: token })]);
    expect(findings[0]!.start).toEqual({ line: 1, column: 8 });
  });

  it("finds depth-2 nesting (base64 of base64) but not depth 3", () => {
    const token = fakeGithubToken();
    const two = detect(`value: ${b64(b64(token))}\n`);
    expect(two).toEqual([expect.objectContaining({ ruleId: "github-pat", decodedFrom: "base64>base64", secret: token })]);
    expect(two[0]!.start).toEqual({ line: 1, column: 8 });
    expect(detect(`value: ${b64(b64(b64(token)))}\n`)).toEqual([]);
  });

  it("does not report a secret twice when the plain text already shows it", () => {
    const token = fakeGithubToken();
    const findings = detect(`token: ${token}\n`);
    expect(findings.map((f) => f.decodedFrom)).toEqual([undefined]);
  });
});

describe("finding encoded runs", () => {
  it("finds a base64 or hex run whatever its offset, length and neighbours", () => {
    // The shortest base64 run that is decoded (16 characters), longer ones, and hex.
    const encoded = [b64("user:pass123"), b64("user:Pa55word-for-the-db"), b64("hunter2 hunter2 hunter2!!"), Buffer.from("key=0123456789abcdef").toString("hex")];
    for (const value of encoded) {
      for (let offset = 0; offset < 40; offset++) {
        // Separators, and the end of another run's padding (an encoded run glued to other letters is another run).
        for (const before of ["", " ", "key: ", '"', "x.y=", "abc=="]) {
          const text = `${" ".repeat(offset)}${before}${value} tail`;
          const views = decodedViews(text);
          expect(views.length, JSON.stringify(text)).toBeGreaterThan(0);
        }
      }
    }
  });

  it("finds a run that starts right after another run's padding", () => {
    for (const value of [b64("user:pass123"), b64("hunter2 hunter2 hunter2!!")]) {
      const text = `short==${value}`;
      expect(decodedViews(text).map((v) => text.slice(v.span.start, v.span.end))).toContain(value);
    }
  });
});

describe("decoding is bounded", () => {
  const materialised = (text: string): number => decodedViews(text).reduce((n, v) => n + v.text.length, 0);

  it("processes 10 MB of base64 garbage in linear time without materialising it", () => {
    const time = (text: string): number => {
      const started = performance.now();
      decodedViews(text);
      return performance.now() - started;
    };
    const oneMb = randomBytes(750_000).toString("base64").replace(/.{76}/g, "$&\n");
    const tenMb = randomBytes(7_500_000).toString("base64").replace(/.{76}/g, "$&\n");
    time(oneMb);
    const small = time(oneMb);
    const large = time(tenMb);
    // Linear: ten times the input costs about ten times as long (generous margin for noisy CI).
    expect(large).toBeLessThan(Math.max(small, 5) * 30);
    expect(materialised(tenMb)).toBe(0);
    expect(decodedViews(tenMb.replace(/\n/g, ""))).toEqual([]);
  });

  it("never materialises more than the chunk's length plus a fixed slack, whatever decodes", () => {
    // Adversarial: thousands of short base64 segments that all decode to printable text, each on
    // a long line so that every view would also copy its context.
    const line = `${"k".repeat(190)} ${b64("printable-text-1234")} ${"v".repeat(190)}\n`;
    const text = line.repeat(5000);
    expect(materialised(text)).toBeLessThanOrEqual(text.length + BUDGET_SLACK);
    expect(materialised(text)).toBeGreaterThan(0);
  });

  it("honours an explicit depth and budget", () => {
    const token = fakeGithubToken();
    expect(decodedViews(b64(b64(token)), { maxDepth: 1 }).map((v) => v.encoding)).toEqual(["base64"]);
    expect(decodedViews(b64(token), { budget: 10 })).toEqual([]);
  });
});
