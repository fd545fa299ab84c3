import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Clock, ConflictException, NotFoundException, Page, PageQuery, pageOf, pageOffset } from '@app/common';
import { Agency } from '../agency.entity';
import { AMENDMENT_STATES, AgencyAmendment, AmendmentChanges, AmendmentState } from './entities/agency-amendment.entity';
import { AgencyBranch, BRANCH_STATES, BranchState } from './entities/agency-branch.entity';
import { AgencyCapital, AgencyOfficer, AgencyOwner, AgencyProfile } from './entities/agency-profile.entity';
import { LicensingActor, auditActorOf } from './licensing-actor';
import { StaleVersionException } from './licensing.service';
import { PublicAnswerCache } from './public-answer-cache';
import { isUniqueViolation } from '@app/database';

export class BranchView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Baguio branch' })
  name: string;

  @ApiProperty({ example: '3 Session Road, Baguio City' })
  address: string;

  @ApiProperty({ enum: BRANCH_STATES, enumName: 'BranchState', example: 'active', description: 'A closed branch stays listed (closing is final).' })
  status: BranchState;

  @ApiProperty({ format: 'date-time', description: 'When the branch was opened in the registry.' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was closed; null while active.' })
  closedAt: string | null;
}

/** An agency's registry profile: legal identity, contact, officers, owners, capital and branches. */
export class AgencyProfileView {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: 'Changes only by an approved amendment.' })
  legalName: string;

  @ApiProperty({ example: 'CS201912345', description: 'Business registration number; changes only by an approved amendment.' })
  registrationNumber: string;

  @ApiProperty({ example: '10 Kalayaan Avenue, Quezon City', description: 'The head office\'s address; empty until the agency first sets it.' })
  address: string;

  @ApiProperty({ type: String, format: 'email', nullable: true, example: 'hq@kalayaan.example' })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+63 2 8555 0000' })
  contactPhone: string | null;

  @ApiProperty({ type: [AgencyOfficer], description: 'The agency\'s officers, as its admin last set them.' })
  officers: AgencyOfficer[];

  @ApiProperty({ type: [AgencyOwner], description: 'The owners and their shares; change only by an approved amendment.' })
  owners: AgencyOwner[];

  @ApiProperty({ type: AgencyCapital, description: 'Paid-up capital; changes only by an approved amendment.' })
  capital: AgencyCapital;

  @ApiProperty({ type: [BranchView], description: 'Every branch, active and closed, oldest first.' })
  branches: BranchView[];

  @ApiProperty({ type: 'integer', minimum: 1, example: 3, description: 'Send it back with `PUT /agency/profile`; bumped by every change of the profile (an approved amendment of owners or capital too).' })
  version: number;
}

export interface ContactUpdate {
  version: number;
  address: string;
  contactEmail: string | null;
  contactPhone: string | null;
  officers: AgencyOfficer[];
}

/** The agency's legal identity as it is now. */
export class AgencyLegalIdentity {
  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.' })
  legalName: string;

  @ApiProperty({ example: 'CS201912345' })
  registrationNumber: string;

  @ApiProperty({ type: [AgencyOwner] })
  owners: AgencyOwner[];

  @ApiProperty({ type: AgencyCapital })
  capital: AgencyCapital;
}

/** A request to change an agency's legal identity, and its decision. */
export class AmendmentView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: 'The agency\'s legal name now.' })
  agencyName: string;

  @ApiProperty({ enum: AMENDMENT_STATES, enumName: 'AmendmentState', example: 'pending' })
  state: AmendmentState;

  @ApiProperty({ type: AmendmentChanges, description: 'What the amendment asks to change: only the fields it changes.' })
  changes: AmendmentChanges;

  /** The agency's legal identity now, beside what the amendment asks, for the reviewer. */
  @ApiProperty({ type: AgencyLegalIdentity, description: 'The agency\'s legal identity now (after approval: with the changes applied), beside what the amendment asks.' })
  current: AgencyLegalIdentity;

  @ApiProperty({ example: 'New shareholder after a capital increase', description: 'Why the agency asks.' })
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The agency admin who filed it.' })
  requestedBy: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inspector who decided it; null while pending.' })
  decidedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while pending.' })
  decidedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The inspector\'s note on the decision; null while pending.' })
  decisionNote: string | null;

  @ApiProperty({ type: 'integer', minimum: 1, example: 1, description: 'Send it back with the decision.' })
  version: number;

  @ApiProperty({ format: 'date-time', description: 'When it was filed.' })
  createdAt: string;
}

