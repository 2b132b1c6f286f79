import type { Command } from "commander";
import { loadRulePack } from "../../rules/load.js";
import { runRuleExamples } from "../../rules/check.js";
import { ExitCode, type CliIo } from "../io.js";
import type { ExitSlot } from "../main.js";

export function registerRulesCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  const rules = program.command("rules").description("List the rule pack, or test rule files against their own examples.");
  rules
    .command("list")
    .description("List rules: id, severity, confidence, keywords.")
    .option("--format <format>", "text or json", "text")
    .option("--rules <path...>", "rule files or directories instead of the built-in pack")
    .action(async (opts: { format: string; rules?: string[] }) => {
      const pack = await loadRulePack(opts.rules);
      if (opts.format === "json") {
        const list = pack.rules.map((r) => ({
          id: r.id, name: r.name, severity: r.severity, confidence: r.confidence, keywords: r.keywords, tags: r.tags,
          remediation: r.remediation, source: r.source.slice(r.source.lastIndexOf("/") + 1),
        }));
        io.stdout(`${JSON.stringify(list, null, 2)}\n`);
        return;
      }
      const width = Math.max(...pack.rules.map((r) => r.id.length), 2);
      for (const r of pack.rules) io.stdout(`${r.id.padEnd(width)}  ${r.severity.padEnd(8)}  ${r.confidence.padEnd(6)}  ${r.keywords.join(", ")}\n`);
      io.stdout(`${pack.rules.length} rules\n`);
    });
  rules
    .command("test")
    .description("Run the examples of rule files (yours or the built-in pack) through the full detector.")
    .argument("[files...]", "rule files or directories (default: the built-in pack)")
    .action(async (files: string[]) => {
      const pack = await loadRulePack(files.length ? files : undefined);
      let failed = 0;
      let total = 0;
      for (const rule of pack.rules) {
        for (const outcome of runRuleExamples(rule, pack)) {
          total++;
          if (outcome.ok) continue;
          failed++;
          io.stdout(`FAIL ${rule.id} (${rule.source}): ${outcome.problem}\n     ${JSON.stringify(outcome.text.slice(0, 160))}\n`);
        }
        if (rule.examples.length < 2 || rule.negative.length < 2) {
          failed++;
          io.stdout(`FAIL ${rule.id} (${rule.source}): needs ≥ 2 positive and ≥ 2 negative examples\n`);
        }
      }
      io.stdout(`${pack.rules.length} rules, ${total} examples: ${total - failed} passed, ${failed} failed\n`);
      if (failed > 0) exit.code = ExitCode.Leaks;
    });
}
