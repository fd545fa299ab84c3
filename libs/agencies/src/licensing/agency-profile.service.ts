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
import { AMENDMENT_LIFECYCLE } from './amendment-transitions';
import { BRANCH_LIFECYCLE } from './branch-transitions';
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

  @ApiProperty({
    enum: BRANCH_STATES,
    enumName: 'BranchState',
    example: 'active',
    description:
      '`pending` until the ministry approves it (`active`, public from then on) or rejects it (`rejected`, final). A closed branch stays listed (closing is final).',
  })
  status: BranchState;

  @ApiProperty({ format: 'date-time', description: 'When the branch was opened in the registry.' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When it was closed; null while active.' })
  closedAt: string | null;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    description: 'When the ministry approved or rejected it; null while pending (and for branches registered before approval existed).',
  })
  decidedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The ministry's reason (a rejection) or note (an approval)." })
  decisionNote: string | null;
}

/** A licensed agency a complaint's words may mean (trigram match on its legal name or a branch's name). */
export class AgencyMatchView {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Bayanihan Manpower Services Inc.' })
  legalName: string;

  @ApiProperty({ type: String, nullable: true, example: 'PH-LRA-2026-00042-7', description: 'Its current (or last) license number; null when never licensed.' })
  licenseNumber: string | null;

  @ApiProperty({
    type: Number,
    minimum: 0,
    maximum: 1,
    example: 0.82,
    description: 'Word similarity (pg_trgm) of the words given to the name matched, 0 to 1.',
  })
  score: number;

  @ApiProperty({ enum: ['name', 'branch'], example: 'name', description: 'What matched: the legal name or the name of one of its (approved) branches.' })
  via: 'name' | 'branch';

  @ApiProperty({ type: String, nullable: true, example: 'Bayanihan Cebu branch', description: 'The branch name matched, when via is branch.' })
  branchName: string | null;
}

/** A branch waiting for (or given) the ministry's decision, with its agency. */
export class BranchReviewView extends BranchView {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.' })
  agencyName: string;
}

