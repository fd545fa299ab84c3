import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { Notifications, mailSecretLink } from '@app/notifications';
import { AgencyNames } from '../agency-names';
import { auditActor } from '../audit-actor';
import { emailDigest } from '../login/auth.service';
import { TokenPairView } from '../login/auth.dto';
import { PasswordHasher } from '../passwords/password-hasher';
import { checkPassword } from '../passwords/password-policy';
import { SessionService } from '../sessions/session.service';
import { TokenService } from '../tokens/token.service';
import { InvitationSentView, InviteAgencyStaffDto, normaliseEmail } from '../users/user.dto';
import { User } from '../users/user.entity';
import { AccountLinks, InvalidLinkException } from './account-links';
import { signInAfterLink } from './sign-in';
import type { Actor } from '@app/common';

export const INVITATION_SENT: InvitationSentView = {
  status: 'accepted',
  message: 'If this email address can join your agency, an invitation is on its way. The account exists once its owner accepts it.',
};

/**
 * Agency staff accounts by invitation (docs/auth.md, "Agency staff"): an agency admin names an
 * address; its owner accepts by mail and chooses the password. The admin's answer is the same
 * whether or not the address already has an account anywhere, and nothing is created until the
 * owner accepts, so an invitation never blocks a worker from registering with that address.
 */
@Injectable()
export class InvitationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly notifications: Notifications,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly agencies: AgencyNames,
  ) {}

  /** An address with an account gets no invitation (audited, with a digest of the address); the answer is the same. */
  async inviteAgencyStaff(dto: InviteAgencyStaffDto, actor: Actor): Promise<InvitationSentView> {
    const agencyId = actor.agencyId!;
    const email = normaliseEmail(dto.email);
    const preferredLanguage = dto.preferredLanguage ?? 'en';
    await this.db.transaction(async (m) => {
      const [{ exists }] = (await m.query('SELECT EXISTS (SELECT 1 FROM app_user WHERE email = $1) AS exists', [email])) as { exists: boolean }[];
      if (exists) {
        await this.audit.append(m, {
          actor: auditActor(actor, 'agency_admin'),
          action: 'user.invitation.not-sent',
          subjectType: 'agency',
          subjectId: agencyId,
          changes: { reason: 'email-has-account', emailDigest: emailDigest(email) },
          correlationId: actor.correlationId,
        });
        return;
      }
      const agencyName = await this.agencies.legalName(m, agencyId);
      if (agencyName === null) throw new Error(`invitations: the inviting admin's agency ${agencyId} does not exist`);
      const { link, url } = await this.links.issue(m, {
        purpose: 'staff-invitation',
        email,
        displayName: dto.displayName,
        preferredLanguage,
        roles: ['agency_staff'],
        agencyId,
        createdBy: actor.userId!,
      });
      await this.notifications.enqueue(m, {
        to: { address: email },
        template: 'account.staff-invitation',
        language: preferredLanguage,
        data: {
          displayName: dto.displayName,
          agencyName,
          acceptUrl: mailSecretLink(url),
          validDays: this.links.lifetimeMs('staff-invitation') / 86_400_000,
        },
        dedupKey: `account.staff-invitation:${link.id}`,
      });
      await this.audit.append(m, {
        actor: auditActor(actor, 'agency_admin'),
        action: 'user.invited',
        subjectType: 'account_link',
        subjectId: link.id,
        changes: { roles: ['agency_staff'], agencyId, emailDigest: emailDigest(email), expiresAt: link.expiresAt.toISOString() },
        correlationId: actor.correlationId,
      });
    });
    return INVITATION_SENT;
  }

  /** The owner of the address accepts: the account is created with the password they choose, and they are signed in. */
  async accept(token: string, password: string, actor: Actor): Promise<TokenPairView> {
    checkPassword(password);
    const passwordHash = await this.hasher.hash(password);
    return this.db.transaction(async (m) => {
      const link = await this.links.consume(m, 'staff-invitation', token);
      // The invited address is known only now (a refusal rolls the link's use back).
      checkPassword(password, { email: link.email! });
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email: link.email!,
          passwordHash,
          displayName: link.displayName!,
          preferredLanguage: link.preferredLanguage ?? 'en',
          roles: link.roles!,
          agencyId: link.agencyId,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      // The address got an account meanwhile (the worker registered first, or another invitation was accepted).
      if (!id) throw new InvalidLinkException();
      const voided = await this.links.voidOpen(m, 'staff-invitation', { email: link.email! });
      await this.audit.append(m, {
        actor: { id, role: link.roles![0] },
        action: 'user.invitation.accepted',
        subjectType: 'user',
        subjectId: id,
        changes: { roles: link.roles, agencyId: link.agencyId, invitedBy: link.createdBy, linkId: link.id, otherInvitationsVoided: voided },
        correlationId: actor.correlationId,
      });
      return signInAfterLink(m, { sessions: this.sessions, tokens: this.tokens, audit: this.audit }, { id, role: link.roles![0] }, actor.correlationId);
    });
  }
}
