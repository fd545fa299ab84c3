import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { AuditActor, AuditLog } from '@app/audit';
import { Actor, Clock, ConflictException, FieldEncryption, NotFoundException, ValidationFailedException, fieldAad, normaliseEmail } from '@app/common';
import { Contributions } from '../contributions/contributions.service';
import { WelfareBeneficiary } from '../entities/welfare-beneficiary.entity';

/** What proves a relationship when an officer names a beneficiary for the member. */
export const BENEFICIARY_PROOF_KINDS = [
  'marriage-certificate',
  'birth-certificate',
  'adoption-decree',
  'court-order',
  'sworn-affidavit',
  'other-civil-record',
] as const;
export type BeneficiaryProofKind = (typeof BENEFICIARY_PROOF_KINDS)[number];

/** The answer to anyone who is not the member (from an account): the 404 of a passport number without membership. */
export const MEMBERSHIP_NOT_VISIBLE = 'membership of yours with this passport number';

export interface RegisterBeneficiaryInput {
  name: string;
  relationship: string;
  idNumber: string;
  email?: string;
  proof?: { kind: string; reference: string };
}

export interface BeneficiaryActor {
  userId: string | null;
  roles: readonly string[];
  auditActor: AuditActor;
  correlationId?: string;
}

export class BeneficiaryProofView {
  @ApiProperty({ enum: BENEFICIARY_PROOF_KINDS, enumName: 'BeneficiaryProofKind', example: 'marriage-certificate' })
  kind: string;

  @ApiProperty({ example: 'PSA-M-2015-0077', description: "The document's number or reference." })
  reference: string;
}

/** A beneficiary on a member's register, decrypted for the member and for officers. */
export class BeneficiaryView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Liza Santos', description: 'Their full name: a claim must give it (case, accents, punctuation and word order aside).' })
  name: string;

  @ApiProperty({ example: 'spouse', description: 'Their relationship to the member.' })
  relationship: string;

  @ApiProperty({ example: 'UMID-0011-2233', description: 'An identity document number of theirs: a claim must give it.' })
  idNumber: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'liza.santos@example.ph',
    description: 'The address of their own account: only then may they file a claim from an account. Null: an officer files for them.',
  })
  email: string | null;

  @ApiProperty({
    enum: ['member', 'officer'],
    example: 'member',
    description: "Named by the member from their account, or by a welfare officer on the member's behalf (with `proof`).",
  })
  registeredVia: string;

  @ApiProperty({
    type: BeneficiaryProofView,
    nullable: true,
    description: "The proof of the relationship an officer recorded; null for the member's own entries.",
  })
  proof: BeneficiaryProofView | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({
    type: String,
    format: 'date-time',
    nullable: true,
    example: null,
    description: 'When the entry was removed (it no longer counts); null while it stands.',
  })
  removedAt: string | null;

  @ApiProperty({ type: String, nullable: true, example: null, description: 'Why it was removed.' })
  removalReason: string | null;
}

/** An active entry, decrypted, for matching a claim. */
export interface NamedBeneficiary {
  id: string;
  name: string;
  idNumber: string;
  email: string | null;
}

const isOfficer = (roles: readonly string[]) => roles.includes('welfare_officer') || roles.includes('supervisor');

/**
 * The register of a member's beneficiaries (issue 20). The member keeps it from their own account
 * (proven as for claims: `Contributions.isMemberAccount`); a welfare officer keeps it on the
 * member's behalf, with proof of each relationship. Anyone else gets the 404 a passport number
 * without membership gets. Names, identity numbers and addresses are encrypted at rest; officers'
 * reads are audited. Claims by beneficiaries are matched against the active entries.
 */
