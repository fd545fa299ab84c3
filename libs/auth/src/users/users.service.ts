import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Actor, ConflictException, FieldEncryption, NotFoundException, Page, ValidationFailedException, pageOf, pageOffset } from '@app/common';
import { AgencyNames } from '../agency-names';
import { auditActor } from '../audit-actor';
import { PasswordHasher } from '../passwords/password-hasher';
import { checkPassword } from '../passwords/password-policy';
import { AGENCY_ROLES, Role, roleSetProblem } from '../roles';
import { SessionService } from '../sessions/session.service';
import { AssignRolesDto, CreateUserDto, ListUsersQuery, NewAccountFields, MeView, UpdateMeDto, UserView, normaliseEmail, toUserView } from './user.dto';
import { User } from './user.entity';

export class EmailTakenException extends ConflictException {
  constructor() {
    super('email-taken', 'An account with this email address already exists.');
  }
}

/** Where a user's phone envelope lives (its AAD). */
export const phoneAad = (userId: string) => `app_user:${userId}:phone`;

/** Account administration: by admins (any account) and by agency admins (their own staff). */
@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly sessions: SessionService,
    private readonly audit: AuditLog,
    private readonly fields: FieldEncryption,
    private readonly agencies: AgencyNames,
  ) {}

  async me(actor: Actor): Promise<MeView> {
    return this.meView(await this.db.getRepository(User).findOneByOrFail({ id: actor.userId! }));
  }

  /** The account with its phone number opened (only its owner is shown it). */
  private meView(u: User): MeView {
    return { ...toUserView(u), phone: u.phoneEnc ? this.fields.decrypt(u.phoneEnc, phoneAad(u.id)) : null };
  }

  async updateMe(dto: UpdateMeDto, actor: Actor): Promise<MeView> {
    const id = actor.userId!;
    return this.db.transaction(async (m) => {
      const { phone, ...rest } = dto;
      const changes: Partial<User> = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined));
      // The phone: sealed; null or an empty string removes it.
      if (phone !== undefined) changes.phoneEnc = phone ? this.fields.encrypt(phone, phoneAad(id)) : null;
      if (Object.keys(changes).length) await m.update(User, { id }, changes);
      await this.audit.append(m, {
        actor: auditActor(actor),
        action: 'user.profile.updated',
        subjectType: 'user',
        subjectId: id,
        // The display name and phone are personal data: record that they changed, not to what.
        changes: { fields: Object.keys(dto).filter((k) => dto[k as keyof UpdateMeDto] !== undefined), preferredLanguage: dto.preferredLanguage },
        correlationId: actor.correlationId,
      });
      return this.meView(await m.findOneByOrFail(User, { id }));
    });
  }

  /** Admin: any role set the rules allow; agency roles need an existing agency. */
  async create(dto: CreateUserDto, actor: Actor): Promise<UserView> {
    const agencyId = this.checkRoleSet(dto.roles, dto.agencyId);
    return this.insert(dto, dto.roles, agencyId, actor, 'admin');
  }

  async list(query: ListUsersQuery, agencyScope?: string): Promise<Page<UserView>> {
    const qb = this.db.getRepository(User).createQueryBuilder('u').orderBy('u.created_at', 'DESC').addOrderBy('u.id');
    if (agencyScope) qb.andWhere('u.agency_id = :agencyScope', { agencyScope });
    if (query.agencyId) qb.andWhere('u.agency_id = :agencyId', { agencyId: query.agencyId });
    if (query.role) qb.andWhere(':role = ANY(u.roles)', { role: query.role });
    if (query.active !== undefined) qb.andWhere('u.active = :active', { active: query.active });
    const [rows, total] = await qb.skip(pageOffset(query)).take(query.pageSize).getManyAndCount();
    return pageOf(rows.map(toUserView), total, query);
  }

  /** A user, if within `agencyScope` (when given); otherwise 404. */
  async get(id: string, agencyScope?: string): Promise<UserView> {
    return toUserView(await this.find(this.db.manager, id, agencyScope));
  }

  async setActive(id: string, active: boolean, reason: string | undefined, actor: Actor, agencyScope?: string): Promise<UserView> {
    return this.db.transaction(async (m) => {
      const user = await this.find(m, id, agencyScope, true);
      if (agencyScope && !user.roles.every((r) => r === 'agency_staff')) throw new NotFoundException('user');
      if (user.id === actor.userId! && !active) {
        throw new ConflictException('cannot-disable-self', 'You cannot disable your own account.');
      }
      if (user.active === active) return toUserView(user);
      await m.update(User, { id }, { active });
      const ended = active ? 0 : await this.sessions.revokeAllOf(m, id, 'disabled');
      await this.audit.append(m, {
        actor: auditActor(actor, agencyScope ? 'agency_admin' : 'admin'),
        action: active ? 'user.enabled' : 'user.disabled',
        subjectType: 'user',
        subjectId: id,
        changes: { active, reason, sessionsEnded: ended },
        correlationId: actor.correlationId,
      });
      return toUserView({ ...user, active });
    });
  }

  async assignRoles(id: string, dto: AssignRolesDto, actor: Actor): Promise<UserView> {
    const agencyId = this.checkRoleSet(dto.roles, dto.agencyId);
    return this.db.transaction(async (m) => {
      const user = await this.find(m, id, undefined, true);
      if (user.id === actor.userId! && !dto.roles.includes('admin')) {
        throw new ConflictException('cannot-demote-self', 'You cannot remove your own admin role.');
      }
      await this.assertAgencyExists(m, agencyId);
      await m.update(User, { id }, { roles: dto.roles, agencyId });
      // New roles take effect on the next sign-in: every current session ends now.
      const ended = await this.sessions.revokeAllOf(m, id, 'roles-changed');
      await this.audit.append(m, {
        actor: auditActor(actor, 'admin'),
        action: 'user.roles.changed',
        subjectType: 'user',
        subjectId: id,
        changes: { from: { roles: user.roles, agencyId: user.agencyId }, to: { roles: dto.roles, agencyId }, sessionsEnded: ended },
        correlationId: actor.correlationId,
      });
      return toUserView({ ...user, roles: dto.roles, agencyId });
    });
  }

  private async insert(dto: NewAccountFields, roles: Role[], agencyId: string | null, actor: Actor, actingRole: string): Promise<UserView> {
    checkPassword(dto.password, { email: dto.email });
    const passwordHash = await this.hasher.hash(dto.password);
    return this.db.transaction(async (m) => {
      await this.assertAgencyExists(m, agencyId);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email: normaliseEmail(dto.email),
          passwordHash,
          displayName: dto.displayName,
          preferredLanguage: dto.preferredLanguage ?? 'en',
          roles,
          agencyId,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      if (!id) throw new EmailTakenException();
      await this.audit.append(m, {
        actor: auditActor(actor, actingRole),
        action: 'user.created',
        subjectType: 'user',
        subjectId: id,
        changes: { roles, agencyId },
        correlationId: actor.correlationId,
      });
      return toUserView(await m.findOneByOrFail(User, { id }));
    });
  }

  private checkRoleSet(roles: Role[], agencyId: string | undefined): string | null {
    const problem = roleSetProblem(roles);
    if (problem) throw new ValidationFailedException([{ field: 'roles', rule: 'roleSet', message: problem }]);
    const agencyRole = roles.some((r) => AGENCY_ROLES.includes(r));
    if (agencyRole && !agencyId) {
      throw new ValidationFailedException([{ field: 'agencyId', rule: 'requiredForAgencyRoles', message: 'is required for agency roles' }]);
    }
    if (!agencyRole && agencyId) {
      throw new ValidationFailedException([{ field: 'agencyId', rule: 'onlyForAgencyRoles', message: 'is only accepted with agency roles' }]);
    }
    return agencyId ?? null;
  }

  private async assertAgencyExists(m: EntityManager, agencyId: string | null): Promise<void> {
    if (!agencyId) return;
    if ((await this.agencies.legalName(m, agencyId)) === null) {
      throw new ValidationFailedException([{ field: 'agencyId', rule: 'exists', message: 'names no registered agency' }]);
    }
  }

  private async find(m: EntityManager, id: string, agencyScope?: string, lock = false): Promise<User> {
    const user = await m.findOne(User, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!user || (agencyScope && user.agencyId !== agencyScope)) throw new NotFoundException('user');
    return user;
  }
}
