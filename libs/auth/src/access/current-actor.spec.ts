import type { AuthenticatedRequest } from './access.decorators';
import { actorOf } from './current-actor';

const request = (user?: AuthenticatedRequest['user']) => ({ id: 'req-7', ip: '203.0.113.9', user }) as unknown as AuthenticatedRequest;
const supervisorInspector = {
  id: 'u-1',
  sessionId: 's-1',
  roles: ['inspector' as const, 'supervisor' as const],
  agencyId: null,
  preferredLanguage: 'fil' as const,
};

describe('actorOf (the Actor of @CurrentActor())', () => {
  it('audits the user in the first of their roles the route accepts', () => {
    expect(actorOf(request(supervisorInspector), ['supervisor']).auditActor).toEqual({ id: 'u-1', role: 'supervisor' });
    expect(actorOf(request(supervisorInspector), ['inspector', 'supervisor']).auditActor).toEqual({ id: 'u-1', role: 'inspector' });
  });

  it('audits a route open to any signed-in user in their first role', () => {
    expect(actorOf(request(supervisorInspector)).auditActor).toEqual({ id: 'u-1', role: 'inspector' });
  });

  it('carries every role, the agency, the session, the language and the request', () => {
    const agencyStaff = { id: 'u-2', sessionId: 's-2', roles: ['agency_staff' as const], agencyId: 'a-1', preferredLanguage: 'en' as const };
    expect(actorOf(request(agencyStaff), ['agency_admin', 'agency_staff'])).toEqual({
      userId: 'u-2',
      roles: ['agency_staff'],
      agencyId: 'a-1',
      sessionId: 's-2',
      auditActor: { id: 'u-2', role: 'agency_staff' },
      correlationId: 'req-7',
      ip: '203.0.113.9',
      language: 'en',
    });
  });

  it('is anonymous without a signed-in user', () => {
    expect(actorOf(request())).toEqual({
      userId: null,
      roles: [],
      agencyId: null,
      sessionId: null,
      auditActor: { role: 'anonymous' },
      correlationId: 'req-7',
      ip: '203.0.113.9',
      language: null,
    });
  });
});
