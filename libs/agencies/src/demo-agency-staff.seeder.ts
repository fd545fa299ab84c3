import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DemoAccount, PasswordHasher, addMissingDemoAccounts, demoLoginsOf } from '@app/auth';
import { DemoLogin, DemoSeeder, Seeder } from '@app/database';
import { Agency } from './agency.entity';
import { DEMO_AGENCIES } from './demo-agencies.seeder';

type DemoAgency = (typeof DEMO_AGENCIES)[number];
type DemoStaff = Omit<DemoAccount, 'agencyId'> & { agency: DemoAgency };

const staff = (email: string, displayName: string, role: 'agency_admin' | 'agency_staff', agency: DemoAgency): DemoStaff => ({
  email,
  displayName,
  roles: [role],
  preferredLanguage: 'en',
  agency,
  note: `${role.replace('_', ' ')}, ${agency.legalName}`,
});

const DEMO_STAFF: DemoStaff[] = [
  staff('admin@bayanihan.demo.lcs', 'Ben Bayanihan', 'agency_admin', DEMO_AGENCIES[0]),
  staff('staff@bayanihan.demo.lcs', 'Sam Staff', 'agency_staff', DEMO_AGENCIES[0]),
  staff('admin@everest.demo.lcs', 'Eka Everest', 'agency_admin', DEMO_AGENCIES[1]),
];

/** The demo agencies' admins and staff (after the agencies, DemoAgenciesSeeder, and the ministry's accounts). */
@Seeder()
@Injectable()
export class DemoAgencyStaffSeeder implements DemoSeeder {
  readonly order = 21;

  constructor(private readonly hasher: PasswordHasher) {}

  async run(m: EntityManager): Promise<number> {
    const agencies = await m.find(Agency, { select: { id: true, registrationNumber: true } });
    const accounts = DEMO_STAFF.map(({ agency, ...account }) => {
      const agencyId = agencies.find((a) => a.registrationNumber === agency.registrationNumber)?.id;
      if (!agencyId) throw new Error(`demo agency ${agency.registrationNumber} is missing`);
      return { ...account, agencyId };
    });
    return addMissingDemoAccounts(m, this.hasher, accounts);
  }

  demoLogins(): DemoLogin[] {
    return demoLoginsOf(DEMO_STAFF);
  }
}
