import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/**
 * Automatic assignment: the active inspector with the fewest open cases (ties: the one who has
 * gone longest without a new case, then by id, so the answer is stable). One installation serves
 * one ministry's jurisdiction; accounts carry no jurisdiction of their own yet.
 */
@Injectable()
export class Workloads {
  async leastLoadedInspector(m: EntityManager): Promise<string | null> {
    const rows = (await m.query(
      `SELECT u.id FROM app_user u
         LEFT JOIN complaint c ON c.assigned_to = u.id AND c.stage <> 'closed'
        WHERE u.active AND 'inspector' = ANY(u.roles)
        GROUP BY u.id
        ORDER BY count(c.id), max(c.created_at) NULLS FIRST, u.id
        LIMIT 1`,
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
