import { describe, expect, it } from "vitest";
import { validateSecret } from "../../src/detect/validators.js";
import { fakeGrafanaServiceAccountToken } from "../helpers/tokens.js";

describe("grafana-sa-checksum", () => {
  it("accepts glsa_ tokens whose tail is the little-endian hex CRC32 of glsa_<secret>", () => {
    for (let i = 0; i < 20; i++) {
      expect(validateSecret(["grafana-sa-checksum"], fakeGrafanaServiceAccountToken())).toBe("valid");
    }
  });

  it("rejects a corrupted secret, a big-endian checksum and the wrong shape", () => {
    const token = fakeGrafanaServiceAccountToken();
    const corrupted = token.slice(0, 8) + (token[8] === "A" ? "B" : "A") + token.slice(9);
    expect(validateSecret(["grafana-sa-checksum"], corrupted)).toBe("invalid");
    const head = token.slice(0, -8);
    const littleEndian = token.slice(-8);
    const bigEndian = (littleEndian.match(/../g) ?? []).reverse().join("");
    expect(validateSecret(["grafana-sa-checksum"], head + bigEndian)).toBe(bigEndian === littleEndian ? "valid" : "invalid");
    expect(validateSecret(["grafana-sa-checksum"], "glsa_short_0000abcd")).toBe("invalid");
  });
});
