import { describe, expect, it } from "vitest";
import { parseCommitObject } from "../../src/git/commit-info.js";

const SHA = "0123456789abcdef0123456789abcdef01234567";

describe("parseCommitObject", () => {
  it("reads author, committer dates in their own time zones, and the first line of the message", () => {
    const raw = [
      "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
      "parent 1111111111111111111111111111111111111111",
      "author Ada Lovelace <ada@example.com> 1700000000 +0530",
      "committer Bot <bot@example.com> 1700003600 -0800",
      "gpgsig -----BEGIN PGP SIGNATURE-----",
      " abc",
      " -----END PGP SIGNATURE-----",
      "",
      "Add the key",
      "",
      "Body text.",
    ].join("\n");
    expect(parseCommitObject(SHA, raw)).toEqual({
      sha: SHA,
      author: "Ada Lovelace",
      email: "ada@example.com",
      authorDate: "2023-11-15T03:43:20+05:30",
      commitDate: "2023-11-14T15:13:20-08:00",
      summary: "Add the key",
    });
  });

  it("tolerates an empty name and a missing message", () => {
    const info = parseCommitObject(SHA, "tree x\nauthor <a@b> 0 +0000\ncommitter <a@b> 0 +0000");
    expect(info).toMatchObject({ author: "", email: "a@b", authorDate: "1970-01-01T00:00:00+00:00", summary: "" });
  });
});
