/**
 * The one error class for user-facing failures. `code` is stable (tests and callers switch on
 * it); `message` says what failed, on what, and how to fix it. The CLI maps any LeakhoundError
 * to exit code 2 and prints only the message (no stack trace: it is the user's input, not a bug).
 */
export type ErrorCode =
  | "USAGE"
  | "PATH_NOT_FOUND"
  | "RULES_INVALID"
  | "CONFIG_INVALID"
  | "BASELINE_INVALID"
  | "GIT_NOT_FOUND"
  | "NOT_A_REPOSITORY"
  | "REF_NOT_FOUND"
  | "GIT_FAILED"
  | "STATE_INVALID"
  | "INVENTORY_FAILED";

export class LeakhoundError extends Error {
  readonly code: ErrorCode;
  readonly details: readonly string[];

  constructor(code: ErrorCode, message: string, options: { details?: readonly string[]; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "LeakhoundError";
    this.code = code;
    this.details = options.details ?? [];
  }
}

export function isLeakhoundError(error: unknown): error is LeakhoundError {
  return error instanceof LeakhoundError;
}
