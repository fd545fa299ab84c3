import { Injectable, Module } from '@nestjs/common';
import { DeadlineFireContext, DeadlineHandler, DeadlineKindDefinition, DeadlineKindHandler } from '@app/deadlines';

/** Every firing a test handler saw, in this process. */
export const firedLog: { kind: string; subjectId: string; level: number; actions: string[]; version: number }[] = [];

/**
 * A deadline kind for the engine's tests: 10 business days, a reminder at 80%, level 1 at the
 * breach (notify the assignee, raise priority), level 2 48 hours later (supervisors).
 */
@DeadlineKindHandler()
@Injectable()
export class TestReviewHandler implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: 'test.review',
    description: 'A test kind: ten business days to review something',
    defaultPolicy: {
      durationDays: 10,
      counting: 'business',
      reminderShare: 0.8,
      escalations: [
        { afterHours: 0, actions: ['notify-assignee', 'raise-priority'] },
        { afterHours: 48, actions: ['notify-supervisors', 'move-to-supervisors-queue'] },
      ],
    },
    supportedActions: ['raise-priority', 'move-to-supervisors-queue'],
  };

  async fire(ctx: DeadlineFireContext): Promise<void> {
    // Written through the firing transaction, like a real handler's domain change.
    await ctx.manager.query('SELECT 1');
    firedLog.push({ kind: ctx.deadline.kind, subjectId: ctx.deadline.subjectId, level: ctx.level, actions: ctx.actions, version: ctx.deadline.version });
  }
}

/** A kind with a breach only and a caller-fixed due time: for volume and failure tests. */
@DeadlineKindHandler()
@Injectable()
export class TestBurstHandler implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: 'test.burst',
    description: 'A test kind: one breach level that notifies the assignee',
    defaultPolicy: { durationDays: 1, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['notify-assignee'] }] },
    supportedActions: [],
  };

  async fire(ctx: DeadlineFireContext): Promise<void> {
    firedLog.push({ kind: ctx.deadline.kind, subjectId: ctx.deadline.subjectId, level: ctx.level, actions: ctx.actions, version: ctx.deadline.version });
  }
}

export const TEST_DEADLINE_HANDLERS = [TestReviewHandler, TestBurstHandler];

@Module({ providers: TEST_DEADLINE_HANDLERS })
export class TestDeadlineKindsModule {}
