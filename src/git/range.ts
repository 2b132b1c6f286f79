/** `BASE..HEAD` as users type it on the command line. */
import { LeakhoundError } from "../errors.js";

export interface CommitRange {
  readonly base: string;
  readonly head: string;
}

/** "main..feature", "origin/main.." (HEAD implied); a three-dot or one-sided form is refused with an example. */
export function parseCommitRange(text: string): CommitRange {
  const m = /^([^.]+(?:\.(?!\.)[^.]*)*)\.\.(?!\.)(.*)$/.exec(text);
  if (!m || !m[1]) {
    throw new LeakhoundError("USAGE", `--range "${text}" is not BASE..HEAD (e.g. --range origin/main..HEAD)`);
  }
  return { base: m[1], head: m[2] || "HEAD" };
}
