import type { Allowlist, Rule } from "./compile.js";

/** A compiled, validated set of rules plus the allowlists that apply to all of them. */
export interface RulePack {
  readonly rules: readonly Rule[];
  readonly allowlists: readonly Allowlist[];
}
