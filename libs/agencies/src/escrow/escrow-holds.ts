import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { EntityManager, IsNull } from 'typeorm';
import { AgencyHold } from './agency-hold.entity';

/** The reason of the hold escrow places when the top-up deadline is missed. */
export const ESCROW_HOLD_REASON = 'escrow-below-requirement';

/** An active processing hold on an agency: while it lasts the agency may not place workers. */
export class AgencyHoldView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({
    example: 'escrow-below-requirement',
    description: "Why the agency is on hold, e.g. 'escrow-below-requirement' (the top-up deadline was missed).",
  })
  reason: string;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;
}

/**
 * Processing holds on agencies. `activeHold` is what licensing's "may this agency place workers
 * today?" asks; escrow places and lifts its own hold through `place` and `lift`.
 */
@Injectable()
export class EscrowHolds {
  /** The reason of the agency's active hold (the oldest, when several), or null when it has none. */
  async activeHold(m: EntityManager, agencyId: string): Promise<string | null> {
    return (await this.active(m, agencyId))?.reason ?? null;
  }

  async active(m: EntityManager, agencyId: string): Promise<AgencyHoldView | null> {
    const h = await m.findOne(AgencyHold, { where: { agencyId, liftedAt: IsNull() }, order: { startedAt: 'ASC' } });
    return h ? { id: h.id, reason: h.reason, startedAt: h.startedAt.toISOString() } : null;
  }

  /** Places a hold in the caller's transaction. Returns it, or null when one with that reason is already active. */
  async place(m: EntityManager, agencyId: string, reason: string, now: Date): Promise<AgencyHoldView | null> {
    const rows = (await m.query(
      `INSERT INTO agency_hold (agency_id, reason, started_at) VALUES ($1, $2, $3)
       ON CONFLICT (agency_id, reason) WHERE lifted_at IS NULL DO NOTHING
       RETURNING id`,
      [agencyId, reason, now],
    )) as { id: string }[];
    return rows.length ? { id: rows[0].id, reason, startedAt: now.toISOString() } : null;
  }

  /** Lifts the agency's active hold with that reason, in the caller's transaction. Returns the lifted hold's id, or null. */
  async lift(m: EntityManager, agencyId: string, reason: string, now: Date): Promise<string | null> {
    const rows = (await m.query(`UPDATE agency_hold SET lifted_at = $3 WHERE agency_id = $1 AND reason = $2 AND lifted_at IS NULL RETURNING id`, [
      agencyId,
      reason,
      now,
    ])) as [{ id: string }[], number];
    return rows[0][0]?.id ?? null;
  }
}
