/**
 * GitBackend over isomorphic-git: pure JavaScript, nothing in the repository can run. Used when
 * the git binary is missing. It reads the same answers as the CLI backend, much more slowly
 * (about 11 MB/s), and holds the selected commit graph in memory while ordering it.
 */
import * as fs from "node:fs";
import git from "isomorphic-git";
import { LeakhoundError } from "../errors.js";
import type { BlobData, CommitChanges, CommitSelection, GitBackend, Introduction, StagedChange } from "./backend.js";
import type { CommitInfo } from "../types.js";
import { MODE, NULL_OID } from "./backend.js";
import { toCommitInfo, type Signature } from "./commit-info.js";
import { readAhead } from "./read-ahead.js";

interface GraphCommit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly tree: string;
  readonly time: number;
}

export function isoBackend(gitdir: string): GitBackend {
  const cache = {};
  const base = { fs, gitdir, cache };
  /** Any object's raw content (a blob's bytes, a commit's text), like `git cat-file --batch`. */
  const readObject = async (id: string, maxBytes: number): Promise<BlobData> => {
    const object = (await git.readObject({ ...base, oid: id, format: "content" })).object as Uint8Array;
    const bytes = Buffer.from(object.buffer, object.byteOffset, object.byteLength);
    return { id, size: bytes.length, ...(bytes.length <= maxBytes ? { bytes } : {}) };
  };
  const tryCommit = async (oid: string): Promise<GraphCommit | undefined> => {
    try {
      return toGraphCommit(oid, (await git.readCommit({ ...base, oid })).commit);
    } catch {
      return undefined;
    }
  };
  const peel = async (oid: string): Promise<string | undefined> => {
    for (let depth = 0; depth < 10; depth++) {
      const object = await git.readObject({ ...base, oid, format: "parsed" }).catch(() => undefined);
      if (!object) return undefined;
      if (object.type === "commit") return oid;
      if (object.type !== "tag") return undefined;
      oid = (object.object as { object: string }).object;
    }
    return undefined;
  };
  const resolveCommit = async (rev: string): Promise<string | undefined> => {
    if (/^[0-9a-f]{4,40}$/i.test(rev)) {
      const oid = await git.expandOid({ ...base, oid: rev.toLowerCase() }).catch(() => undefined);
      if (oid) return peel(oid);
    }
    const oid = await git.resolveRef({ ...base, ref: rev }).catch(() => undefined);
    return oid ? peel(oid) : undefined;
  };
  const commitInfo = async (sha: string): Promise<CommitInfo> => {
    const { commit } = await git.readCommit({ ...base, oid: sha });
    return toCommitInfo(sha, signature(commit.author), signature(commit.committer), commit.message);
  };
  const allTips = async (): Promise<string[]> => {
    const refs = await git.listRefs({ ...base, filepath: "refs" }).catch(() => [] as string[]);
    const tips = await Promise.all([...refs.map((r) => resolveCommit(`refs/${r}`)), resolveCommit("HEAD")]);
    return [...new Set(tips.filter((t): t is string => t !== undefined))];
  };
  const reachable = async (tips: readonly string[]): Promise<Map<string, GraphCommit>> => {
    const seen = new Map<string, GraphCommit>();
    const stack = [...tips];
    while (stack.length > 0) {
      const oid = stack.pop()!;
      if (seen.has(oid)) continue;
      // A parent missing from a shallow clone is simply not walked.
      const commit = await tryCommit(oid);
      if (!commit) continue;
      seen.set(oid, commit);
      stack.push(...commit.parents);
    }
    return seen;
  };
  const treeEntries = async (oid: string | undefined): Promise<Map<string, { oid: string; mode: string }>> => {
    if (!oid) return new Map();
    const { tree } = await git.readTree({ ...base, oid });
    return new Map(tree.map((e) => [e.path, { oid: e.oid, mode: e.mode }]));
  };
  /** Every blob under a tree (what a deleted or moved directory held). */
  const blobsUnder = async (tree: string, out: string[]): Promise<void> => {
    for (const entry of (await treeEntries(tree)).values()) {
      if (entry.mode === MODE.tree) await blobsUnder(entry.oid, out);
      else if (entry.mode !== MODE.gitlink) out.push(entry.oid);
    }
  };
  /**
   * Paths under `prefix` whose blob differs from every parent's (into `out`), and blobs a parent
   * had where the result has none (into `removed`); identical subtrees are skipped unread.
   */
  const diffTrees = async (tree: string, parents: readonly (string | undefined)[], prefix: string, out: Introduction[], removed: string[]): Promise<void> => {
    const [entries, ...parentEntries] = await Promise.all([treeEntries(tree), ...parents.map(treeEntries)]);
    for (const [name, entry] of entries!) {
      const inParents = parentEntries.map((p) => p.get(name));
      if (inParents.some((p) => p?.oid === entry.oid)) continue;
      const path = prefix + name;
      if (entry.mode === MODE.tree) {
        await diffTrees(entry.oid, inParents.map((p) => (p?.mode === MODE.tree ? p.oid : undefined)), `${path}/`, out, removed);
      } else {
        out.push({ path, blob: entry.oid, mode: entry.mode, parentBlobs: inParents.map((p) => (p && p.mode !== MODE.tree ? p.oid : NULL_OID)) });
      }
    }
    for (const parent of parentEntries) {
      for (const [name, entry] of parent) {
        if (entries!.has(name)) continue;
        if (entry.mode === MODE.tree) await blobsUnder(entry.oid, removed);
        else if (entry.mode !== MODE.gitlink) removed.push(entry.oid);
      }
    }
  };
  return {
    name: "isomorphic-git",
    resolveCommit,
    async *walk(selection: CommitSelection, signal: AbortSignal): AsyncGenerator<CommitChanges> {
      const include = selection.include ? await resolveAll(selection.include, resolveCommit) : await allTips();
      const excluded = await reachable(await resolveAll(selection.exclude ?? [], resolveCommit));
      const graph = await reachable(include);
      for (const oid of excluded.keys()) graph.delete(oid);
      const since = selection.since === undefined ? undefined : Date.parse(selection.since) / 1000;
      if (Number.isNaN(since)) {
        throw new LeakhoundError("USAGE", `--since "${selection.since}": without the git program only ISO dates are understood (e.g. 2024-01-31 or 2024-01-31T12:00:00Z)`);
      }
      let order = topologicalOrder(graph).filter((c) => since === undefined || c.time >= since);
      if (selection.maxCommits !== undefined) order = order.slice(Math.max(0, order.length - selection.maxCommits));
      for (const commit of order) {
        if (signal.aborted) return;
        const parentTrees = commit.parents.map((p) => graph.get(p)?.tree ?? excluded.get(p)?.tree);
        const introductions: Introduction[] = [];
        const removedBlobs: string[] = [];
        // A root commit is compared with the empty tree, like `git log --root`.
        await diffTrees(commit.tree, parentTrees.length > 0 ? parentTrees : [undefined], "", introductions, removedBlobs);
        yield { commit: await commitInfo(commit.sha), parents: commit.parents, introductions, removedBlobs };
      }
    },
    commitInfo,
    readBlob: readObject,
    readObjects: (ids, maxBytes) => readAhead(ids, (id) => readObject(id, maxBytes)),
    async stagedChanges() {
      const head = await resolveCommit("HEAD");
      const walkers = head ? [git.STAGE(), git.TREE({ ref: head })] : [git.STAGE()];
      const changes: StagedChange[] = await git.walk({
        ...base,
        trees: walkers,
        map: async (path, [staged, committed]) => {
          if (!staged || path === ".") return undefined;
          if ((await staged.type()) === "tree") return undefined;
          const blob = await staged.oid();
          const headBlob = committed && (await committed.type()) === "blob" ? await committed.oid() : undefined;
          if (blob === headBlob) return undefined;
          const mode = (await staged.mode()).toString(8).padStart(6, "0");
          return { path, blob, mode, ...(headBlob ? { headBlob } : {}) };
        },
      });
      return changes.filter(Boolean);
    },
    async remoteUrl() {
      const url: unknown = await git.getConfig({ ...base, path: "remote.origin.url" }).catch(() => undefined);
      return typeof url === "string" ? url : undefined;
    },
    async currentBranch() {
      return (await git.currentBranch({ ...base, test: true }).catch(() => undefined)) || undefined;
    },
    async close() {},
  };
}

