/**
 * Inputs built to make a scanner super-linear: one 50 MB line full of keyword hits, a 20 MB line
 * with sparse hits, 80 million "=" and 40 million "a" (the issue asks for 10 million; at that size
 * a scan took under 0.1 s above start-up, too little to tell linear from noise), base64 nested 45
 * levels deep around a key (~30 MB). Each is written at a given scale (1 = the sizes above) so the
 * runner can check that doubling the input about doubles the time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Prng } from "../lib/prng.js";
import { fakeSecretLine } from "./code-text.js";

export interface AdversarialCase {
  readonly name: string;
  readonly file: string;
  readonly bytes: number;
}

export function writeAdversarialInputs(dir: string, scale: number): AdversarialCase[] {
  mkdirSync(dir, { recursive: true });
  const prng = new Prng(0xad5);
  const cases: [string, string][] = [
    ["single-line-50MB", keywordLine(Math.round(50e6 * scale))],
    ["sparse-hits-line-20MB", sparseKeywordLine(Math.round(20e6 * scale))],
    ["80M-equals", "=".repeat(Math.round(80e6 * scale))],
    ["40M-a", "a".repeat(Math.round(40e6 * scale))],
    ["nested-base64", nestedBase64(`${fakeSecretLine(prng)}\npassword = "x7Qp2LmZ9vRt"\n`, Math.round(45 + Math.log(scale) / Math.log(4 / 3)))],
  ];
  return cases.map(([name, text]) => {
    const file = join(dir, `${name}.txt`);
    writeFileSync(file, text);
    return { name, file, bytes: text.length };
  });
}

/** One line of "key=value" pairs whose keys are rule keywords: every few bytes is a keyword hit. */
function keywordLine(bytes: number): string {
  const unit = 'token="abc";password=xyz;github_url=https://x.y/z;AKIA=1;secret:';
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/**
 * One line with a keyword every 2,000 characters: windows around the hits do not merge, so
 * anything that searches to the line's ends per window (instead of a bounded distance) is quadratic.
 */
function sparseKeywordLine(bytes: number): string {
  const unit = `${"x".repeat(1990)}password=`;
  return unit.repeat(Math.ceil(bytes / unit.length)).slice(0, bytes);
}

/** `text` base64-encoded `levels` times (each level 4/3 larger). */
function nestedBase64(text: string, levels: number): string {
  let out = text;
  for (let i = 0; i < levels; i++) out = Buffer.from(out).toString("base64");
  return out;
}
