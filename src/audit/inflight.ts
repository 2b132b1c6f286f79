/**
 * Blobs being scanned right now by some repository's worker, not yet committed to the state.
 * Another repository meeting one of them does not scan it again; it waits for the owner's commit
 * and then credits the findings to itself. Holds at most one batch per running worker.
 */
export class InflightBlobs {
  private readonly owners = new Map<string, { readonly repoId: string; readonly done: Promise<void>; readonly release: () => void }>();

  /** Claims the blob for `repoId`; false when another repository holds it. */
  claim(blobId: string, repoId: string): boolean {
    const owner = this.owners.get(blobId);
    if (owner) return owner.repoId === repoId;
    let release = (): void => {};
    const done = new Promise<void>((r) => (release = r));
    this.owners.set(blobId, { repoId, done, release });
    return true;
  }

  /** Resolves when the blob is no longer in flight (committed, or its owner gave up). */
  settled(blobId: string): Promise<void> {
    return this.owners.get(blobId)?.done ?? Promise.resolve();
  }

  release(blobIds: Iterable<string>, repoId: string): void {
    for (const id of blobIds) {
      const owner = this.owners.get(id);
      if (owner?.repoId !== repoId) continue;
      this.owners.delete(id);
      owner.release();
    }
  }

  /** Releases everything a repository still holds (it failed or was cancelled). */
  releaseAll(repoId: string): void {
    this.release([...this.owners.keys()], repoId);
  }
}
