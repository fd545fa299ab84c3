import { Injectable, Logger, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { ConfigService } from '@app/common';
import { DEMO_SEEDER, DemoLogin, DemoSeeder } from './seeder';

@Injectable()
export class SeedRunner {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
    private readonly config: ConfigService,
  ) {}

  seeders(): (DemoSeeder & { constructor: { name: string } })[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<boolean>(DEMO_SEEDER, w.metatype as Type))
      .map((w) => w.instance as DemoSeeder & { constructor: { name: string } })
      .sort((a, b) => a.order - b.order);
  }

  /**
   * Runs every seeder in one transaction: all of the demo data lands, or none of it.
   * Refused in production: demo accounts share a published password.
   */
  async run(): Promise<Record<string, number>> {
    if (this.config.get('app').NODE_ENV === 'production') {
      throw new DemoSeedRefusedError();
    }
    const added: Record<string, number> = {};
    await this.dataSource.transaction(async (manager) => {
      // Two starts at once must not both insert: serialise on an advisory lock.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('lcs:seed'))`);
      for (const seeder of this.seeders()) {
        added[seeder.constructor.name] = await seeder.run(manager);
      }
    });
    for (const [name, n] of Object.entries(added)) this.logger.log(`${name}: ${n} added`);
    return added;
  }

  demoLogins(): DemoLogin[] {
    return this.seeders().flatMap((s) => s.demoLogins?.() ?? []);
  }
}

export class DemoSeedRefusedError extends Error {
  constructor() {
    super('Refusing to seed demo data with NODE_ENV=production: demo accounts share a published password.');
    this.name = 'DemoSeedRefusedError';
  }
}