const branchView = (b: AgencyBranch): BranchView => ({
  id: b.id,
  name: b.name,
  address: b.address,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  closedAt: b.closedAt?.toISOString() ?? null,
});


/**
 * The registry profile: an agency's admins edit contact, address, officers and branches; legal
 * identity (legal name, registration number, owners, capital) changes only through an amendment
 * an inspector approves. Every change is audited in its transaction.
 */
@Injectable()
export class AgencyProfileService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly publicCache: PublicAnswerCache,
  ) {}

  async profile(agencyId: string, m: EntityManager = this.db.manager): Promise<AgencyProfileView> {
    const agency = await m.findOne(Agency, { where: { id: agencyId } });
    if (!agency) throw new NotFoundException('agency');
    const p = (await m.findOne(AgencyProfile, { where: { agencyId } })) ?? m.create(AgencyProfile, { agencyId, address: '', contactEmail: null, contactPhone: null, officers: [], owners: [], capitalMinor: '0', capitalCurrency: 'PHP', version: 1 });
    const branches = await m.find(AgencyBranch, { where: { agencyId }, order: { createdAt: 'ASC' } });
    return {
      agencyId,
      legalName: agency.legalName,
      registrationNumber: agency.registrationNumber,
      address: p.address,
      contactEmail: p.contactEmail,
      contactPhone: p.contactPhone,
      officers: p.officers,
      owners: p.owners,
      capital: { amountMinor: String(p.capitalMinor), currency: p.capitalCurrency },
      branches: branches.map(branchView),
      version: p.version,
    };
  }

  /** Contact, address and officers, by the agency's admin; `version` as read (409 stale-version otherwise). */
  async updateContact(agencyId: string, input: ContactUpdate, actor: LicensingActor): Promise<AgencyProfileView> {
    await this.db.transaction(async (m) => {
      await this.ensure(m, agencyId);
      const before = await m.findOneOrFail(AgencyProfile, { where: { agencyId } });
      const result = await m
        .createQueryBuilder()
        .update(AgencyProfile)
        .set({ address: input.address, contactEmail: input.contactEmail, contactPhone: input.contactPhone, officers: input.officers, version: () => 'version + 1' })
        .where('agency_id = :agencyId AND version = :version', { agencyId, version: input.version })
        .execute();
      if (!result.affected) throw new StaleVersionException('profile', before.version);
      await this.audit.append(m, {
        actor: auditActorOf(actor, ['agency_admin']),
        action: 'agency.profile.changed',
        subjectType: 'agency',
        subjectId: agencyId,
        // Which fields changed, not officers' contact details (personal data stays out of the log).
        changes: {
          changed: (['address', 'contactEmail', 'contactPhone', 'officers'] as const).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(input[k])),
          version: { from: input.version, to: input.version + 1 },
        },
        correlationId: actor.correlationId,
      });
    });
    this.publicCache.clear();
    return this.profile(agencyId);
  }

  async addBranch(agencyId: string, input: { name: string; address: string }, actor: LicensingActor): Promise<BranchView> {
    const branch = await this.db.transaction(async (m) => {
      if (!(await m.exists(Agency, { where: { id: agencyId } }))) throw new NotFoundException('agency');
      const b = await m.save(AgencyBranch, m.create(AgencyBranch, { agencyId, name: input.name, address: input.address, status: 'active', closedAt: null }));
      await this.audit.append(m, {
        actor: auditActorOf(actor, ['agency_admin']),
        action: 'agency.branch.opened',
        subjectType: 'agency',
        subjectId: agencyId,
        changes: { branchId: b.id, name: b.name, address: b.address },
        correlationId: actor.correlationId,
      });
      return b;
    });
    this.publicCache.clear();
    return branchView(branch);
  }

  async closeBranch(agencyId: string, branchId: string, actor: LicensingActor): Promise<BranchView> {
    const branch = await this.db.transaction(async (m) => {
      const b = await m.findOne(AgencyBranch, { where: { id: branchId, agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!b) throw new NotFoundException('branch');
      if (b.status === 'closed') throw new ConflictException('branch-closed', 'The branch is already closed.');
      b.status = 'closed';
      b.closedAt = this.clock.now();
      await m.update(AgencyBranch, { id: b.id }, { status: b.status, closedAt: b.closedAt });
      await this.audit.append(m, {
        actor: auditActorOf(actor, ['agency_admin']),
        action: 'agency.branch.closed',
        subjectType: 'agency',
        subjectId: agencyId,
        changes: { branchId: b.id, status: { from: 'active', to: 'closed' } },
        correlationId: actor.correlationId,
      });
      return b;
    });
    this.publicCache.clear();
    return branchView(branch);
  }

  /** A change of legal identity, filed by the agency's admin; one pending at a time (409 otherwise). */
  async fileAmendment(agencyId: string, changes: AmendmentChanges, reason: string, actor: LicensingActor): Promise<AmendmentView> {
    if (!Object.values(changes).some((v) => v !== undefined)) {
      throw new ConflictException('empty-amendment', 'An amendment must change at least one of legalName, registrationNumber, owners or capital.');
    }
    const id = await this.db.transaction(async (m) => {
      if (!(await m.exists(Agency, { where: { id: agencyId } }))) throw new NotFoundException('agency');
      let a: AgencyAmendment;
      try {
        a = await m.save(AgencyAmendment, m.create(AgencyAmendment, { agencyId, changes, reason, requestedBy: actor.userId!, state: 'pending', version: 1 }));
      } catch (e) {
        if (isUniqueViolation(e, 'uq_agency_amendment_pending')) throw new ConflictException('amendment-pending', 'The agency already has an amendment waiting for a decision.');
        throw e;
      }
      await this.audit.append(m, {
        actor: auditActorOf(actor, ['agency_admin']),
        action: 'agency.amendment.filed',
        subjectType: 'agency',
        subjectId: agencyId,
        changes: { amendmentId: a.id, fields: Object.keys(changes).filter((k) => changes[k as keyof AmendmentChanges] !== undefined) },
        correlationId: actor.correlationId,
      });
      return a.id;
    });
    return this.amendment(id);
  }

  async amendments(filter: { agencyId?: string; state?: AmendmentState }, page: PageQuery): Promise<Page<AmendmentView>> {
    const qb = this.db.manager.createQueryBuilder(AgencyAmendment, 'x');
    if (filter.agencyId) qb.andWhere('x.agency_id = :agencyId', { agencyId: filter.agencyId });
    if (filter.state) qb.andWhere('x.state = :state', { state: filter.state });
    const [rows, total] = await qb.orderBy('x.created_at', 'DESC').skip(pageOffset(page)).take(page.pageSize).getManyAndCount();
    const views = await Promise.all(rows.map((r) => this.viewOf(this.db.manager, r)));
    return pageOf(views, total, page);
  }

  async amendment(id: string, m: EntityManager = this.db.manager): Promise<AmendmentView> {
    const a = await m.findOne(AgencyAmendment, { where: { id } });
    if (!a) throw new NotFoundException('amendment');
    return this.viewOf(m, a);
  }

  /** An inspector approves (applying the changes) or rejects a pending amendment; `version` as read. */
  async decideAmendment(id: string, decision: 'approve' | 'reject', input: { version: number; note: string }, actor: LicensingActor): Promise<AmendmentView> {
    await this.db.transaction(async (m) => {
      const a = await m.findOne(AgencyAmendment, { where: { id } });
      if (!a) throw new NotFoundException('amendment');
      if (a.state !== 'pending') {
        throw new ConflictException('amendment-decided', `The amendment was already ${a.state}.`, { state: a.state, allowedActions: [] });
      }
      const to: AmendmentState = decision === 'approve' ? 'approved' : 'rejected';
      const result = await m
        .createQueryBuilder()
        .update(AgencyAmendment)
        .set({ state: to, decidedBy: actor.userId, decidedAt: this.clock.now(), decisionNote: input.note, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: input.version })
        .execute();
      if (!result.affected) throw new StaleVersionException('amendment', (await m.findOneOrFail(AgencyAmendment, { where: { id } })).version);
      if (to === 'approved') await this.apply(m, a.agencyId, a.changes);
      await this.audit.append(m, {
        actor: auditActorOf(actor, ['inspector']),
        action: `agency.amendment.${to}`,
        subjectType: 'agency',
        subjectId: a.agencyId,
        changes: { amendmentId: a.id, state: { from: 'pending', to }, applied: to === 'approved' ? a.changes : undefined },
        correlationId: actor.correlationId,
      });
    });
    this.publicCache.clear();
    return this.amendment(id);
  }

  private async apply(m: EntityManager, agencyId: string, c: AmendmentChanges): Promise<void> {
    const agencyChanges: Partial<Agency> = {};
    if (c.legalName !== undefined) agencyChanges.legalName = c.legalName;
    if (c.registrationNumber !== undefined) agencyChanges.registrationNumber = c.registrationNumber;
    if (Object.keys(agencyChanges).length) {
      try {
        await m.update(Agency, { id: agencyId }, agencyChanges);
      } catch (e) {
        if (isUniqueViolation(e, 'uq_agency_registration_number')) throw new ConflictException('registration-number-taken', 'Another agency holds that registration number.');
        throw e;
      }
    }
    if (c.owners !== undefined || c.capital !== undefined) {
      await this.ensure(m, agencyId);
      await m
        .createQueryBuilder()
        .update(AgencyProfile)
        .set({
          ...(c.owners !== undefined ? { owners: c.owners } : {}),
          ...(c.capital !== undefined ? { capitalMinor: c.capital.amountMinor, capitalCurrency: c.capital.currency } : {}),
          version: () => 'version + 1',
        })
        .where('agency_id = :agencyId', { agencyId })
        .execute();
    }
  }

  private async ensure(m: EntityManager, agencyId: string): Promise<void> {
    if (!(await m.exists(Agency, { where: { id: agencyId } }))) throw new NotFoundException('agency');
    await m.createQueryBuilder().insert().into(AgencyProfile).values({ agencyId }).orIgnore().execute();
  }

  private async viewOf(m: EntityManager, a: AgencyAmendment): Promise<AmendmentView> {
    const agency = await m.findOneOrFail(Agency, { where: { id: a.agencyId } });
    const p = await m.findOne(AgencyProfile, { where: { agencyId: a.agencyId } });
    return {
      id: a.id,
      agencyId: a.agencyId,
      agencyName: agency.legalName,
      state: a.state,
      changes: a.changes,
      current: {
        legalName: agency.legalName,
        registrationNumber: agency.registrationNumber,
        owners: p?.owners ?? [],
        capital: { amountMinor: String(p?.capitalMinor ?? '0'), currency: p?.capitalCurrency ?? 'PHP' },
      },
      reason: a.reason,
      requestedBy: a.requestedBy,
      decidedBy: a.decidedBy,
      decidedAt: a.decidedAt?.toISOString() ?? null,
      decisionNote: a.decisionNote,
      version: a.version,
      createdAt: a.createdAt.toISOString(),
    };
  }
}
