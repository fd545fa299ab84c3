import type { EntityManager } from 'typeorm';

/** A placement's worker and contract term, as other libraries may read them (libs/welfare's memberships). */
export interface PlacementWorker {
  placementId: string;
  workerName: string;
  workerPassportNumber: string;
  /** The worker's account, when the placing agency linked one (through the worker's email). */
  workerUserId: string | null;
  /** YYYY-MM-DD. */
  contractStart: string;
  contractMonths: number;
}

/** Which placements: every condition given must hold. */
export interface PlacementWorkerQuery {
  ids?: readonly string[];
  workerUserId?: string;
  passportNumber?: string;
}

/**
 * The placements' workers and contract terms, in the caller's transaction, so that no library but
 * this one reads `placement`. `ids` or `workerUserId` is required (each an index); an empty `ids`
 * finds none. Unordered.
 */
export async function placementWorkers(m: EntityManager, query: PlacementWorkerQuery): Promise<PlacementWorker[]> {
  if (!query.ids && query.workerUserId === undefined) throw new TypeError('placementWorkers: ids or workerUserId is required');
  if (query.ids && !query.ids.length) return [];
  const where: string[] = [];
  const params: unknown[] = [];
  if (query.ids) where.push(`id = ANY($${params.push([...query.ids])}::uuid[])`);
  if (query.workerUserId !== undefined) where.push(`worker_user_id = $${params.push(query.workerUserId)}`);
  if (query.passportNumber !== undefined) where.push(`worker_passport_number = $${params.push(query.passportNumber)}`);
  const rows = (await m.query(
    `SELECT id, worker_name, worker_passport_number, worker_user_id, to_char(contract_start, 'YYYY-MM-DD') AS contract_start, contract_months
       FROM placement WHERE ${where.join(' AND ')}`,
    params,
  )) as { id: string; worker_name: string; worker_passport_number: string; worker_user_id: string | null; contract_start: string; contract_months: number }[];
  return rows.map((r) => ({
    placementId: r.id,
    workerName: r.worker_name,
    workerPassportNumber: r.worker_passport_number,
    workerUserId: r.worker_user_id,
    contractStart: r.contract_start,
    contractMonths: r.contract_months,
  }));
}
