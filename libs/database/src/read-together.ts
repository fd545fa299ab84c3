import type { EntityManager } from 'typeorm';

type Reads<T extends readonly unknown[]> = { [K in keyof T]: () => Promise<T[K]> };

/**
 * Runs independent reads through `m`: side by side when `m` is the pool's manager (each read takes
 * its own connection), one after another when `m` belongs to a transaction, whose reads all go to
 * its one connection. A `Promise.all` there sends a query while another is executing, which pg 8
 * queues with a deprecation warning and pg 9 refuses (test/support/one-query-at-a-time.ts fails
 * the end-to-end tests on it).
 */
export async function readTogether<T extends readonly unknown[]>(m: EntityManager, reads: Reads<T>): Promise<T> {
  if (!m.queryRunner) return (await Promise.all(reads.map((read) => read()))) as unknown as T;
  const results: unknown[] = [];
  for (const read of reads) results.push(await read());
  return results as unknown as T;
}
