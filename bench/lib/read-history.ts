/**
 * Child process for the git-read suite: reads every unique blob of a repository's history
 * through one backend (no detection), and prints the bytes read as JSON on stderr. Run as
 * `node --import tsx bench/lib/read-history.ts REPO git-cli|isomorphic-git`.
 */
import { historySource } from "../../src/sources/history.js";

const [repo, backend] = process.argv.slice(2);
if (!repo || (backend !== "git-cli" && backend !== "isomorphic-git")) throw new Error("usage: read-history.ts REPO git-cli|isomorphic-git");
let bytes = 0;
let blobs = 0;
const source = historySource({ repo, backend, onBlob: (blob) => { bytes += blob.size; blobs++; } });
for await (const event of source(new AbortController().signal)) void event;
// stderr: the bench's measuring wrapper keeps stderr and discards stdout.
process.stderr.write(`${JSON.stringify({ bytes, blobs })}\n`);