@Injectable()
export class Beneficiaries {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly crypto: FieldEncryption,
    private readonly contributions: Contributions,
  ) {}

  register(passport: string, input: RegisterBeneficiaryInput, actor: Actor): Promise<BeneficiaryView> {
    return this.db.transaction((m) => this.registerIn(m, passport, input, actor));
  }

  remove(passport: string, id: string, reason: string, actor: Actor): Promise<BeneficiaryView> {
    return this.db.transaction((m) => this.removeIn(m, passport, id, reason, actor));
  }

  /** Registers a beneficiary in the caller's transaction. */
  async registerIn(m: EntityManager, passport: string, input: RegisterBeneficiaryInput, actor: BeneficiaryActor): Promise<BeneficiaryView> {
    const officer = isOfficer(actor.roles);
    await this.mayKeep(m, passport, actor);
    if (officer && !input.proof)
      throw new ValidationFailedException([{ field: 'proof', message: 'is required when an officer names a beneficiary for the member', rule: 'required' }]);
    const id = randomUUID();
    const enc = (v: string, field: string) => this.crypto.encrypt(v, fieldAad('welfare_beneficiary', id, field));
    const proof = officer ? input.proof! : null;
    const row = m.create(WelfareBeneficiary, {
      id,
      memberPassportNumber: passport,
      nameEnc: enc(input.name, 'name'),
      relationship: input.relationship,
      idNumberEnc: enc(input.idNumber, 'id_number'),
      emailEnc: input.email ? enc(normaliseEmail(input.email), 'email') : null,
      registeredVia: officer ? 'officer' : 'member',
      proofKind: proof?.kind ?? null,
      proofReference: proof?.reference ?? null,
      registeredBy: actor.userId,
      createdAt: this.clock.now(),
      removedAt: null,
      removedBy: null,
      removalReason: null,
    });
    await m.insert(WelfareBeneficiary, row);
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.beneficiary.registered',
      subjectType: 'welfare_beneficiary',
      subjectId: id,
      changes: {
        registeredVia: row.registeredVia,
        relationship: row.relationship,
        withAccount: row.emailEnc !== null,
        ...(proof ? { proofKind: proof.kind, proofReference: proof.reference } : {}),
      },
      correlationId: actor.correlationId,
    });
    return this.viewOf(row);
  }

  /** The member's register, removed entries too (newest first). */
  async list(passport: string, actor: BeneficiaryActor): Promise<BeneficiaryView[]> {
    return this.db.transaction(async (m) => {
      await this.mayKeep(m, passport, actor);
      const rows = await m.find(WelfareBeneficiary, { where: { memberPassportNumber: passport }, order: { createdAt: 'DESC', id: 'ASC' } });
      if (isOfficer(actor.roles) && rows.length) {
        await this.audit.append(m, {
          actor: actor.auditActor,
          action: 'welfare.beneficiary.register-viewed',
          subjectType: 'welfare_beneficiary',
          subjectId: rows[0].id,
          changes: { entries: rows.map((r) => r.id) },
          correlationId: actor.correlationId,
        });
      }
      return rows.map((r) => this.viewOf(r));
    });
  }

  private async removeIn(m: EntityManager, passport: string, id: string, reason: string, actor: BeneficiaryActor): Promise<BeneficiaryView> {
    await this.mayKeep(m, passport, actor);
    const row = await m.findOne(WelfareBeneficiary, { where: { id, memberPassportNumber: passport }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw new NotFoundException('beneficiary');
    if (row.removedAt) throw new ConflictException('beneficiary-already-removed', 'This beneficiary was removed from the register already.');
    row.removedAt = this.clock.now();
    row.removedBy = actor.userId;
    row.removalReason = reason.trim();
    await m.update(WelfareBeneficiary, { id }, { removedAt: row.removedAt, removedBy: row.removedBy, removalReason: row.removalReason });
    await this.audit.append(m, {
      actor: actor.auditActor,
      action: 'welfare.beneficiary.removed',
      subjectType: 'welfare_beneficiary',
      subjectId: id,
      changes: { reason: row.removalReason },
      correlationId: actor.correlationId,
    });
    return this.viewOf(row);
  }

  /** The member's active entries, decrypted (for matching a claim; never returned as such). */
  async named(m: EntityManager, passport: string): Promise<NamedBeneficiary[]> {
    const rows = await m.find(WelfareBeneficiary, { where: { memberPassportNumber: passport, removedAt: IsNull() } });
    return rows.map((r) => ({
      id: r.id,
      name: this.dec(r, r.nameEnc, 'name'),
      idNumber: this.dec(r, r.idNumberEnc, 'id_number'),
      email: r.emailEnc ? this.dec(r, r.emailEnc, 'email') : null,
    }));
  }

  /** Officers keep any member's register; a worker only their own (the member's account), else the 404 of no membership. */
  private async mayKeep(m: EntityManager, passport: string, actor: BeneficiaryActor): Promise<void> {
    if (isOfficer(actor.roles)) return;
    if (!actor.userId || !(await this.contributions.isMemberAccount(m, passport, actor.userId))) throw new NotFoundException(MEMBERSHIP_NOT_VISIBLE);
  }

  private dec(r: WelfareBeneficiary, v: string, field: string): string {
    return this.crypto.decrypt(v, fieldAad('welfare_beneficiary', r.id, field));
  }

  private viewOf(r: WelfareBeneficiary): BeneficiaryView {
    return {
      id: r.id,
      name: this.dec(r, r.nameEnc, 'name'),
      relationship: r.relationship,
      idNumber: this.dec(r, r.idNumberEnc, 'id_number'),
      email: r.emailEnc ? this.dec(r, r.emailEnc, 'email') : null,
      registeredVia: r.registeredVia,
      proof: r.proofKind && r.proofReference ? { kind: r.proofKind, reference: r.proofReference } : null,
      createdAt: r.createdAt.toISOString(),
      removedAt: r.removedAt?.toISOString() ?? null,
      removalReason: r.removalReason,
    };
  }
}
