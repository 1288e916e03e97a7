// The export's manifest: one JSON line per finished file, appended only once the file is complete on disk,
// so a resumed export knows exactly what it need not render again.
import { appendFileSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const manifestName = '.mejora-export.jsonl';
/** Files being written carry this suffix until they are complete. */
export const partialSuffix = '.partial';

export type ManifestEntry = {
  /** Plan, format and locale: what the file is of. */
  key: string;
  planId: string;
  version: number;
  file: string;
  bytes: number;
  sha256: string;
  at: string;
};

/** The finished files of earlier runs whose file is still there, whole; by key. Damaged lines are skipped. */
export function readManifest(outDir: string): Map<string, ManifestEntry> {
  const done = new Map<string, ManifestEntry>();
  let text = '';
  try {
    text = readFileSync(join(outDir, manifestName), 'utf8');
  } catch {
    return done;
  }
  // A line cut short by an interruption is ended here, so that the next entry starts a line of its own.
  if (text.length > 0 && !text.endsWith('\n')) appendFileSync(join(outDir, manifestName), '\n');
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    let entry: ManifestEntry;
    try {
      entry = JSON.parse(line) as ManifestEntry;
    } catch {
      // The cut line's file is rendered again.
      continue;
    }
    if (typeof entry.key !== 'string' || typeof entry.file !== 'string') continue;
    try {
      if (statSync(join(outDir, entry.file)).size === entry.bytes) done.set(entry.key, entry);
    } catch {
      // The file was removed since: render it again.
    }
  }
  return done;
}

export function appendManifest(outDir: string, entry: ManifestEntry): void {
  appendFileSync(join(outDir, manifestName), `${JSON.stringify(entry)}\n`);
}

/** Removes files an interrupted run left half-written. */
export function removePartials(outDir: string): number {
  let removed = 0;
  for (const name of readdirSync(outDir)) {
    if (name.endsWith(partialSuffix)) {
      rmSync(join(outDir, name), { force: true });
      removed++;
    }
  }
  return removed;
}
