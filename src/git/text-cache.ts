/**
 * Recently scanned blob texts, kept so that the next version of a file can be compared with
 * its previous one without reading that one again. Bounded by total size (least recently used
 * out first); a miss simply costs one more read.
 */
export class TextCache {
  private readonly texts = new Map<string, string>();
  private size = 0;

  constructor(private readonly maxChars: number) {}

  has(id: string): boolean {
    return this.texts.has(id);
  }

  get(id: string): string | undefined {
    const text = this.texts.get(id);
    if (text === undefined) return undefined;
    // Re-insert: Map order is the recency order.
    this.texts.delete(id);
    this.texts.set(id, text);
    return text;
  }

  set(id: string, text: string): void {
    if (text.length > this.maxChars || this.texts.has(id)) return;
    this.texts.set(id, text);
    this.size += text.length;
    for (const [oldest, old] of this.texts) {
      if (this.size <= this.maxChars) break;
      this.texts.delete(oldest);
      this.size -= old.length;
    }
  }
}
