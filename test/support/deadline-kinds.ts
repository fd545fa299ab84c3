import { Injectable, Module, Optional } from '@nestjs/common';
import {
  DeadlineFireContext,
  DeadlineHandler,
  DeadlineKindDefinition,
  DeadlineKindHandler,
  DeadlineOutcome,
  DeadlineService,
  DeadlinesModule,
} from '@app/deadlines';

/** Every firing a test handler saw, in this process. */
export const firedLog: { kind: string; subjectId: string; level: number; actions: string[]; version: number }[] = [];

/**
 * What test.review's handler answers for a subject (default: `escalated` when the level has a
 * domain action, else `nothing`); 'write-own-row' makes it meet its own deadline instead, which
 * the engine must refuse.
 */
export const reviewAnswers = new Map<string, DeadlineOutcome | 'write-own-row'>();

/**
 * A deadline kind for the engine's tests: 10 business days, a reminder at 80%, level 1 at the
 * breach (notify the assignee, raise priority), level 2 48 hours later (supervisors).
 */
@DeadlineKindHandler('test.review')
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

  constructor(@Optional() private readonly deadlines?: DeadlineService) {}

  async fire(ctx: DeadlineFireContext): Promise<DeadlineOutcome> {
    // Written through the firing transaction, like a real handler's domain change.
    await ctx.manager.query('SELECT 1');
    firedLog.push({ kind: ctx.deadline.kind, subjectId: ctx.deadline.subjectId, level: ctx.level, actions: ctx.actions, version: ctx.deadline.version });
    const answer = reviewAnswers.get(ctx.deadline.subjectId);
    if (answer === 'write-own-row') {
      await this.deadlines!.meet(ctx.manager, ctx.deadline.subjectType, ctx.deadline.subjectId, ctx.deadline.kind);
      return 'acted';
    }
    return answer ?? (ctx.actions.length ? 'escalated' : 'nothing');
  }
}

/** A kind with a breach only and a caller-fixed due time: for volume and failure tests. */
@DeadlineKindHandler('test.burst')
@Injectable()
export class TestBurstHandler implements DeadlineHandler {
  readonly definition: DeadlineKindDefinition = {
    kind: 'test.burst',
    description: 'A test kind: one breach level that notifies the assignee',
    defaultPolicy: { durationDays: 1, counting: 'calendar', reminderShare: null, escalations: [{ afterHours: 0, actions: ['notify-assignee'] }] },
    supportedActions: [],
  };

  async fire(ctx: DeadlineFireContext): Promise<DeadlineOutcome> {
    firedLog.push({ kind: ctx.deadline.kind, subjectId: ctx.deadline.subjectId, level: ctx.level, actions: ctx.actions, version: ctx.deadline.version });
    return 'nothing';
  }
}

export const TEST_DEADLINE_HANDLERS = [TestReviewHandler, TestBurstHandler];

@Module({ imports: [DeadlinesModule], providers: TEST_DEADLINE_HANDLERS })
export class TestDeadlineKindsModule {}
