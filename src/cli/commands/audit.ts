/**
 * `leakhound audit`: audit every repository of a GitHub org/user, a GitLab group or a repos file
 * into a state directory, incrementally; plus `audit triage`, `audit merge` and `audit report`.
 */
import { Option, type Command } from "commander";
import { resolve } from "node:path";
import { createDetector, type Detector } from "../../detect/detector.js";
import { LeakhoundError } from "../../errors.js";
import { loadRulePack, BUILTIN_RULES_DIR } from "../../rules/load.js";
import type { Confidence } from "../../types.js";
import { runAudit, type AuditSummary } from "../../audit/audit.js";
import { resolveInventory, type InventorySource } from "../../audit/inventory.js";
import { mergeState } from "../../audit/merge.js";
import { mirrorHistorySource } from "../../audit/mirror-history.js";
import { createProgress, formatDuration } from "../../audit/progress.js";
import { formatBytes } from "../../report/text.js";
import { loadReportData } from "../../audit/report-data.js";
import { AUDIT_FORMATS, auditFormatters, type AuditFormatName } from "../../audit/report.js";
import { inShard, parseShard } from "../../audit/shard.js";
import { AuditState, TRIAGE_STATUSES, type TriageStatus } from "../../audit/state.js";
import { ExitCode, type CliIo } from "../io.js";
import type { ExitSlot } from "../main.js";
import { writeReport } from "../output.js";
import { parseConfidence, parsePositiveInt } from "../parse.js";

export interface AuditRunOptions {
  readonly githubOrg?: string;
  readonly githubUser?: string;
  readonly gitlabGroup?: string;
  readonly repos?: string;
  readonly apiUrl?: string;
  readonly tokenEnv?: string;
  readonly includeForks?: boolean;
  readonly includeArchived?: boolean;
  readonly repoGlob?: string;
  readonly state: string;
  readonly cache?: string;
  readonly concurrency: number;
  readonly shard?: string;
  readonly rules?: string[];
  readonly minConfidence: Confidence;
}

function inventorySource(opts: AuditRunOptions, io: CliIo): InventorySource {
  const given: InventorySource[] = [
    ...(opts.githubOrg ? [{ kind: "github-org", owner: opts.githubOrg } as const] : []),
    ...(opts.githubUser ? [{ kind: "github-user", owner: opts.githubUser } as const] : []),
    ...(opts.gitlabGroup ? [{ kind: "gitlab-group", group: opts.gitlabGroup } as const] : []),
    ...(opts.repos ? [{ kind: "repos-file", file: resolve(io.cwd, opts.repos) } as const] : []),
  ];
  if (given.length !== 1) {
    throw new LeakhoundError("USAGE", "leakhound audit needs exactly one of --github-org, --github-user, --gitlab-group or --repos", {
      details: ["e.g. leakhound audit --github-org acme --state audit-state"],
    });
  }
  return given[0]!;
}

export async function runAuditCommand(opts: AuditRunOptions, io: CliIo): Promise<ExitCode> {
  const source = inventorySource(opts, io);
  const shard = opts.shard === undefined ? undefined : parseShard(opts.shard, io.env);
  const tokenEnv = opts.tokenEnv ?? (source.kind === "gitlab-group" ? "GITLAB_TOKEN" : "GITHUB_TOKEN");
  const token = source.kind === "repos-file" ? undefined : io.env[tokenEnv] || undefined;
  const log = (line: string): void => io.stderr(`${line}\n`);
  const inventory = await resolveInventory({
    source,
    ...(opts.apiUrl ? { apiUrl: opts.apiUrl } : {}),
    ...(token ? { token } : {}),
    includeForks: opts.includeForks === true,
    includeArchived: opts.includeArchived === true,
    ...(opts.repoGlob ? { repoGlob: opts.repoGlob } : {}),
    log,
  });
  const entries = inShard(inventory, (e) => e.repo.id, shard);
  const shardText = shard ? ` (shard ${shard.index}/${shard.count} of ${inventory.length})` : "";
  log(`leakhound audit: ${entries.length} repositories${shardText}${token ? "" : source.kind === "repos-file" ? "" : ` (no token in ${tokenEnv}: public repositories only)`}`);
  // User rule files are validated before any work; the built-in pack is compiled only if a repository changed.
  const loadDetector = async (): Promise<Detector> => createDetector(await loadRulePack(opts.rules ?? [BUILTIN_RULES_DIR]), { minConfidence: opts.minConfidence });
  let detector = opts.rules ? Promise.resolve(await loadDetector()) : undefined;
  const stateDir = resolve(io.cwd, opts.state);
  const state = AuditState.open(stateDir);
  let summary: AuditSummary;
  let open: number;
  try {
    summary = await runAudit({
      entries,
      state,
      cacheDir: resolve(io.cwd, opts.cache ?? resolve(stateDir, "mirrors")),
      detector: () => (detector ??= loadDetector()),
      blobSource: mirrorHistorySource,
      concurrency: opts.concurrency,
      progress: createProgress(io.stderr, io.isTTY),
    });
    open = state.openFindingCount();
  } finally {
    state.close();
  }
  log(
    `leakhound audit: ${summary.repositories} repositories (${summary.unchanged} unchanged), ${summary.blobsScanned} blobs ` +
      `(${formatBytes(summary.bytesScanned)}) scanned, ${summary.newFindings} new findings, in ${formatDuration(summary.durationMs)}`,
  );
  for (const failure of summary.failed) log(`leakhound audit: ${failure.id} failed: ${failure.message}`);
  if (summary.failed.length > 0) return ExitCode.Error;
  return open > 0 ? ExitCode.Leaks : ExitCode.Clean;
}

