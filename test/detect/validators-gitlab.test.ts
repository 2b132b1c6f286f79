import { describe, expect, it } from "vitest";
import { validateSecret } from "../../src/detect/validators.js";
import { fakeGitlabRoutableToken, randomFrom } from "../helpers/tokens.js";

const flipLast = (token: string): string => token.slice(0, -1) + (token.endsWith("a") ? "b" : "a");

describe("gitlab-checksum", () => {
  it("accepts routable tokens whose CRC32 tail matches, for every prefix form", () => {
    for (const prefix of ["glpat-", "gldt-", "glrt-t1_", "glcbt-"]) {
      expect(validateSecret(["gitlab-checksum"], fakeGitlabRoutableToken(prefix))).toBe("valid");
    }
  });

  it("rejects a routable token with a corrupted checksum or a corrupted body", () => {
    const token = fakeGitlabRoutableToken();
    expect(validateSecret(["gitlab-checksum"], flipLast(token))).toBe("invalid");
    const corrupted = token.slice(0, 8) + (token[8] === "A" ? "B" : "A") + token.slice(9);
    expect(validateSecret(["gitlab-checksum"], corrupted)).toBe("invalid");
  });

  it("rejects dotted tokens that lack the routable tail", () => {
    expect(validateSecret(["gitlab-checksum"], "glpat-abc.def")).toBe("invalid");
  });

  it("accepts legacy tokens, which carry no checksum", () => {
    const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_-";
    expect(validateSecret(["gitlab-checksum"], `glpat-${randomFrom(alphabet, 20)}`)).toBe("valid");
  });
});
