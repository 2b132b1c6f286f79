import { describe, expect, it } from "vitest";
import { validateSecret } from "../../src/detect/validators.js";
import { fakeAtlassianApiToken } from "../helpers/tokens.js";

const corruptAt = (token: string, index: number): string =>
  token.slice(0, index) + (token[index] === "A" ? "B" : "A") + token.slice(index + 1);

describe("atlassian-checksum", () => {
  it("accepts tokens whose upper-hex CRC32 tail covers everything up to and including '='", () => {
    for (let i = 0; i < 20; i++) expect(validateSecret(["atlassian-checksum"], fakeAtlassianApiToken())).toBe("valid");
  });

  it("rejects a corrupted body, a corrupted checksum and a missing tail", () => {
    const token = fakeAtlassianApiToken();
    expect(validateSecret(["atlassian-checksum"], corruptAt(token, 20))).toBe("invalid");
    expect(validateSecret(["atlassian-checksum"], corruptAt(token, token.length - 1))).toBe("invalid");
    expect(validateSecret(["atlassian-checksum"], token.slice(0, -9))).toBe("invalid");
  });
});
