import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoLogin, DemoSeeder, Seeder } from '@app/database';
import { PasswordHasher } from '../passwords/password-hasher';
import { DemoAccount, addMissingDemoAccounts, demoLoginsOf } from './demo-accounts';

/** The ministry's staff, one of each role, and two workers. Agency staff are the agencies library's seed. */
const DEMO_USERS: DemoAccount[] = [
  { email: 'admin@demo.lcs', displayName: 'Ada Admin', roles: ['admin'], preferredLanguage: 'en', note: 'system administrator' },
  { email: 'supervisor@demo.lcs', displayName: 'Sol Supervisor', roles: ['supervisor'], preferredLanguage: 'en', note: 'ministry senior officer' },
  { email: 'inspector@demo.lcs', displayName: 'Ines Inspector', roles: ['inspector'], preferredLanguage: 'en', note: 'ministry case officer' },
  { email: 'welfare@demo.lcs', displayName: 'Wen Welfare', roles: ['welfare_officer'], preferredLanguage: 'en', note: 'welfare fund officer' },
  { email: 'finance@demo.lcs', displayName: 'Fe Finance', roles: ['finance_officer'], preferredLanguage: 'en', note: 'welfare fund finance officer (income)' },
  { email: 'worker@demo.lcs', displayName: 'Maria Santos', roles: ['worker'], preferredLanguage: 'fil', note: 'migrant worker (Filipino)' },
  { email: 'worker.np@demo.lcs', displayName: 'Sita Gurung', roles: ['worker'], preferredLanguage: 'ne', note: 'migrant worker (Nepali)' },
];

/** One account of every ministry role and two workers. */
@Seeder()
@Injectable()
export class DemoUsersSeeder implements DemoSeeder {
  readonly order = 20;

  constructor(private readonly hasher: PasswordHasher) {}

  run(m: EntityManager): Promise<number> {
    return addMissingDemoAccounts(m, this.hasher, DEMO_USERS);
  }

  demoLogins(): DemoLogin[] {
    return demoLoginsOf(DEMO_USERS);
  }
}
