/**
 * Runs every rule's own examples through the full detector (keyword prefilter, regex, entropy,
 * allowlists, validators). One function serves `leakhound rules test`, and the test suite, so a
 * rule added to a data file is tested with no test code written.
 *
 * Semantics: a positive example must yield a finding of the rule at the rule's declared
 * confidence (and, when given, exactly the stated secret); a negative example must yield none at
 * that confidence (a checksum failure that downgrades to "low" counts as not reported).
 */
import { createDetector } from "../detect/detector.js";
import type { Finding } from "../types.js";
import type { Rule } from "./compile.js";
import type { RulePack } from "./pack.js";
import { exampleText, type Example, type RuleIssue } from "./spec.js";

export const MIN_EXAMPLES = 2;

export interface ExampleOutcome {
  readonly ruleId: string;
  readonly kind: "positive" | "negative";
  readonly text: string;
  readonly ok: boolean;
  readonly problem?: string;
}

function examplePath(example: Example): string {
  return typeof example === "string" ? "example.txt" : (example.path ?? "example.txt");
}

/** Runs one rule's examples; returns one outcome per example. */
export function runRuleExamples(rule: Rule, pack: RulePack): ExampleOutcome[] {
  const detector = createDetector({ rules: [rule], allowlists: pack.allowlists });
  const hits = (example: Example): Finding[] =>
    detector
      .detect({ path: examplePath(example), text: exampleText(example) })
      .filter((f) => f.ruleId === rule.id && f.confidence === rule.confidence);
  const positives = rule.examples.map((example): ExampleOutcome => {
    const found = hits(example);
    const wanted = typeof example === "string" ? undefined : example.secret;
    const problem =
      found.length === 0
        ? `positive example not detected at confidence ${rule.confidence}`
        : wanted !== undefined && !found.some((f) => f.secret === wanted)
          ? `expected secret ${JSON.stringify(wanted)}, got ${JSON.stringify(found.map((f) => f.secret))}`
          : undefined;
    return { ruleId: rule.id, kind: "positive", text: exampleText(example), ok: !problem, ...(problem ? { problem } : {}) };
  });
  const negatives = rule.negative.map((example): ExampleOutcome => {
    const found = hits(example);
    const problem = found.length > 0 ? `negative example matched: ${JSON.stringify(found.map((f) => f.secret))}` : undefined;
    return { ruleId: rule.id, kind: "negative", text: exampleText(example), ok: !problem, ...(problem ? { problem } : {}) };
  });
  return [...positives, ...negatives];
}

/** Lints the pack and runs all examples; returns every problem (empty = healthy pack). */
export function checkRulePack(pack: RulePack): RuleIssue[] {
  const issues: RuleIssue[] = [];
  for (const rule of pack.rules) {
    const at = { file: rule.source, rule: rule.id };
    if (rule.examples.length < MIN_EXAMPLES) issues.push({ ...at, message: `needs ≥ ${MIN_EXAMPLES} positive examples` });
    if (rule.negative.length < MIN_EXAMPLES) issues.push({ ...at, message: `needs ≥ ${MIN_EXAMPLES} negative examples` });
    for (const outcome of runRuleExamples(rule, pack)) {
      if (!outcome.ok) issues.push({ ...at, message: `${outcome.problem}: ${JSON.stringify(outcome.text.slice(0, 120))}` });
    }
  }
  return issues;
}
