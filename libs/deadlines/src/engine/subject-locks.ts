import { Injectable } from '@nestjs/common';
import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { DeadlineHandler } from '../handlers/deadline-handler';
import { DeadlineHandlerRegistry } from '../handlers/handler-registry';

/** What the engine needs of a deadline to lock its subject: its kind (hence its handler) and subject. */
export interface SubjectOf {
  kind: string;
  subjectId: string;
}

/**
 * One lock order for a subject and its deadlines: the subject first, then its deadline rows.
 *
 * A domain move locks its subject (a case), then meets, cancels or starts the subject's deadlines;
 * a deadline change can also write back into its subject in the same transaction (the case's
 * `next_due_at` is kept by a trigger on `deadline`). Were the engine to lock a deadline first and
 * its subject second (a firing's handler, a policy recomputation's trigger), a move on the same
 * case at the same moment would wait on the deadline while the engine waits on the case: Postgres
 * then aborts one of the two (a 500 for the inspector). So the engine asks the kind's handler to
 * lock the subjects first (`DeadlineHandler.lockSubjects`) and only then locks the deadline rows.
 * Kinds whose handler locks nothing keep the deadline-only lock.
 */
@Injectable()
export class SubjectLocks {
  constructor(private readonly registry: DeadlineHandlerRegistry) {}

  /**
   * Locks the subjects of `deadlines` in the caller's transaction. `wait` waits for each (in id
   * order, so two waiters cannot cross) and returns every deadline; `skip` passes over subjects
   * another transaction holds and returns only the deadlines whose subject is now held (plus
   * those of kinds that lock no subject).
   */
  async hold<T extends SubjectOf>(m: EntityManager, deadlines: readonly T[], mode: 'wait' | 'skip'): Promise<T[]> {
    const wanted = new Map<DeadlineHandler, Set<string>>();
    for (const d of deadlines) {
      const handler = this.registry.get(d.kind);
      if (!handler?.lockSubjects) continue;
      const ids = wanted.get(handler) ?? new Set<string>();
      wanted.set(handler, ids.add(d.subjectId));
    }
    const held = new Map<DeadlineHandler, Set<string>>();
    for (const [handler, ids] of wanted) held.set(handler, new Set(await handler.lockSubjects!(m, [...ids].sort(), mode)));
    return deadlines.filter((d) => {
      const handler = this.registry.get(d.kind);
      return !handler?.lockSubjects || held.get(handler)!.has(d.subjectId);
    });
  }
}

/**
 * A handler's `lockSubjects` for subjects that are rows of one entity keyed by `id`: locks them
 * (`FOR UPDATE`, in id order; `skip`: SKIP LOCKED) and answers the ids it holds. The ids are one
 * array parameter (`= ANY($1)`), not one parameter each: Postgres takes at most 65,535 of those.
 */
export async function lockSubjectRows(m: EntityManager, entity: EntityTarget<ObjectLiteral>, ids: readonly string[], mode: 'wait' | 'skip'): Promise<string[]> {
  if (!ids.length) return [];
  const qb = m
    .createQueryBuilder(entity, 's')
    .select('s.id', 'id')
    .where('s.id = ANY(:ids)', { ids: [...ids] })
    .orderBy('s.id')
    .setLock('pessimistic_write');
  if (mode === 'skip') qb.setOnLocked('skip_locked');
  return ((await qb.getRawMany()) as { id: string }[]).map((r) => r.id);
}
