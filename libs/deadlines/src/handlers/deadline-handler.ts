import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EscalationAction, PolicyRules } from '../policies/policy-rules';

export const DEADLINE_HANDLER = 'lcs:deadline-handler';

/**
 * Marks a provider as the handler of one deadline kind (found by discovery in both processes).
 * The kind is named here too, so what handles which kind is known without building the
 * provider (the worker's declaration test reads it); it must be the definition's kind.
 */
export const DeadlineKindHandler = (kind: string) => SetMetadata(DEADLINE_HANDLER, kind);

/** The kind a class's `@DeadlineKindHandler(kind)` names, or undefined when it is no handler. */
export const deadlineKindOf = (type: object): string | undefined => Reflect.getMetadata(DEADLINE_HANDLER, type) as string | undefined;

export interface DeadlineKindDefinition {
  /** Dotted, e.g. 'complaint.triage', 'license.expiry'. */
  kind: string;
  description: string;
  /** The SPEC's default SLA, written to `sla_policy` when the kind has no row yet. */
  defaultPolicy: PolicyRules;
  /** Domain actions this kind's handler carries out besides the engine's notifications. */
  supportedActions: EscalationAction[];
}

export interface FiredDeadline {
  id: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  label: string;
  assigneeUserId: string | null;
  dueAt: Date;
  version: number;
}

export interface DeadlineFireContext {
  /** The transaction that records the firing: write the domain change through it. */
  manager: EntityManager;
  deadline: FiredDeadline;
  /** 0 reminder, 1 breach, 2+ escalation level. */
  level: number;
  /** The actions of this level that the handler must carry out (notifications are the engine's). */
  actions: EscalationAction[];
  now: Date;
  correlationId: string;
}

/**
 * What a handler's `fire` did, and so what the engine writes into the deadline row (the handler
 * never writes it: see docs/deadlines.md, "Outcomes"):
 * - `acted`: the kind's own action is done (the license expired, the suspension lifted, the
 *   conciliation went to adjudication, the appeal window closed the case, the order was paid from
 *   escrow): the deadline is over. The engine closes it as `met`; nothing further fires.
 * - `escalated`: the handler did something for this level (raised the priority, moved the case,
 *   sent a notice, put a hold) but what the deadline waits for is still owed: the row takes the
 *   level's usual step (reminder: pending; breach and escalations: breached) and the next level stays scheduled.
 * - `nothing`: nothing to do at this level (no domain action in it, or the subject moved on
 *   meanwhile): the same usual step as `escalated`.
 * Model: immich's job handlers returning `JobStatus`.
 */
export const DEADLINE_OUTCOMES = ['acted', 'escalated', 'nothing'] as const;
export type DeadlineOutcome = (typeof DEADLINE_OUTCOMES)[number];

/** A domain module's handler of one deadline kind. `fire` runs at most once per level and version. */
export interface DeadlineHandler {
  readonly definition: DeadlineKindDefinition;
  /** Writes the domain change through `ctx.manager`, never the deadline row itself (the engine's). */
  fire(ctx: DeadlineFireContext): Promise<DeadlineOutcome>;
  /**
   * Locks these subjects (`FOR UPDATE`, in the given order; `skip`: SKIP LOCKED) in the caller's
   * transaction and answers the ids it holds. The engine calls it before it locks the kind's
   * deadline rows, so a handler whose domain locks the subject before its deadlines (and whose
   * subject a deadline change writes into) shares that order with the engine (engine/subject-locks.ts).
   */
  lockSubjects?(m: EntityManager, subjectIds: readonly string[], mode: 'wait' | 'skip'): Promise<string[]>;
}
