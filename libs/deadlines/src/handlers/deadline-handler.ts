import { SetMetadata } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EscalationAction, PolicyRules } from '../policies/policy-rules';

export const DEADLINE_HANDLER = 'lcs:deadline-handler';

/** Marks a provider as the handler of one deadline kind (found by discovery in both processes). */
export const DeadlineKindHandler = () => SetMetadata(DEADLINE_HANDLER, true);

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

/** A domain module's handler of one deadline kind. `fire` runs at most once per level and version. */
export interface DeadlineHandler {
  readonly definition: DeadlineKindDefinition;
  fire(ctx: DeadlineFireContext): Promise<void>;
}
