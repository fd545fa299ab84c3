import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Clock, ConfigService, ConflictException, DomainException } from '@app/common';
import { isUniqueViolation } from '@app/database';
import { Agency } from '../agency.entity';
import { AgencyCapital, AgencyOfficer, AgencyOwner, AgencyProfile } from './entities/agency-profile.entity';
import { Disqualification, RevocationRecord, disqualificationsOf } from './license-type-rule';

/** What a new agency registers (issue 22): its legal identity, owners, officers and address. */
export interface AgencyFoundingInput {
  legalName: string;
  registrationNumber: string;
  address: string;
  contactEmail: string | null;
  contactPhone: string | null;
  owners: AgencyOwner[];
  officers: AgencyOfficer[];
  capital: AgencyCapital;
}

/** One of the people registered (an owner or an officer) shares a revoked agency's owner or officer within the period. */
export class AgencyDisqualifiedException extends DomainException {
  constructor(readonly people: { field: string; name: string; licenseNumber: string; until: string }[]) {
    super(
      'agency-disqualified',
      422,
      'Disqualified',
      `An owner or officer of an agency whose license was revoked cannot hold a license again until the disqualification ends: ${people.map((p) => `${p.field} (${p.name}) until ${p.until}`).join('; ')}.`,
      {
        errors: people.map((p) => ({
          field: p.field,
          rule: 'notDisqualified',
          message: `was an owner or officer of an agency whose license ${p.licenseNumber} was revoked: disqualified until ${p.until}`,
        })),
      },
    );
  }
}

/**
 * The revocations still disqualifying at `now`: each revoked license within `years`, with the
 * owners' and officers' names of its agency (read from the registry as it is now).
 */
export async function revocationsWithin(m: EntityManager, now: Date, years: number): Promise<RevocationRecord[]> {
  if (years <= 0) return [];
  const rows = (await m.query(
    `SELECT l.agency_id, l.number, e.at, p.owners, p.officers FROM license_event e JOIN license l ON l.id = e.license_id LEFT JOIN agency_profile p ON p.agency_id = l.agency_id
      WHERE e.action = 'revoke' AND e.at > $1::timestamptz - make_interval(years => $2::int)`,
    [now, years],
  )) as { agency_id: string; number: string; at: Date; owners: { name: string }[] | null; officers: { name: string }[] | null }[];
  return rows.map((r) => ({
    agencyId: r.agency_id,
    licenseNumber: r.number,
    revokedAt: new Date(r.at),
    people: [...(r.owners ?? []), ...(r.officers ?? [])].map((x) => x.name),
  }));
}

/**
 * A new agency enters the registry (registration confirmed by its first admin). The
 * disqualification rule (license-type-rule.ts) is applied here too, so that the owners and officers
 * of a revoked agency cannot come back under a new name within `LICENSING_DISQUALIFICATION_YEARS`:
 * the registration is refused naming each such person (the new-application clearance check
 * `not-disqualified` still applies later, for a revocation that happens meanwhile).
 */
@Injectable()
export class AgencyFounding {
  constructor(
    private readonly config: ConfigService,
    private readonly clock: Clock,
  ) {}

  /** The people registered who are disqualified now, with the field that names them (`owners[0].name`, `officers[1].name`). */
  async disqualified(
    m: EntityManager,
    input: Pick<AgencyFoundingInput, 'owners' | 'officers'>,
  ): Promise<{ field: string; name: string; licenseNumber: string; until: string }[]> {
    const years = this.config.get('licensing').LICENSING_DISQUALIFICATION_YEARS;
    const revocations = await revocationsWithin(m, this.clock.now(), years);
    if (!revocations.length) return [];
    const named = [
      ...input.owners.map((o, i) => ({ field: `owners[${i}].name`, name: o.name })),
      ...input.officers.map((o, i) => ({ field: `officers[${i}].name`, name: o.name })),
    ];
    const out: { field: string; name: string; licenseNumber: string; until: string }[] = [];
    for (const person of named) {
      // A new agency has no id yet: only the people can match.
      const found: Disqualification[] = disqualificationsOf({ agencyId: '', people: [person.name] }, revocations, years, this.clock.now());
      const latest = found.sort((a, b) => b.until.getTime() - a.until.getTime())[0];
      if (latest) out.push({ ...person, licenseNumber: latest.licenseNumber, until: latest.until.toISOString().slice(0, 10) });
    }
    return out;
  }

  /** 409 `registration-number-taken` when another agency holds the registration number (compared as written, case and spaces aside). */
  async assertRegistrationNumberFree(m: EntityManager, registrationNumber: string): Promise<void> {
    const [{ taken }] = (await m.query(
      `SELECT EXISTS (SELECT 1 FROM agency WHERE upper(regexp_replace(registration_number, '\\s', '', 'g')) = upper(regexp_replace($1, '\\s', '', 'g'))) AS taken`,
      [registrationNumber],
    )) as { taken: boolean }[];
    if (taken)
      throw new ConflictException('registration-number-taken', 'Another agency is registered with that business registration number.', {
        field: 'registrationNumber',
      });
  }

  /** Creates the agency and its profile in the caller's transaction; refuses a disqualified owner or officer and a registration number already held. */
  async found(m: EntityManager, input: AgencyFoundingInput): Promise<Agency> {
    const disqualified = await this.disqualified(m, input);
    if (disqualified.length) throw new AgencyDisqualifiedException(disqualified);
    await this.assertRegistrationNumberFree(m, input.registrationNumber);
    let agency: Agency;
    try {
      agency = await m.save(Agency, m.create(Agency, { legalName: input.legalName, registrationNumber: input.registrationNumber }));
    } catch (e) {
      if (isUniqueViolation(e, 'uq_agency_registration_number'))
        throw new ConflictException('registration-number-taken', 'Another agency is registered with that business registration number.', {
          field: 'registrationNumber',
        });
      throw e;
    }
    await m.insert(AgencyProfile, {
      agencyId: agency.id,
      address: input.address,
      contactEmail: input.contactEmail,
      contactPhone: input.contactPhone,
      owners: input.owners.map((o) => ({ name: o.name, nationality: o.nationality, sharePercent: o.sharePercent })),
      officers: input.officers.map((o) => ({ name: o.name, position: o.position, email: o.email ?? null, phone: o.phone ?? null })),
      capitalMinor: input.capital.amountMinor,
      capitalCurrency: input.capital.currency,
      version: 1,
    });
    return agency;
  }
}
