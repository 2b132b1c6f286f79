/**
 * Recently scanned blobs' bytes, kept so that the next version of a file can be compared with
 * its previous one without reading that one again. Bounded by total size (least recently used
 * out first); a miss simply costs one more read.
 */
export class BlobCache {
  private readonly blobs = new Map<string, Buffer>();
  private size = 0;

  constructor(private readonly maxBytes: number) {}

  has(id: string): boolean {
    return this.blobs.has(id);
  }

  get(id: string): Buffer | undefined {
    const bytes = this.blobs.get(id);
    if (bytes === undefined) return undefined;
    // Re-insert: Map order is the recency order.
    this.blobs.delete(id);
    this.blobs.set(id, bytes);
    return bytes;
  }

  set(id: string, bytes: Buffer): void {
    if (bytes.length > this.maxBytes || this.blobs.has(id)) return;
    this.blobs.set(id, bytes);
    this.size += bytes.length;
    for (const [oldest, old] of this.blobs) {
      if (this.size <= this.maxBytes) break;
      this.blobs.delete(oldest);
      this.size -= old.length;
    }
  }
}