async function resolveAll(revs: readonly string[], resolve: (rev: string) => Promise<string | undefined>): Promise<string[]> {
  const oids = await Promise.all(revs.map(resolve));
  return oids.filter((o): o is string => o !== undefined);
}

function toGraphCommit(oid: string, commit: Awaited<ReturnType<typeof git.readCommit>>["commit"]): GraphCommit {
  return { sha: oid, parents: commit.parent, tree: commit.tree, time: commit.committer.timestamp };
}

/** isomorphic-git's offset has the sign of Date#getTimezoneOffset (west positive). */
function signature(person: { name: string; email: string; timestamp: number; timezoneOffset: number }): Signature {
  return { name: person.name, email: person.email, timestamp: person.timestamp, offsetMinutes: -person.timezoneOffset };
}

/** Parents before children; among commits ready at the same time, the older (committer date) first. */
function topologicalOrder(graph: ReadonlyMap<string, GraphCommit>): GraphCommit[] {
  const pending = new Map<string, number>();
  const children = new Map<string, string[]>();
  for (const [oid, commit] of graph) {
    const inGraph = commit.parents.filter((p) => graph.has(p));
    pending.set(oid, inGraph.length);
    for (const p of inGraph) children.set(p, [...(children.get(p) ?? []), oid]);
  }
  const ready = [...graph.values()].filter((c) => pending.get(c.sha) === 0);
  const order: GraphCommit[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => b.time - a.time || (a.sha < b.sha ? 1 : -1));
    const next = ready.pop()!;
    order.push(next);
    for (const child of children.get(next.sha) ?? []) {
      const left = pending.get(child)! - 1;
      pending.set(child, left);
      if (left === 0) ready.push(graph.get(child)!);
    }
  }
  return order;
}
