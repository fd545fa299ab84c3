import { Injectable, Logger, Type } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import { DEMO_SEEDER, DemoLogin, DemoSeeder } from './seeder';

@Injectable()
export class SeedRunner {
  private readonly logger = new Logger('Seed');

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  seeders(): (DemoSeeder & { constructor: { name: string } })[] {
    return this.discovery
      .getProviders()
      .filter((w) => w.metatype && w.instance && this.reflector.get<boolean>(DEMO_SEEDER, w.metatype as Type))
      .map((w) => w.instance as DemoSeeder & { constructor: { name: string } })
      .sort((a, b) => a.order - b.order);
  }

  /** Runs every seeder in one transaction: all of the demo data lands, or none of it. */
  async run(): Promise<Record<string, number>> {
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
