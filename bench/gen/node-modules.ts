/**
 * A deterministic `node_modules`-like tree (no network): packages with package.json, README,
 * CommonJS sources, type declarations, minified bundles (long lines) and source maps (one very
 * long line), scoped and nested packages. Built once per size and reused (a `.complete` marker
 * says the tree is whole).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Prng } from "../lib/prng.js";
import { LinePool } from "./code-text.js";

const GENERATOR_VERSION = 2;

export function generateNodeModules(parent: string, totalBytes: number): string {
  const root = join(parent, `node_modules-v${GENERATOR_VERSION}-${totalBytes}`);
  if (existsSync(join(root, ".complete"))) return root;
  rmSync(root, { recursive: true, force: true });
  const prng = new Prng(0x6e6d);
  const pool = new LinePool(prng);
  let written = 0;
  const write = (path: string, text: string): void => {
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, text);
    written += text.length;
  };
  for (let p = 0; written < totalBytes; p++) {
    const scope = p % 7 === 0 ? `@scope${p % 13}/` : "";
    const dir = join(root, "node_modules", `${scope}pkg-${p}`);
    write(join(dir, "package.json"), JSON.stringify({ name: `${scope}pkg-${p}`, version: `1.${p % 10}.${p % 7}`, main: "lib/index.js", license: "MIT" }, null, 2));
    write(join(dir, "README.md"), `# pkg-${p}\n\n${pool.take(prng, 2_000).join("\n")}\n`);
    for (let f = 0; f < 4 + prng.int(8); f++) write(join(dir, "lib", `mod-${f}.js`), `${pool.take(prng, 2_000 + prng.int(30_000)).join("\n")}\n`);
    write(join(dir, "index.d.ts"), `${pool.take(prng, 4_000).join("\n")}\n`);
    if (p % 3 === 0) {
      // Minified bundle: few, very long lines.
      const bundle = pool.take(prng, 150_000 + prng.int(300_000)).join(";");
      write(join(dir, "dist", "bundle.min.js"), bundle);
      write(join(dir, "dist", "bundle.min.js.map"), JSON.stringify({ version: 3, mappings: bundle.slice(0, 100_000).replace(/[^A-Za-z0-9+/]/g, "A") }));
    }
    if (p % 11 === 0) write(join(dir, "node_modules", `dep-${p}`, "index.js"), `${pool.take(prng, 8_000).join("\n")}\n`);
  }
  writeFileSync(join(root, ".complete"), "");
  return root;
}
