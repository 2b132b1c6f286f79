/** `GitBackend.readObjects` for backends that read one object at a time: a window of reads kept in flight. */
import type { BlobData } from "./backend.js";

const READS_IN_FLIGHT = 16;

export async function* readAhead(ids: Iterable<string>, read: (id: string) => Promise<BlobData>): AsyncGenerator<BlobData> {
  const next = ids[Symbol.iterator]();
  const reads: Promise<BlobData>[] = [];
  for (;;) {
    while (reads.length < READS_IN_FLIGHT) {
      const step = next.next();
      if (step.done) break;
      const pending = read(step.value);
      // A failure surfaces when its read reaches the front; it must not go unhandled meanwhile.
      pending.catch(() => undefined);
      reads.push(pending);
    }
    const front = reads.shift();
    if (!front) return;
    yield await front;
  }
}
