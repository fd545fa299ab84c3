import { Injectable } from '@nestjs/common';

/** A handler wrote into the deadline row the engine is firing: only the engine writes it. */
export class DeadlineRowWrittenByHandlerError extends Error {
  constructor(id: string, kind: string) {
    super(
      `The handler of deadline kind ${kind} changed its own deadline ${id} while it fired; the engine alone writes it: return an outcome (acted, escalated, nothing) instead`,
    );
    this.name = 'DeadlineRowWrittenByHandlerError';
  }
}

/**
 * The deadlines whose handler is running in this process right now. DeadlineService refuses to
 * change one of them (meet, cancel, pause, …): the firing that holds the row writes it, from the
 * handler's outcome. Other deadlines (the same subject's other kinds) stay free to change.
 */
@Injectable()
export class FiringInProgress {
  private readonly firing = new Map<string, string>();

  async during<T>(id: string, kind: string, fn: () => Promise<T>): Promise<T> {
    this.firing.set(id, kind);
    try {
      return await fn();
    } finally {
      this.firing.delete(id);
    }
  }

  /** Throws when `id` is a deadline whose handler is running. */
  assertNotFiring(id: string): void {
    const kind = this.firing.get(id);
    if (kind !== undefined) throw new DeadlineRowWrittenByHandlerError(id, kind);
  }
}
