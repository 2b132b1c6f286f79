/**
 * Config `include` / `exclude` applied to any source's chunks, so the staged, history and range
 * modes honour them exactly like the working-tree walk (which also gets `exclude` to prune
 * directories early).
 */
import type { Source } from "../sources/source.js";
import { compilePathPatterns } from "./path-pattern.js";

export function filterSourcePaths(source: Source, include: readonly string[], exclude: readonly string[]): Source {
  if (include.length === 0 && exclude.length === 0) return source;
  const included = include.length > 0 ? compilePathPatterns(include) : undefined;
  const excluded = compilePathPatterns(exclude);
  const keep = (path: string): boolean => (included === undefined || included.matches(path)) && !excluded.matches(path);
  return async function* (signal) {
    for await (const event of source(signal)) {
      // Out-of-scope files produce neither findings nor notices (too large, binary, unreadable).
      const path = event.type === "chunk" ? event.chunk.path : event.type === "notice" ? event.notice.path : undefined;
      if (path === undefined || keep(path)) yield event;
    }
  };
}
