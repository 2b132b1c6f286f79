import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { validateSecret } from "../../src/detect/validators.js";
import { randomFrom } from "../helpers/tokens.js";

const ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const b64 = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64");
const b64url = (value: object): string => Buffer.from(JSON.stringify(value)).toString("base64url");
const valid = (secret: string): string => validateSecret(["json-payload"], secret);

describe("json-payload", () => {
  it("accepts a Sentry org token whose payload (up to the last '_') is base64 JSON", () => {
    const payload = b64({ iat: 1700000000.5, url: "https://sentry.io", region_url: "https://us.sentry.io", org: "acme" });
    expect(valid(`sntrys_${payload}_${randomBytes(32).toString("base64").replace(/=+$/, "")}`)).toBe("valid");
  });

  it("accepts a Mapbox token whose base64url payload contains '_' before the '.' separator", () => {
    // Choose a payload whose base64url form contains '_' so the first candidate cut is wrong.
    let payload = "";
    for (let i = 0; !payload.includes("_"); i++) payload = b64url({ u: `acme${i}`, a: randomFrom(ALNUM, 25) + "??>" });
    expect(valid(`sk.${payload}.${randomFrom(ALNUM, 22)}`)).toBe("valid");
  });

  it("accepts whole-token payloads (1Password ops_, Grafana Cloud glc_)", () => {
    expect(valid(`ops_${b64({ signInAddress: "my.1password.com", email: "x@example.com" })}`)).toBe("valid");
    expect(valid(`glc_${b64({ o: "123", n: "stack", k: randomFrom(ALNUM, 24) }).replace(/=+$/, "")}`)).toBe("valid");
  });

  it("rejects random base64 after the eyJ marker, a missing marker and stray characters", () => {
    expect(valid(`sntrys_eyJ${randomFrom(ALNUM, 60)}_${randomFrom(ALNUM, 43)}`)).toBe("invalid");
    expect(valid(`sk.${randomFrom(ALNUM, 60)}.${randomFrom(ALNUM, 22)}`)).toBe("invalid");
    expect(valid(`ops_eyJ${randomFrom(ALNUM, 20)}!${randomFrom(ALNUM, 20)}`)).toBe("invalid");
  });
});
