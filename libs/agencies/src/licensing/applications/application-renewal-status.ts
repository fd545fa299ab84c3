import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { RenewalStatus } from '../extension-points';

/**
 * A renewal is pending while a renewal application for the license has been filed (submitted in
 * its window) and is not decided: submitted, under review, returned for correction, recommended.
 * A draft is not filed.
 */
@Injectable()
export class ApplicationRenewalStatus extends RenewalStatus {
  async renewalPending(m: EntityManager, licenseId: string): Promise<boolean> {
    const rows = (await m.query(
      `SELECT 1 FROM license_application
        WHERE license_id = $1 AND type = 'renewal' AND submitted_at IS NOT NULL
          AND state IN ('submitted','under_review','returned_for_correction','recommended')
        LIMIT 1`,
      [licenseId],
    )) as unknown[];
    return rows.length > 0;
  }
}
