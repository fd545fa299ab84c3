import { Injectable, Module } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager } from 'typeorm';
import { Clock, ClockModule, localDateOf } from '@app/common';
import { DemoSeeder, Seeder } from '@app/database';
import { Agency } from '../agency.entity';
import { DEMO_AGENCIES } from '../demo-agencies.seeder';
import { AgencyBranch } from './entities/agency-branch.entity';
import { AgencyOfficer, AgencyOwner, AgencyProfile } from './entities/agency-profile.entity';
import { License, LicenseType } from './entities/license.entity';
import { LicenseAction } from './license-transitions';
import { LicensingActor, systemActor } from './licensing-actor';
import { LicensingModule } from './licensing.module';
import { LicensingService } from './licensing.service';

interface DemoLicensed {
  legalName: string;
  registrationNumber: string;
  type: LicenseType;
  /** Days before today on which the license was issued. */
  issuedDaysAgo: number;
  /** What happens to it after the issue, in order (each as the seed's supervisor or agency admin). */
  then?: { action: Extract<LicenseAction, 'suspend' | 'reinstate' | 'revoke' | 'surrender' | 'expire'>; reason?: string; untilDays?: number }[];
  address: string;
  branches: { name: string; address: string; closed?: boolean }[];
  officers: AgencyOfficer[];
  owners: AgencyOwner[];
  capitalMinor: string;
  currency: string;
}

const DAYS_PROVISIONAL = 365 * 2;

/** Every license state, one in its renewal window (expiring within 120 days) and one suspended. */
export const DEMO_LICENSED: DemoLicensed[] = [
  {
    ...DEMO_AGENCIES[0],
    type: 'regular',
    issuedDaysAgo: 400,
    address: '1234 Taft Avenue, Ermita, Manila 1000',
    branches: [
      { name: 'Cebu branch', address: '88 Osmeña Boulevard, Cebu City 6000' },
      { name: 'Davao branch', address: '12 J.P. Laurel Avenue, Davao City 8000', closed: true },
    ],
    officers: [{ name: 'Benjamin Dela Cruz', position: 'President', email: 'ben.delacruz@bayanihan.example', phone: '+63 2 8123 4567' }],
    owners: [
      { name: 'Benjamin Dela Cruz', nationality: 'PH', sharePercent: 60 },
      { name: 'Rosa Villanueva', nationality: 'PH', sharePercent: 40 },
    ],
    capitalMinor: '500000000',
    currency: 'PHP',
  },
  {
    // In its renewal window: a provisional license expiring in about 60 days.
    ...DEMO_AGENCIES[1],
    type: 'provisional',
    issuedDaysAgo: DAYS_PROVISIONAL - 60,
    address: 'Putalisadak, Kathmandu 44600',
    branches: [{ name: 'Pokhara office', address: 'Lakeside Road, Pokhara 33700' }],
    officers: [{ name: 'Ekaraj Thapa', position: 'Managing Director', email: 'ekaraj@everest.example', phone: '+977 1 4412345' }],
    owners: [{ name: 'Ekaraj Thapa', nationality: 'NP', sharePercent: 100 }],
    capitalMinor: '1000000000',
    currency: 'NPR',
  },
  {
    legalName: 'Maharlika Global Placement Corp.',
    registrationNumber: 'CS201700881',
    type: 'regular',
    issuedDaysAgo: 700,
    then: [{ action: 'suspend', reason: 'Demo: fees above the cap found at inspection', untilDays: 30 }],
    address: '45 Shaw Boulevard, Mandaluyong 1552',
    branches: [],
    officers: [{ name: 'Carmela Reyes', position: 'General Manager', email: 'carmela@maharlika.example', phone: null }],
    owners: [{ name: 'Carmela Reyes', nationality: 'PH', sharePercent: 100 }],
    capitalMinor: '300000000',
    currency: 'PHP',
  },
  {
    legalName: 'Lakbay Employment Services Co.',
    registrationNumber: 'CS202211104',
    type: 'provisional',
    issuedDaysAgo: 200,
    // A suspension ended early: it shows in the public suspension history.
    then: [
      { action: 'suspend', reason: 'Demo: records not produced at inspection', untilDays: 60 },
      { action: 'reinstate', reason: 'Demo: records produced' },
    ],
    address: '9 Rizal Street, Iloilo City 5000',
    branches: [],
    officers: [{ name: 'Josefina Bautista', position: 'President', email: 'josie@lakbay.example', phone: '+63 33 335 0000' }],
    owners: [{ name: 'Josefina Bautista', nationality: 'PH', sharePercent: 100 }],
    capitalMinor: '200000000',
    currency: 'PHP',
  },
  {
    legalName: 'Sampaguita Overseas Staffing Inc.',
    registrationNumber: 'CS201500312',
    type: 'regular',
    issuedDaysAgo: 900,
    then: [{ action: 'revoke', reason: 'Demo: illegal recruitment decided in case CMP-DEMO-1' }],
    address: '77 Ortigas Avenue, Pasig 1605',
    branches: [],
    officers: [{ name: 'Ramon Santos', position: 'President', email: 'ramon@sampaguita.example', phone: null }],
    owners: [{ name: 'Ramon Santos', nationality: 'PH', sharePercent: 100 }],
    capitalMinor: '200000000',
    currency: 'PHP',
  },
  {
    legalName: 'Himalayan Manpower Solutions Pvt. Ltd.',
    registrationNumber: 'NP-OCR-2016-0177',
    type: 'regular',
    issuedDaysAgo: 500,
    then: [{ action: 'surrender', reason: 'Demo: the company is closing' }],
    address: 'New Baneshwor, Kathmandu 44600',
    branches: [],
    officers: [{ name: 'Pasang Sherpa', position: 'Director', email: 'pasang@himalayan.example', phone: null }],
    owners: [{ name: 'Pasang Sherpa', nationality: 'NP', sharePercent: 100 }],
    capitalMinor: '500000000',
    currency: 'NPR',
  },
  {
    legalName: 'Pacific Horizon Recruitment Agency',
    registrationNumber: 'CS201405521',
    type: 'provisional',
    issuedDaysAgo: DAYS_PROVISIONAL + 30,
    then: [{ action: 'expire' }],
    address: '3 Roxas Boulevard, Pasay 1300',
    branches: [],
    officers: [{ name: 'Antonio Garcia', position: 'President', email: 'antonio@pacifichorizon.example', phone: null }],
    owners: [{ name: 'Antonio Garcia', nationality: 'PH', sharePercent: 100 }],
    capitalMinor: '100000000',
    currency: 'PHP',
  },
];

