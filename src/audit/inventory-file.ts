/**
 * `--repos FILE`: one clone URL or local path per line; `#` starts a comment. Relative paths are
 * resolved against the file's directory. Credentials in a URL are taken out of it and sent as a
 * header instead, so they reach neither the mirror's config nor the state.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, isAbsolute, resolve } from "node:path";
import { LeakhoundError } from "../errors.js";
import { stripCredentials, urlCredentials } from "./credentials.js";
import type { InventoryEntry } from "./inventory.js";

/** Hosts whose commit pages live at `<repository page>/commit/<sha>`. */
const KNOWN_WEB_HOSTS = new Set(["github.com", "gitlab.com"]);

export async function readReposFile(file: string): Promise<InventoryEntry[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (cause) {
    throw new LeakhoundError("USAGE", `cannot read the repos file ${file}: ${(cause as Error).message}`, { cause });
  }
  return parseReposFile(text, dirname(resolve(file)));
}

export function parseReposFile(text: string, baseDir: string): InventoryEntry[] {
  const entries: InventoryEntry[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, "").trim();
    if (line) entries.push(entryFor(line, baseDir));
  }
  return entries;
}

function entryFor(line: string, baseDir: string): InventoryEntry {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(line) || /^[^/]+@[^/:]+:/.test(line)) {
    const cloneUrl = stripCredentials(line);
    const credential = urlCredentials(line);
    const { host, path } = splitRemote(cloneUrl);
    const name = path.replace(/\.git$/, "");
    return {
      repo: {
        id: `${host}/${name}`,
        name,
        cloneUrl,
        ...(KNOWN_WEB_HOSTS.has(host) ? { webUrl: `https://${host}/${name}` } : {}),
        fork: false,
        archived: false,
      },
      ...(credential ? { credential } : {}),
    };
  }
  const path = isAbsolute(line) ? line : resolve(baseDir, line);
  return { repo: { id: path, name: basename(path).replace(/\.git$/, ""), cloneUrl: path, fork: false, archived: false } };
}

/** host and path of `scheme://host/path` or scp-like `user@host:path`. */
function splitRemote(url: string): { host: string; path: string } {
  const scp = /^[^/]+@([^/:]+):(.*)$/.exec(url);
  if (scp) return { host: scp[1]!, path: scp[2]!.replace(/^\/+/, "") };
  const parsed = new URL(url);
  return { host: parsed.host, path: decodeURIComponent(parsed.pathname).replace(/^\/+|\/+$/g, "") };
}
