import { mkdir, open, readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { KeyObject } from 'node:crypto';
import { AuditCheckpoint, CheckpointLineProblem, readCheckpointLine } from './checkpoint';

const FILE = /^audit-checkpoints-\d{4}-\d{2}\.jsonl$/;

/** The file a checkpoint taken at `at` goes to: one per UTC month, so old ones can be archived. */
export const checkpointFileName = (at: Date): string => `audit-checkpoints-${at.toISOString().slice(0, 7)}.jsonl`;

/**
 * Appends signed lines to the month's file in `dir` (created if missing), in one write opened in
 * append mode, then flushes it to disk. Nothing is ever rewritten: keep the directory on storage
 * that refuses rewrites too (another host, `chattr +a`, an object store with retention).
 */
export async function appendCheckpointLines(dir: string, lines: string[], at: Date): Promise<string> {
  const file = join(dir, checkpointFileName(at));
  if (!lines.length) return file;
  await mkdir(dir, { recursive: true, mode: 0o750 });
  const handle = await open(file, 'a', 0o640);
  try {
    await handle.write(lines.map((l) => `${l}\n`).join(''));
    await handle.sync();
  } finally {
    await handle.close();
  }
  return file;
}

export interface StoredCheckpoints {
  checkpoints: AuditCheckpoint[];
  /** Lines that were refused, by file and line number (1-based). */
  problems: { file: string; line: number; problem: CheckpointLineProblem }[];
}

/** Every checkpoint in `dir`, each line's signature checked with the public key. A missing directory holds none. */
export async function readCheckpoints(dir: string, publicKey: KeyObject): Promise<StoredCheckpoints> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => FILE.test(n)).sort();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { checkpoints: [], problems: [] };
    throw e;
  }
  const result: StoredCheckpoints = { checkpoints: [], problems: [] };
  for (const name of names) {
    const lines = (await readFile(join(dir, name), 'utf8')).split('\n');
    lines.forEach((text, i) => {
      if (!text.trim()) return;
      const read = readCheckpointLine(text, publicKey);
      if (typeof read === 'string') result.problems.push({ file: name, line: i + 1, problem: read });
      else result.checkpoints.push(read);
    });
  }
  return result;
}
