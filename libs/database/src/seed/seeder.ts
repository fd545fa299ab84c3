import { SetMetadata } from '@nestjs/common';
import { EntityManager } from 'typeorm';

export interface DemoLogin {
  role: string;
  email: string;
  password: string;
  note?: string;
}

/**
 * Demo data for a fresh installation. `run` must be idempotent: it adds only what is missing
 * and returns how many records it added, so a second start adds nothing.
 */
export interface DemoSeeder {
  /** Seeders run in ascending order (users before the agencies that reference them). */
  readonly order: number;
  run(manager: EntityManager): Promise<number>;
  demoLogins?(): DemoLogin[];
}

export const DEMO_SEEDER = 'lcs:demo-seeder';

/** Marks a provider as a demo seeder; the seed command discovers every one. */
export const Seeder = () => SetMetadata(DEMO_SEEDER, true);
