/**
 * Audits one repository incrementally: update its mirror, skip it if no ref moved since its last
 * complete audit, otherwise scan only the blobs no audit has scanned before (in any repository),
 * credit already-scanned blobs that hold findings to it, and mark it complete at its new refs.
 * Progress is committed in batches, each one transaction, so a killed audit resumes without loss.
 */
import type { Detector } from "../detect/detector.js";
import { redact } from "../report/redact.js";
import { withContext } from "../scan/scan.js";
import type { Source } from "../sources/source.js";
import type { Finding, ScanNotice } from "../types.js";
import type { InflightBlobs } from "./inflight.js";
import type { AuditRepository } from "./repository.js";
import type { InventoryEntry } from "./inventory.js";
import { locateBlob } from "./locate.js";
import { localRefsVersion } from "./local-refs.js";
import { listRefs, presentCommits, syncMirror } from "./mirror.js";
import type { AuditState, BlobFinding, ScannedBlob } from "./state.js";

/** What the history walk needs from the audit. */
export interface BlobSourceRequest {
  readonly mirror: string;
  /** Commits whose history was completely scanned before: their blobs are not walked again. */
  readonly exclude: readonly string[];
  /** Called once per blob id met; true means do not read or yield it. */
  readonly skipBlob: (blobId: string) => boolean;
  /** A blob was read but not yielded (binary, too large): recorded as scanned, with no findings. */
  readonly onUnscannable: (blobId: string) => void;
}

/** Yields each blob of a mirror's history once, with the commit that introduced it. */
export type MirrorBlobSource = (request: BlobSourceRequest) => Source;

/**
 * The detector, built on first use: compiling the rule pack is most of what an audit with no
 * change would otherwise spend, and such an audit never needs it.
 */
export type DetectorProvider = () => Promise<Detector>;

export interface RepositoryAuditContext {
  readonly state: AuditState;
  readonly detector: DetectorProvider;
  readonly cacheDir: string;
  readonly blobSource: MirrorBlobSource;
  readonly inflight: InflightBlobs;
  /** ISO time recorded as first/last seen. */
  readonly now: string;
  readonly signal: AbortSignal;
  readonly onBlob?: (bytes: number, findings: number) => void;
  readonly onNotice?: (repoName: string, notice: ScanNotice) => void;
  /** Blobs per state transaction. */
  readonly batchSize?: number;
}

export interface RepositoryAuditResult {
  readonly id: string;
  /** No ref moved since the last complete audit: nothing was walked. */
  readonly unchanged: boolean;
  readonly blobsScanned: number;
  readonly bytesScanned: number;
  readonly newFindings: number;
  /** Blobs scanned by another repository whose findings were credited to this one. */
  readonly blobsCredited: number;
}

const DEFAULT_BATCH_SIZE = 200;

/** Local paths get their refs' digest as `pushedAt`, so an unchanged one is skipped without a fetch. */
async function withLocalVersion(repo: AuditRepository): Promise<AuditRepository> {
  if (repo.pushedAt !== undefined) return repo;
  const version = await localRefsVersion(repo.cloneUrl);
  return version ? { ...repo, pushedAt: version } : repo;
}

export async function auditRepository(entry: InventoryEntry, ctx: RepositoryAuditContext): Promise<RepositoryAuditResult> {
  const repo = await withLocalVersion(entry.repo);
  const { state, inflight } = ctx;
  state.upsertRepository(repo);
  const previous = state.scannedRefs(repo.id);
  const result = { id: repo.id, unchanged: false, blobsScanned: 0, bytesScanned: 0, newFindings: 0, blobsCredited: 0 };
  if (repo.pushedAt !== undefined && previous.size > 0 && state.auditedPushedAt(repo.id) === repo.pushedAt) {
    state.completeRepository(repo, previous, ctx.now);
    return { ...result, unchanged: true };
  }
  const mirror = await syncMirror(ctx.cacheDir, repo, entry.credential);
  const refs = await listRefs(mirror);
  if (sameRefs(refs, previous) || refs.size === 0) {
    state.completeRepository(repo, refs, ctx.now);
    return { ...result, unchanged: refs.size > 0 };
  }
  const detector = await ctx.detector();
  const exclude = await presentCommits(mirror, [...new Set(previous.values())]);
  // Sets: the history source may ask about a blob more than once (as a blob, and as a previous version).
  const credited = new Set<string>();
  const waiting = new Set<string>();
  const skipBlob = (blobId: string): boolean => {
    const count = state.blobFindingCount(blobId);
    if (count !== undefined) {
      if (count > 0 && !state.isCredited(repo.id, blobId)) credited.add(blobId);
      return true;
    }
    if (inflight.claim(blobId, repo.id)) return false;
    waiting.add(blobId);
    return true;
  };
  const batch = new Map<string, ScannedBlob>();
  const flush = (): void => {
    if (batch.size === 0) return;
    state.recordBlobs(repo.id, [...batch.values()], ctx.now);
    inflight.release(batch.keys(), repo.id);
    batch.clear();
  };
  try {
    const onUnscannable = (blobId: string): void => {
      if (!batch.has(blobId)) batch.set(blobId, { blobId, findings: [] });
    };
    for await (const event of ctx.blobSource({ mirror, exclude, skipBlob, onUnscannable })(ctx.signal)) {
      if (event.type === "notice") ctx.onNotice?.(repo.name, event.notice);
      if (event.type !== "chunk") continue;
      const { chunk, context } = event;
      const blobId = chunk.blobId;
      if (blobId === undefined || !context?.commit) continue;
      const findings = detector
        .detect(chunk)
        .flatMap((raw) => withContext(raw, chunk, context) ?? [])
        .map(toBlobFinding);
      const known = batch.get(blobId);
      batch.set(blobId, {
        blobId,
        findings: [...(known?.findings ?? []), ...findings],
        placement: known?.placement ?? { path: chunk.path, commit: context.commit },
      });
      if (!known) result.blobsScanned++;
      result.bytesScanned += chunk.text.length;
      result.newFindings += findings.length;
      ctx.onBlob?.(chunk.text.length, findings.length);
      if (batch.size >= (ctx.batchSize ?? DEFAULT_BATCH_SIZE)) flush();
    }
    flush();
  } finally {
    inflight.releaseAll(repo.id);
  }
  let complete = true;
  for (const blobId of waiting) {
    await inflight.settled(blobId);
    const count = state.blobFindingCount(blobId);
    // The repository scanning it failed: leave this one incomplete so the next audit scans the blob.
    if (count === undefined) complete = false;
    else if (count > 0) credited.add(blobId);
  }
  for (const blobId of credited) {
    const placement = await locateBlob(mirror, blobId);
    if (!placement) continue;
    state.creditBlob(repo.id, blobId, placement, ctx.now);
    result.blobsCredited++;
  }
  if (complete && !ctx.signal.aborted) state.completeRepository(repo, refs, ctx.now);
  return result;
}

function sameRefs(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): boolean {
  if (a.size !== b.size || a.size === 0) return false;
  for (const [name, commit] of a) if (b.get(name) !== commit) return false;
  return true;
}

function toBlobFinding(f: Finding): BlobFinding {
  return {
    ruleId: f.ruleId,
    secretHash: f.secretHash,
    description: f.description,
    severity: f.severity,
    confidence: f.confidence,
    preview: redact(f.secret),
    startLine: f.start.line,
    startColumn: f.start.column,
    endLine: f.end.line,
    endColumn: f.end.column,
    entropy: f.entropy,
    ...(f.decodedFrom !== undefined ? { decodedFrom: f.decodedFrom } : {}),
  };
}
