import { ExecutionContext, Injectable } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail } from '@nestjs/throttler';
import { DomainException } from '@app/common';

export class TooManyAttemptsException extends DomainException {
  constructor(readonly retryAfterSeconds: number) {
    super('too-many-requests', 429, 'Too many requests', `Too many attempts; try again in ${retryAfterSeconds} seconds.`, {
      retryAfter: retryAfterSeconds,
    });
  }
}

/**
 * Limits sign-in and registration attempts per client address and per account (the `ip` and
 * `account` throttlers of ThrottleModule), counted in Redis so the limit holds across instances.
 */
@Injectable()
export class LoginThrottleGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    throw new TooManyAttemptsException(Math.max(1, Math.ceil(detail.timeToBlockExpire)));
  }
}
