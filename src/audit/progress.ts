/**
 * Audit progress: on a terminal, one status line redrawn in place (repositories done / total,
 * bytes scanned, findings, ETA); otherwise one plain log line per finished repository.
 */
import { formatBytes } from "../report/text.js";

export interface AuditProgress {
  start(total: number): void;
  blob(bytes: number, findings: number): void;
  repositoryDone(name: string, line: string): void;
  log(line: string): void;
  finish(): void;
}

const REDRAW_INTERVAL_MS = 100;

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m${String(seconds % 60).padStart(2, "0")}s` : `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, "0")}m`;
}

export function createProgress(write: (text: string) => void, isTTY: boolean, clock: () => number = Date.now): AuditProgress {
  let total = 0;
  let done = 0;
  let bytes = 0;
  let findings = 0;
  let started = clock();
  let lastDraw = 0;
  const status = (): string => {
    const elapsed = clock() - started;
    const eta = done > 0 && done < total ? ` · ETA ${formatDuration((elapsed / done) * (total - done))}` : "";
    return `audit: ${done}/${total} repositories · ${formatBytes(bytes)} scanned · ${findings} new findings${eta}`;
  };
  const draw = (force: boolean): void => {
    if (!isTTY) return;
    const now = clock();
    if (!force && now - lastDraw < REDRAW_INTERVAL_MS) return;
    lastDraw = now;
    write(`\r\x1b[2K${status()}`);
  };
  const printLine = (line: string): void => {
    write(isTTY ? `\r\x1b[2K${line}\n` : `${line}\n`);
    draw(true);
  };
  return {
    start(count) {
      total = count;
      started = clock();
      draw(true);
    },
    blob(size, found) {
      bytes += size;
      findings += found;
      draw(false);
    },
    repositoryDone(name, line) {
      done++;
      if (isTTY) draw(true);
      else write(`[${done}/${total}] ${name}: ${line}\n`);
    },
    log: printLine,
    finish() {
      if (isTTY) write(`\r\x1b[2K${status()}\n`);
    },
  };
}
