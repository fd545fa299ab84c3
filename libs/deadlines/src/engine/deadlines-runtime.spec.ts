import { EventEmitter } from 'node:events';
import { DeadlinesRuntime } from './deadlines-runtime.service';

/** The runtime's timers against a scheduler stand-in: when it sweeps, and when it stops. */
describe('DeadlinesRuntime', () => {
  const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
  let runtime: DeadlinesRuntime | undefined;

  function build(scheduler: { sweep: jest.Mock; scheduleDue: jest.Mock; markerPresent: jest.Mock }) {
    const redis = new EventEmitter();
    const config = { get: () => ({ DEADLINE_SCHEDULER_INTERVAL_MS: 50, DEADLINE_SWEEP_INTERVAL_SECONDS: 3600 }) };
    const db = { query: jest.fn().mockResolvedValue([]) };
    const registry = { get: () => undefined };
    runtime = new DeadlinesRuntime(db as never, registry as never, scheduler as never, config as never, redis as never);
    return { runtime, redis };
  }

  const scheduler = (overrides: Partial<Record<'sweep' | 'scheduleDue' | 'markerPresent', jest.Mock>> = {}) => ({
    sweep: jest.fn().mockResolvedValue({ redisReset: false, requeued: 0, firedDirectly: 0 }),
    scheduleDue: jest.fn().mockResolvedValue(0),
    markerPresent: jest.fn().mockResolvedValue(true),
    ...overrides,
  });

  afterEach(async () => {
    runtime?.onModuleDestroy();
    await runtime?.beforeApplicationShutdown();
    runtime = undefined;
  });

  it('sweeps once at start-up, then not again while Redis keeps its marker (the interval is an hour)', async () => {
    const s = scheduler();
    const { runtime } = build(s);
    await runtime.onApplicationBootstrap();
    await wait(300);
    expect(s.sweep).toHaveBeenCalledTimes(1);
    expect(s.scheduleDue.mock.calls.length).toBeGreaterThan(2);
  });

  it('a sweep that failed (Redis down) is retried at the next scheduler tick, not at the next interval', async () => {
    const s = scheduler({
      sweep: jest.fn().mockRejectedValueOnce(new Error("Stream isn't writeable")).mockResolvedValue({ redisReset: true, requeued: 3, firedDirectly: 0 }),
    });
    const { runtime } = build(s);
    await runtime.onApplicationBootstrap();
    await wait(300);
    expect(s.sweep).toHaveBeenCalledTimes(2);
  });

  it('sweeps at once when a tick finds the marker gone (Redis flushed while connected)', async () => {
    const present = jest.fn().mockResolvedValue(true);
    const s = scheduler({ markerPresent: present });
    const { runtime } = build(s);
    await runtime.onApplicationBootstrap();
    await wait(150);
    expect(s.sweep).toHaveBeenCalledTimes(1);
    present.mockResolvedValueOnce(false);
    await wait(200);
    expect(s.sweep).toHaveBeenCalledTimes(2);
  });

  it('sweeps at once when Redis is back after an outage', async () => {
    const s = scheduler();
    const { runtime, redis } = build(s);
    await runtime.onApplicationBootstrap();
    await wait(100);
    expect(s.sweep).toHaveBeenCalledTimes(1);
    redis.emit('ready');
    await wait(20);
    expect(s.sweep).toHaveBeenCalledTimes(2);
  });

  it('on shutdown: no tick after the signal, and it waits for the sweep in hand', async () => {
    let finish!: () => void;
    const s = scheduler({ sweep: jest.fn().mockImplementation(() => new Promise<null>((r) => (finish = () => r(null)))) });
    const { runtime, redis } = build(s);
    await runtime.onApplicationBootstrap();
    runtime.onModuleDestroy();
    const ticks = s.scheduleDue.mock.calls.length;
    let done = false;
    const stopped = runtime.beforeApplicationShutdown().then(() => (done = true));
    await wait(150);
    expect(done).toBe(false);
    redis.emit('ready');
    finish();
    await stopped;
    expect(s.scheduleDue.mock.calls.length).toBe(ticks);
    expect(s.sweep).toHaveBeenCalledTimes(1);
  });
});
