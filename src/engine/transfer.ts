/**
 * Moves a compiled rule pack to a worker thread. RE2 objects live in native memory and cannot
 * be structured-cloned, so allowlist and path regexes travel as `{ [RE2_MARK]: [source, flags] }`
 * and are recompiled on the other side. A rule's main regex is not sent at all: it is derived
 * state (a lazy getter over `pattern`), so the worker rebuilds the getter and compiles each
 * rule only when one of its keywords first shows up, and the sending thread never compiles the
 * rules it did not need itself. Everything else in a pack is plain data and clones as is;
 * walking it generically keeps this working when rules gain fields.
 */
import RE2 from "re2";
import { compileRulePattern, type Rule } from "../rules/compile.js";
import type { RulePack } from "../rules/pack.js";

const RE2_MARK = "__leakhoundRe2";

/** A structured-clone-safe copy of a rule pack; see {@link revivePack}. */
export type PortablePack = { readonly portable: unknown };

export function toPortablePack(pack: RulePack): PortablePack {
  return { portable: mapDeep(pack, (value) => (value instanceof RE2 ? { [RE2_MARK]: [value.source, value.flags] } : undefined)) };
}

/** Rebuilds the pack in this thread: other regexes compiled now, rules' own on first use. */
export function revivePack(portable: PortablePack): RulePack {
  const pack = mapDeep(portable.portable, (value) => {
    if (value === null || typeof value !== "object" || !(RE2_MARK in value)) return undefined;
    const [source, flags] = (value as Record<string, [string, string]>)[RE2_MARK]!;
    return new RE2(source, flags);
  }) as { rules: Omit<Rule, "regex">[]; allowlists: RulePack["allowlists"] };
  return { ...pack, rules: pack.rules.map(withLazyRegex) };
}

function withLazyRegex(rule: Omit<Rule, "regex">): Rule {
  let compiled: RE2 | undefined;
  return Object.defineProperty({ ...rule }, "regex", {
    enumerable: true,
    get: () => (compiled ??= compileRulePattern(rule.pattern)),
  }) as Rule;
}

/**
 * Copies plain objects, arrays, Sets and Maps, letting `replace` substitute any value it
 * recognises. Accessor properties (lazily derived state) are left out: reading them would
 * force the work they defer.
 */
function mapDeep(value: unknown, replace: (value: unknown) => unknown): unknown {
  const replaced = replace(value);
  if (replaced !== undefined) return replaced;
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map((v) => mapDeep(v, replace));
  if (value instanceof Set) return new Set([...value].map((v) => mapDeep(v, replace)));
  if (value instanceof Map) return new Map([...value].map(([k, v]) => [k, mapDeep(v, replace)]));
  const out: Record<string, unknown> = {};
  for (const [k, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(value))) {
    if ("value" in descriptor) out[k] = mapDeep(descriptor.value, replace);
  }
  return out;
}
