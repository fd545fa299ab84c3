import type { FastifyReply } from 'fastify';
import { AppConfig, ConfigService, renderProblem } from '@app/common';
import { EXPORT_BUSY_RETRY_AFTER_SECONDS, ExportSlots, ExportsBusyException } from './export-slots';

const slots = (streams: number, pool: number) =>
  new ExportSlots(new ConfigService({ database: { DATABASE_EXPORT_STREAMS: streams, DATABASE_POOL_SIZE: pool } } as unknown as AppConfig));

const reply = () => {
  const headers: Record<string, string> = {};
  const r = { header: (k: string, v: string) => ((headers[k] = v), r) };
  return { reply: r as unknown as FastifyReply, headers };
};

describe('ExportSlots', () => {
  it('takes up to its cap; past it refuses with 503 and Retry-After; a release (once, however often called) frees one', () => {
    const s = slots(2, 10);
    const first = s.take();
    s.take();
    expect(s.inUse).toBe(2);
    let refused: unknown;
    try {
      s.take();
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ExportsBusyException);
    // The problem renderer turns the refusal's retryAfter into the header.
    expect(renderProblem(refused, 'c').headers['Retry-After']).toBe(String(EXPORT_BUSY_RETRY_AFTER_SECONDS));
    first();
    first();
    expect(s.inUse).toBe(1);
    s.take();
    expect(() => s.take()).toThrow(ExportsBusyException);
  });

  it('leaves two connections of the pool to the other requests, and streams at least one', () => {
    expect(slots(4, 10).max).toBe(4);
    expect(slots(50, 10).max).toBe(8);
    expect(slots(4, 3).max).toBe(1);
    expect(slots(4, 1).max).toBe(1);
  });

  it('the refusal is a problem a client can act on', () => {
    const e = new ExportsBusyException(4);
    expect(e).toMatchObject({ code: 'service-unavailable', status: 503, extensions: { retryAfter: EXPORT_BUSY_RETRY_AFTER_SECONDS } });
    expect(e.detail).toMatch(/4 downloads/);
  });

  it('gives the slot back when the rows fail to open (the route answers problem+json)', async () => {
    const s = slots(1, 10);
    await expect(
      s.csv(
        reply().reply,
        () => Promise.reject(new Error('no connection')),
        () => 'x.csv',
        [],
      ),
    ).rejects.toThrow('no connection');
    expect(s.inUse).toBe(0);
  });
});
