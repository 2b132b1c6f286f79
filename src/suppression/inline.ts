/**
 * Inline suppression markers. A marker anywhere on the finding's line suppresses it, whatever
 * the comment syntax (`#`, `//`, C-style blocks, `<!-- -->`, `--`, `;`, …): leakhound does not parse each
 * language's comments, and a marker is just as deliberate inside a string.
 *
 * `gitleaks:allow` and detect-secrets' `pragma: allowlist secret` are honoured so teams can
 * migrate without touching every annotated line.
 */
import type { Suppression } from "../types.js";

const MARKER = /leakhound:allow|gitleaks:allow|pragma:\s*allowlist[ -]secret/i;

/** The suppression a marker on `line` grants, or undefined. */
export function inlineSuppression(line: string): Suppression | undefined {
  const marker = MARKER.exec(line);
  // The justification names the marker only: the rest of the line may contain the secret itself.
  return marker ? { kind: "inSource", justification: `inline "${marker[0]}" marker on the line` } : undefined;
}
