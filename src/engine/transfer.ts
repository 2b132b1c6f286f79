/**
 * Moves a compiled rule pack to a worker thread. RE2 objects live in native memory and cannot
 * be structured-cloned, so they travel as `{ [RE2_MARK]: [source, flags] }` and are recompiled
 * on the other side; everything else in a pack is plain data and clones as is. Walking the
 * pack generically (instead of listing Rule fields) keeps this working when rules gain fields.
 */
import RE2 from "re2";
import type { RulePack } from "../rules/pack.js";

const RE2_MARK = "__leakhoundRe2";

/** A structured-clone-safe copy of a rule pack; see {@link revivePack}. */
export type PortablePack = { readonly portable: unknown };

export function toPortablePack(pack: RulePack): PortablePack {
  return { portable: mapDeep(pack, (value) => (value instanceof RE2 ? { [RE2_MARK]: [value.source, value.flags] } : undefined)) };
}

/** Rebuilds the pack in this thread, compiling every regex once. */
export function revivePack(portable: PortablePack): RulePack {
  return mapDeep(portable.portable, (value) => {
    if (value === null || typeof value !== "object" || !(RE2_MARK in value)) return undefined;
    const [source, flags] = (value as Record<string, [string, string]>)[RE2_MARK]!;
    return new RE2(source, flags);
  }) as RulePack;
}

/** Copies plain objects, arrays, Sets and Maps, letting `replace` substitute any value it recognises. */
function mapDeep(value: unknown, replace: (value: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => mapDeep(v, replace));
  if (value instanceof Set) return new Set([...value].map((v) => mapDeep(v, replace)));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, mapDeep(v, replace)]));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = mapDeep(v, replace);
  return out;
}