/**
 * Licenses for the demo agencies and a few more, so every state shows: active (Bayanihan),
 * active in its renewal window (Everest), suspended (Maharlika), suspended then reinstated
 * (Lakbay), revoked, surrendered and expired. Idempotent: an agency that has a license is left alone.
 */
@Seeder()
@Injectable()
export class DemoLicensingSeeder implements DemoSeeder {
  readonly order = 30;

  constructor(
    private readonly licensing: LicensingService,
    private readonly clock: Clock,
  ) {}

  async run(m: EntityManager): Promise<number> {
    let added = 0;
    const calendar = await this.licensing.calendar(m);
    const today = localDateOf(calendar, this.clock.now());
    const supervisor: LicensingActor = { ...systemActor(), roles: ['supervisor', 'agency_admin', 'system'] };
    for (const d of DEMO_LICENSED) {
      await m.createQueryBuilder().insert().into(Agency).values({ legalName: d.legalName, registrationNumber: d.registrationNumber }).orIgnore().execute();
      const agency = await m.findOneOrFail(Agency, { where: { registrationNumber: d.registrationNumber } });
      if (await m.exists(License, { where: { agencyId: agency.id } })) continue;

      await m.createQueryBuilder().insert().into(AgencyProfile).values({ agencyId: agency.id }).orIgnore().execute();
      await m.update(
        AgencyProfile,
        { agencyId: agency.id },
        { address: d.address, officers: d.officers, owners: d.owners, capitalMinor: d.capitalMinor, capitalCurrency: d.currency },
      );
      for (const b of d.branches) {
        await m.insert(AgencyBranch, {
          agencyId: agency.id,
          name: b.name,
          address: b.address,
          status: b.closed ? 'closed' : 'active',
          closedAt: b.closed ? this.clock.now() : null,
        });
      }
      const issuedOn = DateTime.fromISO(today).minus({ days: d.issuedDaysAgo }).toISODate()!;
      const license = await this.licensing.issueLicense(m, agency.id, d.type, supervisor, { issuedOn });
      for (const step of d.then ?? []) {
        const until = step.untilDays ? DateTime.fromJSDate(this.clock.now()).plus({ days: step.untilDays }).toJSDate() : null;
        if (step.action === 'expire') await this.licensing.expireIn(m, license.id, supervisor);
        else await this.licensing.transitionIn(m, license.id, step.action, { reason: step.reason ?? null, until }, supervisor);
      }
      added++;
    }
    return added;
  }
}

/** What the seed command needs from licensing (it runs without the API's modules, so with its own clock). */
@Module({ imports: [ClockModule.forRoot(), LicensingModule], providers: [DemoLicensingSeeder] })
export class LicensingSeedModule {}