/** An agency's registry profile: legal identity, contact, officers, owners, capital and branches. */
export class AgencyProfileView {
  @ApiProperty({ format: 'uuid' })
  agencyId: string;

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: 'Changes only by an approved amendment.' })
  legalName: string;

  @ApiProperty({ example: 'CS201912345', description: 'Business registration number; changes only by an approved amendment.' })
  registrationNumber: string;

  @ApiProperty({ example: '10 Kalayaan Avenue, Quezon City', description: "The head office's address; empty until the agency first sets it." })
  address: string;

  @ApiProperty({ type: String, format: 'email', nullable: true, example: 'hq@kalayaan.example' })
  contactEmail: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+63 2 8555 0000' })
  contactPhone: string | null;

  @ApiProperty({ type: [AgencyOfficer], description: "The agency's officers, as its admin last set them." })
  officers: AgencyOfficer[];

  @ApiProperty({ type: [AgencyOwner], description: 'The owners and their shares; change only by an approved amendment.' })
  owners: AgencyOwner[];

  @ApiProperty({ type: AgencyCapital, description: 'Paid-up capital; changes only by an approved amendment.' })
  capital: AgencyCapital;

  @ApiProperty({ type: [BranchView], description: 'Every branch, active and closed, oldest first.' })
  branches: BranchView[];

  @ApiProperty({
    type: 'integer',
    minimum: 1,
    example: 3,
    description: 'Send it back with `PUT /agency/profile`; bumped by every change of the profile (an approved amendment of owners or capital too).',
  })
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

  @ApiProperty({ example: 'Kalayaan Overseas Manpower Services Inc.', description: "The agency's legal name now." })
  agencyName: string;

  @ApiProperty({ enum: AMENDMENT_STATES, enumName: 'AmendmentState', example: 'pending' })
  state: AmendmentState;

  @ApiProperty({ type: AmendmentChanges, description: 'What the amendment asks to change: only the fields it changes.' })
  changes: AmendmentChanges;

  /** The agency's legal identity now, beside what the amendment asks, for the reviewer. */
  @ApiProperty({
    type: AgencyLegalIdentity,
    description: "The agency's legal identity now (after approval: with the changes applied), beside what the amendment asks.",
  })
  current: AgencyLegalIdentity;

  @ApiProperty({ example: 'New shareholder after a capital increase', description: 'Why the agency asks.' })
  reason: string;

  @ApiProperty({ format: 'uuid', description: 'The agency admin who filed it.' })
  requestedBy: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The inspector who decided it; null while pending.' })
  decidedBy: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Null while pending.' })
  decidedAt: string | null;

  @ApiProperty({ type: String, nullable: true, description: "The inspector's note on the decision; null while pending." })
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
  decidedAt: b.decidedAt?.toISOString() ?? null,
  decisionNote: b.decisionNote ?? null,
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
    const p =
      (await m.findOne(AgencyProfile, { where: { agencyId } })) ??
      m.create(AgencyProfile, {
        agencyId,
        address: '',
        contactEmail: null,
        contactPhone: null,
        officers: [],
        owners: [],
        capitalMinor: '0',
        capitalCurrency: 'PHP',
        version: 1,
      });
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
        .set({
          address: input.address,
          contactEmail: input.contactEmail,
          contactPhone: input.contactPhone,
          officers: input.officers,
          version: () => 'version + 1',
        })
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
      const b = await m.save(AgencyBranch, m.create(AgencyBranch, { agencyId, name: input.name, address: input.address, status: 'pending', closedAt: null }));
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

  /**
   * Agencies the words may mean, best first (at most `limit`): pg_trgm word similarity of the
   * words to each legal name (the GIN index ix_agency_legal_name_trgm) and to each active or
   * closed branch's name (ix_agency_branch_name_trgm); one row per agency, its best match.
   */
  async matchesFor(words: string, limit = 5, m: EntityManager = this.db.manager): Promise<AgencyMatchView[]> {
    const q = words.trim().toLowerCase();
    if (q.length < 3) return [];
    const rows = (await m.query(
      `WITH hits AS (
         SELECT a.id AS agency_id, word_similarity($1, lower(a.legal_name)) AS score, 'name' AS via, NULL::text AS branch_name
           FROM agency a WHERE lower(a.legal_name) %> $1
         UNION ALL
         SELECT b.agency_id, word_similarity($1, lower(b.name)), 'branch', b.name
           FROM agency_branch b WHERE lower(b.name) %> $1 AND b.status IN ('active','closed')
       ),
       best AS (SELECT DISTINCT ON (agency_id) * FROM hits ORDER BY agency_id, score DESC, via DESC)
       SELECT best.agency_id, a.legal_name, best.score, best.via, best.branch_name,
              (SELECT l.number FROM license l WHERE l.agency_id = a.id ORDER BY CASE WHEN l.state IN ('active','suspended') THEN 0 ELSE 1 END, l.issued_on DESC LIMIT 1) AS license_number
         FROM best JOIN agency a ON a.id = best.agency_id
        ORDER BY best.score DESC, a.legal_name, a.id
        LIMIT $2`,
      [q, limit],
    )) as { agency_id: string; legal_name: string; score: number; via: 'name' | 'branch'; branch_name: string | null; license_number: string | null }[];
    return rows.map((r) => ({
      agencyId: r.agency_id,
      legalName: r.legal_name,
      licenseNumber: r.license_number,
      score: Math.round(Number(r.score) * 100) / 100,
      via: r.via,
      branchName: r.branch_name,
    }));
  }

  /** Branches for the ministry's review, oldest first: by default the pending ones. */
  async branchesToReview(status: BranchState = 'pending'): Promise<BranchReviewView[]> {
    const rows = await this.db.manager.find(AgencyBranch, { where: { status }, relations: { agency: true }, order: { createdAt: 'ASC' }, take: 500 });
    return rows.map((b) => ({ ...branchView(b), agencyId: b.agencyId, agencyName: b.agency?.legalName ?? '' }));
  }

  /**
   * The ministry approves a pending branch (it becomes `active` and public) or rejects it with a
   * reason (`rejected`, final). 409 `branch-decided` when it is no longer pending. Audited.
   */
  async decideBranch(branchId: string, decision: 'approve' | 'reject', note: string | null, actor: LicensingActor): Promise<BranchReviewView> {
    const branch = await this.db.transaction(async (m) => {
      const b = await m.findOne(AgencyBranch, {
        where: { id: branchId },
        relations: { agency: true },
        lock: { mode: 'pessimistic_write', tables: ['agency_branch'] },
      });
      if (!b) throw new NotFoundException('branch');
      const row = BRANCH_LIFECYCLE.require(b.status, decision);
      const to: BranchState = row.to;
      const now = this.clock.now();
      await m.update(AgencyBranch, { id: b.id }, { status: to, decidedAt: now, decidedBy: actor.userId, decisionNote: note });
      Object.assign(b, { status: to, decidedAt: now, decidedBy: actor.userId, decisionNote: note });
      await this.audit.append(m, {
        actor: auditActorOf(actor, row.who),
        action: row.effects.audit,
        subjectType: 'agency',
        subjectId: b.agencyId,
        changes: { branchId: b.id, status: { from: 'pending', to }, ...(note ? { note } : {}) },
        correlationId: actor.correlationId,
      });
      return b;
    });
    this.publicCache.clear();
    return { ...branchView(branch), agencyId: branch.agencyId, agencyName: branch.agency?.legalName ?? '' };
  }

  async closeBranch(agencyId: string, branchId: string, actor: LicensingActor): Promise<BranchView> {
    const branch = await this.db.transaction(async (m) => {
      const b = await m.findOne(AgencyBranch, { where: { id: branchId, agencyId }, lock: { mode: 'pessimistic_write' } });
      if (!b) throw new NotFoundException('branch');
      const row = BRANCH_LIFECYCLE.require(b.status, 'close');
      b.status = row.to;
      b.closedAt = this.clock.now();
      await m.update(AgencyBranch, { id: b.id }, { status: b.status, closedAt: b.closedAt });
      await this.audit.append(m, {
        actor: auditActorOf(actor, row.who),
        action: row.effects.audit,
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
        if (isUniqueViolation(e, 'uq_agency_amendment_pending'))
          throw new ConflictException('amendment-pending', 'The agency already has an amendment waiting for a decision.');
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
      const row = AMENDMENT_LIFECYCLE.require(a.state, decision);
      const to: AmendmentState = row.to;
      const result = await m
        .createQueryBuilder()
        .update(AgencyAmendment)
        .set({ state: to, decidedBy: actor.userId, decidedAt: this.clock.now(), decisionNote: input.note, version: () => 'version + 1' })
        .where('id = :id AND version = :version', { id, version: input.version })
        .execute();
      if (!result.affected) throw new StaleVersionException('amendment', (await m.findOneOrFail(AgencyAmendment, { where: { id } })).version);
      if (to === 'approved') await this.apply(m, a.agencyId, a.changes);
      await this.audit.append(m, {
        actor: auditActorOf(actor, row.who),
        action: row.effects.audit,
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
        if (isUniqueViolation(e, 'uq_agency_registration_number'))
          throw new ConflictException('registration-number-taken', 'Another agency holds that registration number.');
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
