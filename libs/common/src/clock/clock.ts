import { DynamicModule, Global, Module } from '@nestjs/common';

/**
 * The one source of "now" for domain rules and jobs. Inject `Clock` rather than calling
 * `new Date()`, so tests can drive time (a deadline due in 30 days fires without waiting 30 days).
 */
export abstract class Clock {
  abstract now(): Date;
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}

/** A clock tests move by hand. Starts at the given instant (default: the real now) and stands still. */
export class ManualClock extends Clock {
  private current: number;

  constructor(start: Date = new Date()) {
    super();
    this.current = start.getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(instant: Date): void {
    this.current = instant.getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}

/** Provides `Clock` everywhere: the system clock, or the one given (tests). */
@Global()
@Module({})
export class ClockModule {
  static forRoot(clock: Clock = new SystemClock()): DynamicModule {
    return { module: ClockModule, providers: [{ provide: Clock, useValue: clock }], exports: [Clock] };
  }
}
