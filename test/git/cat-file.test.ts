import { afterEach, describe, expect, it } from "vitest";
import { CatFileReader } from "../../src/git/cat-file.js";
import { GitFixture } from "../helpers/git-fixture.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.cleanup();
});

describe("CatFileReader.readAll", () => {
  it("streams objects in the order asked (commits and blobs alike), skipping the bytes of oversized ones", async () => {
    const f = GitFixture.create();
    fixtures.push(f);
    const sizes = [10, 5000, 300_000, 7, 70_000];
    sizes.forEach((size, i) => f.write(`file-${i}.txt`, `${String(i).repeat(size)}\n`));
    const commit = f.commit("files");
    const blobs = sizes.map((_, i) => f.git("rev-parse", `HEAD:file-${i}.txt`).trim());
    // Many more requests than the reader keeps in flight, so it tops up and runs ahead.
    const ids = Array.from({ length: 300 }, (_, k) => (k % 7 === 0 ? commit : blobs[k % blobs.length]!));
    const reader = new CatFileReader({ gitdir: `${f.dir}/.git`, cwd: f.dir });
    try {
      const seen: { id: string; size: number; bytes?: number }[] = [];
      for await (const object of reader.readAll(ids, 100_000)) seen.push({ id: object.id, size: object.size, ...(object.bytes ? { bytes: object.bytes.length } : {}) });
      expect(seen.map((o) => o.id)).toEqual(ids);
      const third = seen.find((o) => o.id === blobs[2]!)!;
      expect(third).toEqual({ id: blobs[2], size: 300_001 });
      const second = seen.find((o) => o.id === blobs[1]!)!;
      expect(second).toEqual({ id: blobs[1], size: 5001, bytes: 5001 });
    } finally {
      await reader.close();
    }
  });

  it("fails at a missing object, with its id", async () => {
    const f = GitFixture.create();
    fixtures.push(f);
    f.write("a.txt", "a\n").commit("a");
    const reader = new CatFileReader({ gitdir: `${f.dir}/.git`, cwd: f.dir });
    try {
      const missing = "0123456789abcdef0123456789abcdef01234567";
      const read = async (): Promise<void> => {
        for await (const _ of reader.readAll([f.git("rev-parse", "HEAD:a.txt").trim(), missing], 1000)) void _;
      };
      await expect(read()).rejects.toThrow(missing);
    } finally {
      await reader.close();
    }
  });
});

describe("CatFileReader.close", () => {
  it("returns when a consumer stops early while git's output is held back", async () => {
    const f = GitFixture.create();
    fixtures.push(f);
    // Twelve 1 MB blobs: more than the 8 MiB the reader lets wait, so it pauses git's output.
    for (let i = 0; i < 12; i++) f.write(`big-${i}.txt`, `${String.fromCharCode(97 + i).repeat(1 << 20)}\n`);
    f.commit("big files");
    const ids = Array.from({ length: 12 }, (_, i) => f.git("rev-parse", `HEAD:big-${i}.txt`).trim());
    const reader = new CatFileReader({ gitdir: `${f.dir}/.git`, cwd: f.dir });
    for await (const blob of reader.readAll(ids, 2 << 20)) {
      expect(blob.size).toBe((1 << 20) + 1);
      // Let git's output pile up past the limit before stopping.
      await new Promise((resolve) => setTimeout(resolve, 200));
      break;
    }
    await reader.close();
  }, 10_000);
});