function parseStatus(value: string): TriageStatus {
  if (!(TRIAGE_STATUSES as readonly string[]).includes(value)) {
    throw new LeakhoundError("USAGE", `--status must be one of ${TRIAGE_STATUSES.join(", ")}, got "${value}"`);
  }
  return value as TriageStatus;
}

export function registerAuditCommand(program: Command, io: CliIo, exit: ExitSlot): void {
  const audit = program
    .command("audit")
    .description("Audit every repository of an organization (GitHub, GitLab, or a repos file), incrementally; triage, merge shards, report.");
  // The audit itself is the default subcommand, so `audit --state` and `audit report --state` do not clash.
  audit
    .command("run", { isDefault: true })
    .description("Audit every repository of an organization (GitHub, GitLab, or a repos file), incrementally.")
    .option("--github-org <org>", "audit the repositories of a GitHub organization")
    .option("--github-user <user>", "audit the repositories a GitHub user owns")
    .option("--gitlab-group <group>", "audit the projects of a GitLab group and its subgroups")
    .option("--repos <file>", "audit the clone URLs or local paths listed in a file (one per line, # comments)")
    .option("--api-url <url>", "API root for GitHub Enterprise (https://HOST/api/v3) or self-hosted GitLab (https://HOST/api/v4)")
    .option("--token-env <name>", "environment variable holding the API and git token (default GITHUB_TOKEN; GITLAB_TOKEN for --gitlab-group)")
    .option("--include-forks", "also audit forks")
    .option("--include-archived", "also audit archived repositories")
    .option("--repo-glob <glob>", "only repositories whose owner/name matches (* ? **)")
    .requiredOption("--state <dir>", "state directory (SQLite): what was scanned, findings, triage")
    .option("--cache <dir>", "mirror cache directory (default: <state>/mirrors)")
    .option("--concurrency <n>", "repositories audited in parallel", parsePositiveInt, 4)
    .option("--shard <I/N>", "audit only shard I of N (stable hash partition); auto/N reads JOB_COMPLETION_INDEX")
    .option("--rules <path...>", "rule files or directories to use instead of the built-in pack")
    .option("--min-confidence <level>", "record findings at or above this confidence: high, medium, low", parseConfidence, "low")
    .action(async (opts: AuditRunOptions) => {
      exit.code = await runAuditCommand(opts, io);
    });

  audit
    .command("triage")
    .description("Set the status of a finding (by fingerprint); it survives later audits and shows in reports.")
    .argument("<fingerprint>", "the finding's fingerprint (rule:secretHash:path), as in the reports")
    .requiredOption("--state <dir>", "state directory")
    .requiredOption("--status <status>", `one of ${TRIAGE_STATUSES.join(", ")}`, parseStatus)
    .option("--note <text>", "why (shown in reports)")
    .action((fingerprint: string, opts: { state: string; status: TriageStatus; note?: string }) => {
      const state = AuditState.open(resolve(io.cwd, opts.state), { mustExist: true });
      try {
        if (!state.hasFingerprint(fingerprint)) {
          throw new LeakhoundError("USAGE", `no finding with fingerprint ${fingerprint} in ${opts.state}`, {
            details: ["copy the fingerprint from `leakhound audit report --format json|csv`"],
          });
        }
        state.setTriage(fingerprint, opts.status, opts.note, new Date().toISOString());
      } finally {
        state.close();
      }
      io.stderr(`leakhound audit: ${fingerprint} is now ${opts.status}\n`);
      exit.code = ExitCode.Clean;
    });

  audit
    .command("merge")
    .description("Combine the states of shards into one state directory.")
    .argument("<states...>", "state directories written by shards")
    .requiredOption("--state <dir>", "the state directory to merge into (created if needed)")
    .action((sources: string[], opts: { state: string }) => {
      const state = AuditState.open(resolve(io.cwd, opts.state));
      try {
        for (const source of sources) mergeState(state, resolve(io.cwd, source));
      } finally {
        state.close();
      }
      io.stderr(`leakhound audit: merged ${sources.length} state(s) into ${opts.state}\n`);
      exit.code = ExitCode.Clean;
    });

  audit
    .command("report")
    .description("Write a report of an audit state.")
    .requiredOption("--state <dir>", "state directory")
    .addOption(new Option("-f, --format <format>", "report format").choices(AUDIT_FORMATS).default("json"))
    .option("-o, --output <file>", "write the report to a file instead of stdout")
    .option("--rules <path...>", "rule files or directories (SARIF lists their rules)")
    .action(async (opts: { state: string; format: AuditFormatName; output?: string; rules?: string[] }) => {
      const state = AuditState.open(resolve(io.cwd, opts.state), { mustExist: true });
      let data;
      try {
        data = loadReportData(state);
      } finally {
        state.close();
      }
      const rules = opts.format === "sarif" ? (await loadRulePack(opts.rules ?? [BUILTIN_RULES_DIR])).rules : [];
      await writeReport(auditFormatters[opts.format](data, rules), opts.output, io);
      exit.code = data.findings.some((f) => f.status === "open") ? ExitCode.Leaks : ExitCode.Clean;
    });

  // main() sets these on top-level commands only; without them commander would call process.exit.
  for (const sub of audit.commands) sub.exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}
