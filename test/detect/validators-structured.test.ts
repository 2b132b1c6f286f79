import { describe, expect, it } from "vitest";
import { validateSecret } from "../../src/detect/validators.js";

const b64 = (text: string): string => Buffer.from(text, "latin1").toString("base64");

describe("base64-user-pass validator", () => {
  it("accepts base64 of user:password, with or without padding", () => {
    expect(validateSecret(["base64-user-pass"], b64("deploy:hFPFNhdEQnryRz"))).toBe("valid");
    expect(validateSecret(["base64-user-pass"], b64("_token:1234.abc").replace(/=+$/, ""))).toBe("valid");
  });

  it("rejects a bare user name, an empty password, binary data and non-base64 text", () => {
    expect(validateSecret(["base64-user-pass"], b64("justausername"))).toBe("invalid");
    expect(validateSecret(["base64-user-pass"], b64("admin:"))).toBe("invalid");
    expect(validateSecret(["base64-user-pass"], b64("\u0001\u00ff:\u0002binary"))).toBe("invalid");
    expect(validateSecret(["base64-user-pass"], "<base64 of user:pass>")).toBe("invalid");
  });
});
