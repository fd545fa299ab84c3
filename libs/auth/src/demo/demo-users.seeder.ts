import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoLogin, DemoSeeder, Seeder } from '@app/database';
import { DEMO_AGENCIES } from '@app/agencies';
import { PasswordHasher } from '../passwords/password-hasher';
import { Language, Role } from '../roles';
import { User } from '../users/user.entity';
import { DEMO_PASSWORD } from './demo-password';

interface DemoUser {
  email: string;
  displayName: string;
  roles: Role[];
  preferredLanguage: Language;
  agencyRegistration?: string;
  note: string;
}

const agencyUser = (email: string, displayName: string, role: Role, agency: (typeof DEMO_AGENCIES)[number]): DemoUser => ({
  email,
  displayName,
  roles: [role],
  preferredLanguage: 'en',
  agencyRegistration: agency.registrationNumber,
  note: `${role.replace('_', ' ')}, ${agency.legalName}`,
});

const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.lcs', displayName: 'Ada Admin', roles: ['admin'], preferredLanguage: 'en', note: 'system administrator' },
  { email: 'supervisor@demo.lcs', displayName: 'Sol Supervisor', roles: ['supervisor'], preferredLanguage: 'en', note: 'ministry senior officer' },
  { email: 'inspector@demo.lcs', displayName: 'Ines Inspector', roles: ['inspector'], preferredLanguage: 'en', note: 'ministry case officer' },
  { email: 'welfare@demo.lcs', displayName: 'Wen Welfare', roles: ['welfare_officer'], preferredLanguage: 'en', note: 'welfare fund officer' },
  { email: 'finance@demo.lcs', displayName: 'Fe Finance', roles: ['finance_officer'], preferredLanguage: 'en', note: 'welfare fund finance officer (income)' },
  { email: 'worker@demo.lcs', displayName: 'Maria Santos', roles: ['worker'], preferredLanguage: 'fil', note: 'migrant worker (Filipino)' },
  { email: 'worker.np@demo.lcs', displayName: 'Sita Gurung', roles: ['worker'], preferredLanguage: 'ne', note: 'migrant worker (Nepali)' },
  agencyUser('admin@bayanihan.demo.lcs', 'Ben Bayanihan', 'agency_admin', DEMO_AGENCIES[0]),
  agencyUser('staff@bayanihan.demo.lcs', 'Sam Staff', 'agency_staff', DEMO_AGENCIES[0]),
  agencyUser('admin@everest.demo.lcs', 'Eka Everest', 'agency_admin', DEMO_AGENCIES[1]),
];

/** One account of every role, and two agencies' admins. */
@Seeder()
@Injectable()
export class DemoUsersSeeder implements DemoSeeder {
  readonly order = 20;

  constructor(private readonly hasher: PasswordHasher) {}

  async run(m: EntityManager): Promise<number> {
    const existing = new Set((await m.find(User, { select: { email: true } })).map((u) => u.email));
    const missing = DEMO_USERS.filter((u) => !existing.has(u.email));
    if (!missing.length) return 0;
    const passwordHash = await this.hasher.hash(DEMO_PASSWORD);
    const agencies: { id: string; registration_number: string }[] = await m.query('SELECT id, registration_number FROM agency');
    for (const u of missing) {
      const agencyId = u.agencyRegistration ? agencies.find((a) => a.registration_number === u.agencyRegistration)?.id : null;
      if (u.agencyRegistration && !agencyId) throw new Error(`demo agency ${u.agencyRegistration} is missing`);
      await m.insert(User, {
        email: u.email,
        displayName: u.displayName,
        roles: u.roles,
        preferredLanguage: u.preferredLanguage,
        agencyId: agencyId ?? null,
        passwordHash,
      });
    }
    return missing.length;
  }

  demoLogins(): DemoLogin[] {
    return DEMO_USERS.map((u) => ({ role: u.roles.join(','), email: u.email, password: DEMO_PASSWORD, note: u.note }));
  }
}
