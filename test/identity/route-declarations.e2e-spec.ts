import { Controller, Get } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { listRouteAccess } from '@app/auth';
import { TestApp, createTestApp } from '../support/test-app';

/** A controller that forgot to say who may call it. */
@Controller('forgotten')
class ForgottenController {
  @Get()
  open() {
    return { secret: 'anyone could read this' };
  }
}

describe('every route declares who may call it', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('walks every registered route (Nest DiscoveryService) and finds a declaration on each', () => {
    const routes = listRouteAccess(t.app.get(DiscoveryService), t.app.get(MetadataScanner), t.app.get(Reflector));
    expect(routes.length).toBeGreaterThan(10);
    const undeclared = routes.filter((r) => !r.access).map((r) => `${r.method} ${r.path} (${r.controller}.${r.handler})`);
    expect(undeclared).toEqual([]);
  });

  it('refuses to start an application with an undeclared route, naming it', async () => {
    await expect(createTestApp({ controllers: [ForgottenController] })).rejects.toThrow(/GET \/forgotten \(ForgottenController\.open\)/);
  });
});
