// Files kept in the database in chunks: written from a stream, read back as a stream, one chunk in memory at a
// time. Any server on the same database can send a file another one wrote.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import type { Executor } from '../client.ts';
import { type StoredFilePurpose, storedFileChunks, storedFiles } from '../schema/index.ts';

/** A chunk's size: large enough that a 100 MB zip is 400 rows, small enough to stay out of the way. */
export const storedFileChunkBytes = 256 * 1024;

export type StoredFile = { id: string; bytes: number; sha256: string; chunkCount: number };

/**
 * Writes the bytes of `source` as a new file of the organisation, inside the caller's transaction (so the file
 * exists exactly when the row that points at it says so). Chunks go in as they fill; nothing is held whole.
 */
export async function storeFile(
  tx: Executor,
  file: { orgId: string; purpose: StoredFilePurpose; contentType: string },
  source: AsyncIterable<Buffer | Uint8Array | string>,
): Promise<StoredFile> {
  const [row] = await tx
    .insert(storedFiles)
    .values({ ...file, bytes: 0, sha256: '', chunkCount: 0 })
    .returning({ id: storedFiles.id });
  const hash = createHash('sha256');
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let bytes = 0;
  let seq = 0;
  const flush = async (all: boolean) => {
    while (pendingBytes >= storedFileChunkBytes || (all && pendingBytes > 0)) {
      const joined = Buffer.concat(pending);
      const data = joined.subarray(0, storedFileChunkBytes);
      const rest = joined.subarray(data.length);
      await tx.insert(storedFileChunks).values({ fileId: row.id, orgId: file.orgId, seq, data });
      seq += 1;
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
    }
  };
  for await (const piece of source) {
    const buffer = typeof piece === 'string' ? Buffer.from(piece) : Buffer.from(piece);
    hash.update(buffer);
    bytes += buffer.length;
    pending.push(buffer);
    pendingBytes += buffer.length;
    await flush(false);
  }
  await flush(true);
  const stored = { id: row.id, bytes, sha256: hash.digest('hex'), chunkCount: seq };
  await tx
    .update(storedFiles)
    .set({ bytes, sha256: stored.sha256, chunkCount: seq })
    .where(and(eq(storedFiles.orgId, file.orgId), eq(storedFiles.id, row.id)));
  return stored;
}

/** The file's description, or null when the organisation has no such file. */
export async function findStoredFile(
  db: Executor,
  orgId: string,
  fileId: string,
): Promise<StoredFile | null> {
  const [row] = await db
    .select({
      id: storedFiles.id,
      bytes: storedFiles.bytes,
      sha256: storedFiles.sha256,
      chunkCount: storedFiles.chunkCount,
    })
    .from(storedFiles)
    .where(and(eq(storedFiles.orgId, orgId), eq(storedFiles.id, fileId)));
  return row ?? null;
}

/** The file's bytes as a stream that reads one chunk from the database at a time, as the reader asks. */
export function readStoredFile(db: Executor, orgId: string, file: StoredFile): Readable {
  let seq = 0;
  return new Readable({
    async read() {
      if (seq >= file.chunkCount) {
        this.push(null);
        return;
      }
      try {
        const [chunk] = await db
          .select({ data: storedFileChunks.data })
          .from(storedFileChunks)
          .where(
            and(
              eq(storedFileChunks.orgId, orgId),
              eq(storedFileChunks.fileId, file.id),
              eq(storedFileChunks.seq, seq),
            ),
          );
        if (!chunk) throw new Error(`stored file ${file.id} is missing chunk ${seq}`);
        seq += 1;
        this.push(chunk.data);
      } catch (error) {
        this.destroy(error as Error);
      }
    },
  });
}

/** Removes a file and its chunks. */
export async function removeStoredFile(db: Executor, orgId: string, fileId: string): Promise<void> {
  await db.delete(storedFiles).where(and(eq(storedFiles.orgId, orgId), eq(storedFiles.id, fileId)));
}
