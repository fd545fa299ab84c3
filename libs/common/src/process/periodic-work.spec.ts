import { Logger } from '@nestjs/common';
import { PeriodicWork } from './periodic-work';

/** A run that finishes when the test says so. */
class Gate {
  open!: (value: number) => void;
  fail!: (e: Error) => void;
  readonly promise = new Promise<number>((resolve, reject) => {
    this.open = resolve;
    this.fail = reject;
  });
}

class Probe extends PeriodicWork<number> {
  readonly name = 'probe';
  readonly everyMs = 60_000;
  readonly gates: Gate[] = [];
  readonly sawStopping: boolean[] = [];
  constructor(private readonly on = true) {
    super();
  }
  override get enabled(): boolean {
    return this.on;
  }
  protected work(stopping: () => boolean): Promise<number> {
    const gate = new Gate();
    this.gates.push(gate);
    return gate.promise.then((n) => {
      this.sawStopping.push(stopping());
      return n;
    });
  }
  protected override describe(n: number): string | undefined {
    return n ? `${n} done` : undefined;
  }
}

const flush = () => new Promise((r) => setImmediate(r));

describe('PeriodicWork', () => {
  let log: jest.SpyInstance;
  let error: jest.SpyInstance;
  beforeEach(() => {
    log = jest.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  it('never runs twice at once: a tick during a run joins it', async () => {
    const p = new Probe();
    const first = p.tick();
    const second = p.tick();
    expect(p.gates).toHaveLength(1);
    p.gates[0].open(3);
    await Promise.all([first, second]);
    expect(log).toHaveBeenCalledTimes(1);
    expect(log).toHaveBeenCalledWith('probe: 3 done');
    // The next tick after the run ended starts a new one.
    const third = p.tick();
    expect(p.gates).toHaveLength(2);
    p.gates[1].open(0);
    await third;
    expect(log).toHaveBeenCalledTimes(1); // nothing to say about an empty run
  });

  it('logs a failed run and tries again at the next tick', async () => {
    const p = new Probe();
    const failing = p.tick();
    p.gates[0].fail(new Error('database gone'));
    await expect(failing).resolves.toBeUndefined();
    expect(error).toHaveBeenCalledWith('probe failed: database gone');
    const next = p.tick();
    expect(p.gates).toHaveLength(2);
    p.gates[1].open(1);
    await next;
    expect(log).toHaveBeenCalledWith('probe: 1 done');
  });

  it('at shutdown stops ticking, tells the run in progress to stop, and waits for it', async () => {
    const p = new Probe();
    p.onApplicationBootstrap();
    const running = p.tick();
    p.onModuleDestroy();
    let waited = false;
    const shutdown = p.beforeApplicationShutdown().then(() => (waited = true));
    await flush();
    expect(waited).toBe(false); // still waiting for the run
    p.gates[0].open(2);
    await Promise.all([running, shutdown]);
    expect(waited).toBe(true);
    expect(p.sawStopping).toEqual([true]);
    // No new run once stopping.
    await p.tick();
    expect(p.gates).toHaveLength(1);
    await expect(p.runNow()).rejects.toThrow('probe: the process is shutting down');
  });

  it('a failed run in progress does not fail the shutdown', async () => {
    const p = new Probe();
    const run = p.runNow();
    p.onModuleDestroy();
    p.gates[0].fail(new Error('boom'));
    await expect(run).rejects.toThrow('boom');
    await expect(p.beforeApplicationShutdown()).resolves.toBeUndefined();
  });

  it('starts no timer when the work is off, and one (unref-ed) when on', () => {
    const setInterval = jest.spyOn(global, 'setInterval');
    new Probe(false).onApplicationBootstrap();
    expect(setInterval).not.toHaveBeenCalled();
    const p = new Probe(true);
    p.onApplicationBootstrap();
    expect(setInterval).toHaveBeenCalledWith(expect.any(Function), 60_000);
    const timer = setInterval.mock.results[0].value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    p.onModuleDestroy();
  });
});
