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
      // Per inspector, an index-only count on ix_complaint_assignee (assigned_to, stage), not a scan of every open case.
      `SELECT u.id FROM app_user u
        WHERE u.active AND 'inspector' = ANY(u.roles)
        ORDER BY (SELECT count(*) FROM complaint c WHERE c.assigned_to = u.id AND c.stage <> 'closed'),
                 (SELECT max(c.created_at) FROM complaint c WHERE c.assigned_to = u.id) NULLS FIRST,
                 u.id
        LIMIT 1`,
    )) as { id: string }[];
    return rows[0]?.id ?? null;
  }
}
