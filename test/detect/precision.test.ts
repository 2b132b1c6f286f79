import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { createDetector } from "../../src/detect/detector.js";
import { loadRulePack } from "../../src/rules/load.js";
import { CONFIDENCES } from "../../src/types.js";
import { runCli } from "../helpers/cli.js";
import { fakeGithubToken, fakePem, randomFrom } from "../helpers/tokens.js";

// The whole built-in pack: precision is a property of all rules together, not of one file.
const pack = await loadRulePack();
const detector = createDetector(pack);
const findingsIn = (path: string, text: string) => detector.detect({ path, text });

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const hex = (bytes: number): string => randomBytes(bytes).toString("hex");

/** Lookalikes that must never be reported, each in the kind of file it lives in. */
const neverReported: readonly (readonly [string, string, string])[] = [
  ["AWS documented example key pair", "credentials", "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n"],
  ["AWS example key pair in code", "src/s3.ts", 'const s3 = new S3({ accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" });'],
  ["PEM public key", "keys/server.pub", fakePem("PUBLIC KEY", 294)],
  ["PEM RSA public key", "keys/rsa.pub", fakePem("RSA PUBLIC KEY", 270)],
  ["X.509 certificate", "certs/ca.crt", fakePem("CERTIFICATE", 900)],
  ["certificate request", "certs/req.csr", fakePem("CERTIFICATE REQUEST", 600)],
  ["OpenSSH public key", "authorized_keys", `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${randomFrom(ALNUM, 43)} deploy@ci\n`],
  ["Stripe publishable key", "src/checkout.js", `const stripe = Stripe("pk_live_${randomFrom(ALNUM, 99)}");`],
  ["Mapbox public token", "src/map.js", `mapboxgl.accessToken = "pk.eyJ1IjoiY29ycCIsImEiOiJja${randomFrom(ALNUM, 20)}.${randomFrom(ALNUM, 22)}";`],
  ["Sentry DSN", "src/sentry.ts", `Sentry.init({ dsn: "https://${hex(16)}@o${randomFrom("0123456789", 6)}.ingest.sentry.io/${randomFrom("0123456789", 7)}" });`],
  ["Google OAuth client id", "config/oauth.json", `{"client_id": "${randomFrom("0123456789", 12)}-${randomFrom("abcdefghijklmnopqrstuvwxyz0123456789", 32)}.apps.googleusercontent.com"}`],
  ["git SHA in a lockfile", "go.sum", `github.com/pkg/errors v0.9.1 h1:${randomBytes(32).toString("base64")}\n`],
  ["git commit SHA", "CHANGELOG.txt", `fix: handle empty input (commit ${hex(20)})\n`],
  ["npm lockfile integrity", "package-lock.json", `{"node_modules/x": {"version": "1.0.0", "resolved": "https://registry.npmjs.org/x/-/x-1.0.0.tgz", "integrity": "sha512-${randomBytes(64).toString("base64")}"}}`],
  ["sha256 checksum", "Dockerfile", `ARG NODE_SHA256=${hex(32)}\nRUN echo "${hex(32)}  node.tar.gz" | sha256sum -c -\n`],
  ["sha1 content hash", "assets.json", `{"app.js": {"hash": "${hex(20)}", "sha1": "${hex(20)}"}}`],
  ["UUIDs used as ids", "fixtures/users.json", `{"id": "${uuid()}", "tenantId": "${uuid()}", "request_id": "${uuid()}"}`],
  ["data URI", "src/logo.css", `.logo { background: url("data:image/png;base64,${randomBytes(600).toString("base64")}"); }`],
  ["i18n text", "src/locales/fr.json", '{"password": "Mot de passe", "token_expired": "Votre jeton a expiré", "secret_question": "Question secrète"}'],
  ["translated single-word label", "src/locales/de.json", '{"password": "Passwort", "api_key": "API-Schlüssel"}'],
  ["placeholders and templates", "config/app.yml", 'password: "${DB_PASSWORD}"\ntoken: "{{ .Values.token }}"\napi_key: "<your-api-key>"\nsecret: "changeme"\nclient_secret: "****************"\n'],
  ["environment lookups in code", "src/config.py", 'password = os.environ["DB_PASSWORD"]\ntoken = os.getenv("API_TOKEN")\n'],
  ["environment lookups in JS", "src/config.js", "const password = process.env.DB_PASSWORD;\nconst apiKey = process.env['API_KEY'];\n"],
  ["URL without credentials", "README.txt", "clone https://github.com/corp/repo.git and open http://localhost:3000/login\n"],
  ["credentials on a reserved example domain", "src/url.d.ts", "new URL('https://abc:xyz123@example.com/path'); // ftp://joe:s3cret99@ftp.example.org\n"],
];

function uuid(): string {
  const h = hex(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

describe("precision: lookalikes are never reported", () => {
  it.each(neverReported)("%s", (_what, path, text) => {
    expect(findingsIn(path, text).map((f) => `${f.ruleId}: ${f.secret}`)).toEqual([]);
  });

  it("still reports the real thing next to its lookalike", () => {
    const token = fakeGithubToken();
    const found = findingsIn("deploy.sh", `# commit ${hex(20)}\nexport GITHUB_TOKEN=${token}\n`);
    expect(found.map((f) => f.secret)).toEqual([token]);
  });
});

describe("confidence", () => {
  it("is set on every finding, from the rule and its validators", () => {
    const token = fakeGithubToken();
    const broken = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const found = findingsIn("app.env", `GITHUB_TOKEN=${token}\nOLD_TOKEN=${broken}\nDB_PASSWORD=Xq7vR2pLm9wZ\n`);
    for (const f of found) expect(CONFIDENCES).toContain(f.confidence);
    const byLine = new Map(found.map((f) => [f.start.line, f.confidence]));
    expect(byLine.get(1)).toBe("high");
    expect(byLine.get(2)).toBe("low");
    expect(byLine.get(3)).toBe("medium");
  });

  it("--min-confidence filters findings in the CLI", async () => {
    const token = fakeGithubToken();
    const broken = `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`;
    const input = `GITHUB_TOKEN=${token}\nOLD_TOKEN=${broken}\nDB_PASSWORD=Xq7vR2pLm9wZ\n`;
    const levels = async (min: string): Promise<string[]> => {
      const run = await runCli(["scan", "--stdin", "--stdin-name", "app.env", "-f", "json", "--min-confidence", min], { stdin: input });
      expect(run.code).toBe(1);
      const report = JSON.parse(run.stdout) as { findings: { confidence: string }[] };
      return report.findings.map((f) => f.confidence).sort();
    };
    expect(await levels("low")).toEqual(["high", "low", "medium"]);
    expect(await levels("medium")).toEqual(["high", "medium"]);
    expect(await levels("high")).toEqual(["high"]);
  });
});
