/**
 * Keeping credentials out of URLs, disk and logs. A token reaches git only as an HTTP header in
 * `GIT_CONFIG_*` environment variables of the one git process that needs it: unlike `-c` on the
 * command line it is not visible in `ps`, and unlike `git clone -c` it is never written to the
 * mirror's config.
 */

/** How a host expects a token in HTTP basic auth for git (GitHub: any user, GitLab: `oauth2`). */
export type TokenStyle = "github" | "gitlab";

/** `https://user:secret@host/x.git` → `https://host/x.git`; anything that is not a URL is returned as is. */
export function stripCredentials(url: string): string {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return url;
    parsed.username = "";
    parsed.password = "";
    return parsed.href;
  } catch {
    return url.replace(/\/\/[^/@]*@/, "//");
  }
}

/** The user:password part of a URL, if any (a repos file may carry it); decoded. */
export function urlCredentials(url: string): { user: string; password: string } | undefined {
  if (!/^https?:\/\//i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    if (!parsed.username && !parsed.password) return undefined;
    return { user: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
  } catch {
    return undefined;
  }
}

/** A secret git needs for one repository, and how to present it. */
export interface GitCredential {
  readonly user: string;
  readonly password: string;
}

export function tokenCredential(token: string, style: TokenStyle): GitCredential {
  return { user: style === "gitlab" ? "oauth2" : "x-access-token", password: token };
}

/** Environment variables that make one git invocation send the credential as an auth header. */
export function credentialEnv(credential: GitCredential | undefined): Record<string, string> {
  if (!credential) return {};
  const basic = Buffer.from(`${credential.user}:${credential.password}`).toString("base64");
  return {
    GIT_CONFIG_COUNT: "1",
    GIT_CONFIG_KEY_0: "http.extraHeader",
    GIT_CONFIG_VALUE_0: `Authorization: Basic ${basic}`,
  };
}

/** Replaces every secret (and its base64 header form) in a message that may be logged. */
export function scrubSecrets(text: string, credential: GitCredential | undefined): string {
  if (!credential || credential.password.length === 0) return text;
  const basic = Buffer.from(`${credential.user}:${credential.password}`).toString("base64");
  return text.split(credential.password).join("***").split(basic).join("***");
}
