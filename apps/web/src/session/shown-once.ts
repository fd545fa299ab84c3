import type { FastifyRequest, Session } from 'fastify';

/**
 * What an answer left in the session for the next page to show once (a notice after
 * Post/Redirect/Get: "declared", "invited", the case a move was made on): the values of `keys`,
 * removed from the session, which is saved only when one of them was there. Every page that shows
 * such a notice reads it here, so none forgets to clear it or saves the session for nothing.
 */
export async function takeShownOnce<K extends keyof Session>(request: FastifyRequest, ...keys: K[]): Promise<Partial<Pick<Session, K>>> {
  const session = request.session as Session | undefined;
  const taken: Partial<Pick<Session, K>> = {};
  if (!session) return taken;
  let found = false;
  for (const key of keys) {
    if (session[key] === undefined) continue;
    taken[key] = session[key];
    (session as unknown as Record<string, unknown>)[key as string] = undefined;
    found = true;
  }
  if (found) await request.session.save();
  return taken;
}
