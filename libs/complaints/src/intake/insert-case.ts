import type { EntityManager } from 'typeorm';
import type { Complaint } from '../entities';
import { preparedQuery } from '@app/database';

/** An allegation as filed (every door: the public form, an account, a system case). */
export interface AllegationInput {
  category: string;
  facts: string;
  occurredOn?: string | null;
  amountMinor?: string | null;
  currency?: string | null;
  traffickingIndicators?: boolean;
  /** Set by the system door: a fee charged to a worker in a protected category (serious). */
  protectedCategoryFee?: boolean;
}

/**
 * Writes a new case in one statement: the complaint row as given (every column from the object),
 * its allegations (in the order given, positions from 1) and the `submitted` entry of its timeline. Plain SQL rather than three
 * TypeORM inserts: every filing goes through here, and each round trip counts
 * (docs/benchmarks.md, file-complaint). The columns are the entities' (Complaint, Allegation,
 * ComplaintEvent): a column added to one of them must be added here too (the complaints e2e
 * tests read filed cases back through the staff, agency and worker views).
 */
export async function insertCase(m: EntityManager, c: Complaint, allegations: AllegationInput[], by: { actorId: string | null; actorRole: string }): Promise<void> {
  const json = (v: unknown) => (v === null || v === undefined ? null : JSON.stringify(v));
  await preparedQuery(
    m,
    `WITH c AS (
       INSERT INTO complaint (id, reference, source, kind, channel, stage, outcome, priority, urgent_reasons, agency_id, recruiter_given, employer_name,
                              destination_country, placement_id, jurisdiction_code, language, complainant_user_id, complainant_name_enc, contact_email_enc,
                              contact_phone_enc, contact_email_index, anonymous, identity_protected, worker_abroad, secret_hash, assigned_to,
                              in_supervisor_queue, referral_target, close_reason, conciliation_extended, settlement, hearing, agency_answer,
                              source_event_id, refund_order_ids, fee_check, contract_check, version, created_at, updated_at, closed_at)
       VALUES ($1, $2, $3, $4, $5, $38, $39, $6, $7::jsonb, $8, $9, $10,
               $11, $12, $13, $14, $15, $16, $17,
               $18, $19, $20, $21, $22, $23, $24,
               $40, $41, $42, $43, $44::jsonb, $45::jsonb, $46,
               $25, $26::jsonb, $27::jsonb, $50::jsonb, $47, $28, $48, $49)
       RETURNING id
     ),
     a AS (
       INSERT INTO allegation (complaint_id, position, category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee)
       SELECT c.id, t.position, t.category, t.facts, t.occurred_on, t.amount_minor, t.currency, t.trafficking_indicators, t.protected_category_fee
         FROM c, unnest($29::text[], $30::text[], $31::date[], $32::bigint[], $33::text[], $34::boolean[], $35::boolean[])
                 WITH ORDINALITY AS t(category, facts, occurred_on, amount_minor, currency, trafficking_indicators, protected_category_fee, position)
     )
     INSERT INTO complaint_event (complaint_id, kind, from_stage, to_stage, body, visibility, actor_id, actor_role, at)
     SELECT c.id, 'submitted', NULL, $38, NULL, 'shared', $36, $37, $28 FROM c`,
    [
      c.id,
      c.reference,
      c.source,
      c.kind,
      c.channel,
      c.priority,
      json(c.urgentReasons),
      c.agencyId,
      c.recruiterGiven,
      c.employerName,
      c.destinationCountry,
      c.placementId,
      c.jurisdictionCode,
      c.language,
      c.complainantUserId,
      c.complainantNameEnc,
      c.contactEmailEnc,
      c.contactPhoneEnc,
      c.contactEmailIndex,
      c.anonymous,
      c.identityProtected,
      c.workerAbroad,
      c.secretHash,
      c.assignedTo,
      c.sourceEventId,
      json(c.refundOrderIds),
      json(c.feeCheck),
      c.createdAt,
      allegations.map((a) => a.category),
      allegations.map((a) => a.facts.trim()),
      allegations.map((a) => a.occurredOn ?? null),
      allegations.map((a) => a.amountMinor ?? null),
      allegations.map((a) => a.currency ?? null),
      allegations.map((a) => a.traffickingIndicators === true),
      allegations.map((a) => a.protectedCategoryFee === true),
      by.actorId,
      by.actorRole,
      c.stage,
      c.outcome,
      c.inSupervisorQueue,
      c.referralTarget,
      c.closeReason,
      c.conciliationExtended,
      json(c.settlement),
      json(c.hearing),
      c.agencyAnswer,
      c.version,
      c.updatedAt,
      c.closedAt,
      json(c.contractCheck),
    ],
  );
}
