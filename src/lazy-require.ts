/**
 * Loads a dependency on first use instead of at start-up. Every command pays for the modules it
 * imports before it does anything; the YAML parser, the JSON-schema validator and the file
 * walker are only needed by some paths (a rule-pack cache miss, a config file, a work-tree
 * scan), and loading them eagerly cost a pre-commit run ~60 ms. These packages are CommonJS,
 * so `require` loads them synchronously and callers stay synchronous.
 */
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

export function lazyRequire<T>(id: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= require(id) as T);
}
