import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, ConfigService } from '@app/common';
import { NotificationMessage, Notifications } from '@app/notifications';

/** Notices taken per transaction (a run takes batches until none is due). */
const BATCH = 2_000;
/** Cases named per list in one mail; the rest are counted (`… +N`): the queue lists them all. */
export const DIGEST_LIST_MAX = 50;

interface DueCase {
  reference: string;
  priority: 'normal' | 'urgent';
  assigned_to: string;
  categories: string[];
}

export interface DigestRun {
  /** Digest mails enqueued (one per inspector with new cases, per batch). */
  mails: number;
  /** Cases they listed. */
  cases: number;
}

/** `CMP-2026-00042-7 (retained-documents, unpaid-wages); …`, at most DIGEST_LIST_MAX named, or `—` when none. */
export function caseList(cases: readonly { reference: string; categories: readonly string[] }[]): string {
  if (!cases.length) return '—';
  const named = cases.slice(0, DIGEST_LIST_MAX).map((c) => `${c.reference} (${c.categories.join(', ')})`);
  return cases.length > DIGEST_LIST_MAX ? `${named.join('; ')}; … +${cases.length - DIGEST_LIST_MAX}` : named.join('; ');
}

/**
 * The inspectors' digest of newly assigned cases (`complaint.assignments-digest`): filing leaves a
 * `complaint_assignment_notice` per assigned case instead of mailing the inspector, and this takes
 * the notices filed before the start of the current period (COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES,
 * periods counted from the epoch: on the hour for 60) and enqueues one mail per inspector listing
 * their cases, urgent first: references and allegation categories only, nothing of the complainant.
 * Because only notices from before the period's start are taken, several workers ticking at
 * different moments still send at most one digest per inspector per period. Notices are taken
 * `FOR UPDATE SKIP LOCKED` and deleted in the transaction that enqueues the mail: a crash sends
 * nothing and loses nothing. A case reassigned meanwhile is listed for its current assignee; a case
 * closed or no longer assigned is dropped.
 */
@Injectable()
export class AssignmentDigest {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly notifications: Notifications,
    private readonly clock: Clock,
    private readonly config: ConfigService,
  ) {}

  /** The start of the current digest period: notices before it are due. */
  periodStart(now: Date = this.clock.now()): Date {
    const period = this.config.get('complaints').COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES * 60_000;
    return new Date(Math.floor(now.getTime() / period) * period);
  }

  /** Every due batch, one transaction each; `stop` (a process shutting down) ends the run after the batch in hand. */
  async run(stop: () => boolean = () => false): Promise<DigestRun> {
    const before = this.periodStart();
    const total: DigestRun = { mails: 0, cases: 0 };
    for (;;) {
      const batch = await this.batch(before);
      total.mails += batch.mails;
      total.cases += batch.cases;
      if (batch.taken < BATCH || stop()) return total;
    }
  }

  private batch(before: Date): Promise<DigestRun & { taken: number }> {
    return this.db.transaction(async (m) => {
      const taken = (await m.query(
        `DELETE FROM complaint_assignment_notice n
          WHERE n.complaint_id IN (SELECT complaint_id FROM complaint_assignment_notice WHERE created_at < $1 ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING n.complaint_id`,
        [before, BATCH],
      )) as [{ complaint_id: string }[], number];
      const ids = taken[0].map((r) => r.complaint_id);
      if (!ids.length) return { mails: 0, cases: 0, taken: 0 };
      const rows = (await m.query(
        `SELECT c.reference, c.priority, c.assigned_to,
                ARRAY(SELECT DISTINCT a.category FROM allegation a WHERE a.complaint_id = c.id ORDER BY a.category) AS categories
           FROM complaint c
          WHERE c.id = ANY($1::uuid[]) AND c.stage <> 'closed' AND c.assigned_to IS NOT NULL
          ORDER BY c.assigned_to, (c.priority = 'urgent') DESC, c.created_at, c.reference`,
        [ids],
      )) as DueCase[];
      const byInspector = new Map<string, DueCase[]>();
      for (const r of rows) byInspector.set(r.assigned_to, [...(byInspector.get(r.assigned_to) ?? []), r]);
      const digestId = randomUUID();
      const mail: NotificationMessage[] = [...byInspector.entries()].map(([userId, cases]) => {
        const urgent = cases.filter((c) => c.priority === 'urgent');
        const other = cases.filter((c) => c.priority !== 'urgent');
        return {
          // The inspector's account: their address and language come from the recipient directory (a disabled inspector gets none).
          to: { user: userId },
          template: 'complaint.assignments-digest',
          data: { count: cases.length, urgentCount: urgent.length, urgentCases: caseList(urgent), otherCases: caseList(other) },
          dedupKey: `complaint.assignments-digest:${digestId}:${userId}`,
        };
      });
      const queued = await this.notifications.enqueueMany(m, mail);
      return { mails: queued.length, cases: rows.length, taken: ids.length };
    });
  }
}
