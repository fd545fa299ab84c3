import type { FastifyRequest } from 'fastify';
import { takeShownOnce } from './shown-once';

declare module 'fastify' {
  interface Session {
    testNoticeA?: string;
    testNoticeB?: { id: string };
  }
}

describe('takeShownOnce', () => {
  const requestWith = (values: Record<string, unknown>) => {
    const save = jest.fn(() => Promise.resolve());
    return { request: { session: { ...values, save } } as unknown as FastifyRequest, save };
  };

  it('gives the values once, removes them and saves the session', async () => {
    const { request, save } = requestWith({ testNoticeA: 'declared', testNoticeB: { id: 'x' } });
    await expect(takeShownOnce(request, 'testNoticeA', 'testNoticeB')).resolves.toEqual({ testNoticeA: 'declared', testNoticeB: { id: 'x' } });
    expect(save).toHaveBeenCalledTimes(1);
    await expect(takeShownOnce(request, 'testNoticeA', 'testNoticeB')).resolves.toEqual({});
    expect(save).toHaveBeenCalledTimes(1);
  });

  it('does not save a session that held none of them, nor read one there is not', async () => {
    const { request, save } = requestWith({});
    await expect(takeShownOnce(request, 'testNoticeA')).resolves.toEqual({});
    expect(save).not.toHaveBeenCalled();
    await expect(takeShownOnce({} as FastifyRequest, 'testNoticeA')).resolves.toEqual({});
  });
});
