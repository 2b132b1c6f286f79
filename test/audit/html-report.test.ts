import { existsSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatAuditHtml } from "../../src/audit/report-html.js";
import { AuditState } from "../../src/audit/state.js";
import { GitFixture } from "../helpers/git-fixture.js";
import { tempDir } from "../helpers/temp.js";
import { fakeAwsKeyId, fakeGithubToken } from "../helpers/tokens.js";
import { auditInto, localEntry, reportOf } from "./helpers/audit-run.js";

const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];
const SCREENSHOT = join(process.cwd(), "test-results", "audit-report.png");
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium) console.warn(`skipping the audit HTML browser test: ${CHROMIUM} is missing (apt-get install chromium)`);

describe.skipIf(!haveChromium)("audit HTML report in headless Chromium", () => {
  const work = tempDir("leakhound-audit-html-");
  const fixtures: GitFixture[] = [];
  let browser: Browser;
  let reportFile: string;

  beforeAll(async () => {
    const entries = ["payments", "frontend", "infra"].map((name, i) => {
      const fixture = GitFixture.create();
      fixtures.push(fixture);
      fixture.write("config/.env", `GITHUB_TOKEN=${fakeGithubToken()}\nAWS_ACCESS_KEY_ID=${fakeAwsKeyId()}\n`).commit("configuration");
      fixture.write(`src/${name}.js`, `// </script><img src=x onerror=alert(1)> in a path-like comment\nconst t = "${fakeGithubToken()}";\n`).commit(`add ${name} <b>bold</b>`);
      const entry = localEntry(name, fixture.dir);
      // Give one repository a known web host, so its findings link to the introducing commit.
      return i === 0 ? { repo: { ...entry.repo, webUrl: "https://github.com/acme/payments" } } : entry;
    });
    await auditInto(work.path, entries);
    const state = AuditState.open(work.path);
    state.setTriage(reportOf(work.path).findings[0]!.fingerprint, "revoked", "rotated", "2025-06-02T00:00:00.000Z");
    state.close();
    reportFile = work.write("report.html", formatAuditHtml(reportOf(work.path)));
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    fixtures.forEach((f) => f.cleanup());
  });

  it("loads without console errors or network, filters, and is captured as a screenshot", async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const problems: string[] = [];
    const requests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error" || m.type() === "warning") problems.push(m.text());
    });
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => requests.push(r.url()));
    await page.goto(pathToFileURL(reportFile).href);
    const rows = page.locator("#rows tr");
    const visible = page.locator("#rows tr:not([hidden])");
    expect(await rows.count()).toBe(9);
    await expect.poll(() => page.locator("#count").textContent()).toBe("9 of 9 findings");
    expect(await page.locator(".cards").textContent()).toContain("3repositories audited");
    expect(await page.locator("figure.chart svg").count()).toBe(5);

    await page.fill("#search", "payments");
    expect(await visible.count()).toBe(3);
    await page.fill("#search", "");
    await page.selectOption("#severity", "critical");
    const critical = await visible.count();
    expect(critical).toBeGreaterThan(0);
    expect(critical).toBeLessThan(9);
    await page.selectOption("#severity", "");
    await page.selectOption("#status", "revoked");
    expect(await visible.count()).toBe(1);
    await page.selectOption("#status", "");

    const links = await page.locator("#rows a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    expect(links).toHaveLength(3);
    expect(links.every((href) => href !== null && /^https:\/\/github\.com\/acme\/payments\/commit\/[0-9a-f]{40}$/.test(href))).toBe(true);
    // Repository-controlled text is shown as text, never parsed as markup.
    expect(await page.locator("#rows img").count()).toBe(0);

    mkdirSync(join(process.cwd(), "test-results"), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(statSync(SCREENSHOT).size).toBeGreaterThan(10_000);
    expect(problems).toEqual([]);
    expect(requests.filter((url) => !url.startsWith("file:"))).toEqual([]);
    await page.close();
  });

  it("writes one self-contained file", () => {
    const html = formatAuditHtml(reportOf(work.path));
    expect(html).not.toMatch(/<(script|link|img)[^>]+(src|href)=/i);
    expect(html).toContain("Content-Security-Policy");
  });
});
