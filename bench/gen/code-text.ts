/**
 * Deterministic code-like text for generated benchmark inputs: identifiers, calls, strings,
 * comments, config lines, and the words rules look for ("token", "password", "secret", URLs)
 * in about one line in 30 (golangci-lint's source has a keyword hit every ~300 bytes), so the
 * keyword prefilter and the regex stage see the kind of hits real code gives them. Fake secrets
 * (random, format-valid, never real) are planted on request.
 */
import { Prng } from "../lib/prng.js";

const WORDS = [
  "client", "server", "config", "handler", "request", "response", "buffer", "context", "logger", "parser",
  "options", "result", "value", "index", "cache", "session", "user", "account", "payload", "stream",
  "header", "module", "export", "format", "writer", "reader", "event", "state", "node", "entry",
];
const SENSITIVE_WORDS = ["token", "password", "secret", "github", "apiKey", "auth", "credentials"];
const KEYWORDS = ["const", "let", "return", "if", "func", "def", "var", "import", "type", "for"];
const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

function identifier(prng: Prng): string {
  const a = prng.int(30) === 0 ? prng.pick(SENSITIVE_WORDS) : prng.pick(WORDS);
  const b = prng.pick(WORDS);
  return prng.int(2) ? `${a}${b[0]!.toUpperCase()}${b.slice(1)}` : `${a}_${b}`;
}

/** One line of plausible source code or configuration. */
export function codeLine(prng: Prng): string {
  const indent = "  ".repeat(prng.int(4));
  switch (prng.int(10)) {
    case 0:
      return `${indent}// ${identifier(prng)} ${prng.pick(WORDS)} ${prng.pick(WORDS)} handling, see https://example.com/${prng.pick(WORDS)}`;
    case 1:
      return `${indent}${prng.pick(KEYWORDS)} ${identifier(prng)} = "${prng.chars(ALNUM, 4 + prng.int(12))}"`;
    case 2:
      return `${indent}${identifier(prng)}: ${prng.int(100000)}`;
    case 3:
      return "";
    case 4:
      return `${indent}if err := ${identifier(prng)}(${identifier(prng)}, ${prng.int(64)}); err != nil {`;
    default:
      return `${indent}${prng.pick(KEYWORDS)} ${identifier(prng)}(${identifier(prng)}, ${identifier(prng)}.${prng.pick(WORDS)}) { return ${prng.int(1000)} }`;
  }
}

/** A line assigning a fake, format-valid AWS access key id (planted so scans have findings). */
export function fakeSecretLine(prng: Prng): string {
  return `aws_access_key_id = "AKIA${prng.chars(BASE32, 16)}"`;
}

/**
 * A pool of code lines generated once; files are cut from it at random offsets, which is much
 * faster than generating every line of hundreds of MB one by one.
 */
export class LinePool {
  private readonly lines: string[];

  constructor(prng: Prng, size = 200_000) {
    this.lines = Array.from({ length: size }, () => codeLine(prng));
  }

  /** About `bytes` of consecutive pool lines starting at a random place. */
  take(prng: Prng, bytes: number): string[] {
    const out: string[] = [];
    let size = 0;
    for (let i = prng.int(this.lines.length); size < bytes; i = (i + 1) % this.lines.length) {
      const line = this.lines[i]!;
      out.push(line);
      size += line.length + 1;
    }
    return out;
  }
}
