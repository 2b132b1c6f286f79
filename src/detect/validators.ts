/**
 * Structural and checksum validators named by rules (`validate: [github-checksum]`). Pure.
 *
 * A validator answers whether a candidate secret is well-formed for its provider. "invalid"
 * lowers the finding to low confidence (it may still be a leaked secret with a typo, or a
 * truncated one, but it is not a high-confidence token); validators never call the network.
 */

export type Validity = "valid" | "invalid";
export type Validator = (secret: string) => Validity;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

const CRC32_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 (IEEE) of the string's UTF-8 bytes; tokens are ASCII so chars are bytes. */
export function crc32(text: string): number {
  let crc = 0xffffffff;
  for (let i = 0; i < text.length; i++) crc = CRC32_TABLE[(crc ^ text.charCodeAt(i)) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Base62 with the digits-upper-lower alphabet, left-padded with "0" to `width`. */
export function base62(value: number, width: number): string {
  let out = "";
  let v = value;
  while (v > 0) {
    out = BASE62[v % 62]! + out;
    v = Math.floor(v / 62);
  }
  return out.padStart(width, "0");
}

/**
 * GitHub's 2021 token format (and npm's, which copies it): `<prefix>_` + 30 random base62
 * characters + 6 characters of base62(CRC32(random part)).
 * https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
 */
function prefixedCrc32Token(secret: string): Validity {
  const body = secret.slice(secret.lastIndexOf("_") + 1);
  if (body.length !== 36) return "invalid";
  return base62(crc32(body.slice(0, 30)), 6) === body.slice(30) ? "valid" : "invalid";
}

function decodeBase64Url(part: string): string | undefined {
  if (!/^[A-Za-z0-9_-]+={0,2}$/.test(part)) return undefined;
  return Buffer.from(part, "base64url").toString("utf8");
}

function isJsonObject(text: string | undefined): boolean {
  if (text === undefined) return false;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A JWT's header and payload must both be base64url JSON objects, and the header must name an `alg`. */
function jwt(secret: string): Validity {
  const [header, payload] = secret.split(".");
  if (header === undefined || payload === undefined) return "invalid";
  const headerText = decodeBase64Url(header);
  if (!isJsonObject(headerText) || !isJsonObject(decodeBase64Url(payload))) return "invalid";
  return /"alg"\s*:/.test(headerText ?? "") ? "valid" : "invalid";
}

/**
 * Tokens that embed a base64 JSON object after their prefix (Sentry `sntrys_`, Mapbox `sk.`,
 * 1Password `ops_`, Grafana `glc_` and legacy API keys): the segment starting at `eyJ` and ending
 * at a `.` or `_` separator (or the end) must decode to a JSON object. Every separator is tried,
 * because base64url payloads may themselves contain `_`.
 */
function jsonPayload(secret: string): Validity {
  const start = secret.indexOf("eyJ");
  if (start === -1) return "invalid";
  for (let end = start + 3; end <= secret.length; end++) {
    if (end < secret.length && secret[end] !== "." && secret[end] !== "_") continue;
    const segment = secret.slice(start, end);
    if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(segment)) return "invalid";
    if (isJsonObject(Buffer.from(segment, "base64").toString("utf8"))) return "valid";
  }
  return "invalid";
}

/** A PEM private key body must be base64 long enough to hold a key (≥ 64 bytes decoded). */
function pemBody(secret: string): Validity {
  // Keys embedded in JSON or code strings carry escaped newlines and quotes: unescape first.
  const lines = secret.replace(/\\[nr]/g, "\n").split(/\r?\n/).map((l) => l.replace(/["',\\]/g, "").trim());
  const body = lines.filter((l) => l !== "" && !l.startsWith("-----") && !/^[A-Za-z-]+:/.test(l)).join("");
  if (body.length < 64 || !/^[A-Za-z0-9+/=]+$/.test(body)) return "invalid";
  return "valid";
}

/** An AWS access key id's account-bearing form: 4-letter prefix + 16 base32 characters. */
function awsKeyId(secret: string): Validity {
  return /^[A-Z0-9]{4}[A-Z2-7]{16}$/.test(secret) ? "valid" : "invalid";
}

/**
 * GitLab routable tokens (GitLab 17.x+) end in `.<version>.<base36 payload length>` followed by
 * 7 base36 characters of CRC32 over everything before them (gitlab `Authn::TokenField::Generator::
 * RoutableToken`). Legacy GitLab tokens have no dots and no checksum: structurally valid as they are.
 */
function gitlabChecksum(secret: string): Validity {
  if (!secret.includes(".")) return "valid";
  const m = /^(.+\.[0-9a-z]{2}\.[0-9a-z]{2})([0-9a-z]{7})$/.exec(secret);
  if (!m) return "invalid";
  return crc32(m[1]!).toString(36).padStart(7, "0") === m[2] ? "valid" : "invalid";
}

/**
 * Atlassian API tokens (`ATATT3…`) end in `=` and 8 upper-case hex digits: CRC32 of everything up
 * to and including that `=` (checked against published tokens; any other split fails).
 */
function atlassianChecksum(secret: string): Validity {
  const m = /^(.+=)([0-9A-F]{8})$/.exec(secret);
  if (!m) return "invalid";
  return crc32(m[1]!).toString(16).toUpperCase().padStart(8, "0") === m[2] ? "valid" : "invalid";
}

/**
 * Grafana service account tokens are `glsa_<32 base62>_<8 hex>`: the hex is CRC32 of
 * `glsa_<secret>` written as little-endian bytes (Grafana `satokengen`).
 */
function grafanaServiceAccountChecksum(secret: string): Validity {
  const m = /^(glsa_[A-Za-z0-9]{32})_([0-9a-f]{8})$/.exec(secret);
  if (!m) return "invalid";
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(m[1]!));
  return checksum.toString("hex") === m[2] ? "valid" : "invalid";
}

/**
 * HTTP Basic / Docker `auth` / npm `_auth` values: base64 of `user:password`, printable ASCII,
 * with a non-empty password (a bare user name or random bytes is not a credential pair).
 */
function base64UserPass(secret: string): Validity {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secret)) return "invalid";
  const decoded = Buffer.from(secret, "base64").toString("latin1");
  return /^[\x20-\x7e]*[^:\s][\x20-\x7e]*:[\x20-\x7e]+$/.test(decoded) ? "valid" : "invalid";
}

const VALIDATORS: Readonly<Record<string, Validator>> = {
  "github-checksum": prefixedCrc32Token,
  "npm-checksum": prefixedCrc32Token,
  jwt,
  "pem-body": pemBody,
  "aws-key-id": awsKeyId,
  "base64-user-pass": base64UserPass,
  "gitlab-checksum": gitlabChecksum,
  "atlassian-checksum": atlassianChecksum,
  "grafana-sa-checksum": grafanaServiceAccountChecksum,
  "json-payload": jsonPayload,
};

export function isKnownValidator(name: string): boolean {
  return Object.hasOwn(VALIDATORS, name);
}

/** Runs the named validators; the secret is valid only if all of them accept it. */
export function validateSecret(names: readonly string[], secret: string): Validity {
  for (const name of names) {
    const validator = VALIDATORS[name];
    if (validator && validator(secret) === "invalid") return "invalid";
  }
  return "valid";
}

export const validatorNames = (): readonly string[] => Object.keys(VALIDATORS);
