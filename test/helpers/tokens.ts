/**
 * Generates random, format-valid fake credentials at test time (checksums included), so no
 * test fixture ever holds a real secret and none is committed where it can be avoided.
 */
import { randomBytes, randomInt } from "node:crypto";
import { base62, crc32 } from "../../src/detect/validators.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

export function randomFrom(alphabet: string, length: number): string {
  let out = "";
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `ghp_`-style token: 30 random base62 chars + base62(CRC32) checksum. */
export function fakeGithubToken(prefix = "ghp"): string {
  const body = randomFrom(ALNUM, 30);
  return `${prefix}_${body}${base62(crc32(body), 6)}`;
}

export function fakeNpmToken(): string {
  return fakeGithubToken("npm");
}

export function fakeAwsKeyId(prefix = "AKIA"): string {
  return prefix + randomFrom(BASE32, 16);
}

export function fakeAwsSecret(): string {
  return randomFrom(ALNUM + "+/", 40);
}

export function fakeHex(length: number): string {
  return randomBytes(Math.ceil(length / 2)).toString("hex").slice(0, length);
}

/** A PEM block of the given type with a random base64 body (not a usable key: structure only). */
export function fakePem(type = "RSA PRIVATE KEY", bytes = 600): string {
  const body = randomBytes(bytes).toString("base64").replace(/.{64}/g, "$&\n").trimEnd();
  return `-----BEGIN ${type}-----\n${body}\n-----END ${type}-----\n`;
}

export function fakeJwt(): string {
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString("base64url");
  return `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: randomFrom(ALNUM, 10), iat: 1700000000 })}.${randomBytes(32).toString("base64url")}`;
}

/**
 * GitLab routable token: prefix + base64url(16 random bytes + routing payload + its length) +
 * `.01.` + base36 payload length + 7 base36 chars of CRC32 over everything before them.
 */
export function fakeGitlabRoutableToken(prefix = "glpat-"): string {
  const routing = Buffer.from(`c:1\no:${randomFrom("0123456789abcdefghijklmnopqrstuvwxyz", 4)}`);
  const payload = Buffer.concat([randomBytes(16), routing, Buffer.from([routing.length])]).toString("base64url");
  const encoded = `${prefix}${payload}.01.${payload.length.toString(36).padStart(2, "0")}`;
  return encoded + crc32(encoded).toString(36).padStart(7, "0");
}

/** Atlassian API token: `ATATT3xFfGF0` + base64url body + `=` + upper-hex CRC32 of all before it. */
export function fakeAtlassianApiToken(): string {
  const body = `ATATT3xFfGF0${randomBytes(132).toString("base64url").slice(0, 171)}=`;
  return body + crc32(body).toString(16).toUpperCase().padStart(8, "0");
}

/** Grafana service account token: `glsa_` + 32 base62 + `_` + little-endian hex CRC32. */
export function fakeGrafanaServiceAccountToken(): string {
  const head = `glsa_${randomFrom(ALNUM, 32)}`;
  const checksum = Buffer.alloc(4);
  checksum.writeUInt32LE(crc32(head));
  return `${head}_${checksum.toString("hex")}`;
}
