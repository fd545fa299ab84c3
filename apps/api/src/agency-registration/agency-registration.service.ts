import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AgencyDisqualifiedException, AgencyFounding, AgencyFoundingInput } from '@app/agencies';
import { AuditLog } from '@app/audit';
import {
  AccountLinks,
  Accounts,
  InvalidLinkException,
  LinkPasswords,
  PasswordHasher,
  RegistrationAcceptedView,
  SessionService,
  TokenPairView,
  TokenService,
  User,
  checkPassword,
  emailDigest,
  normaliseEmail,
  signInAfterLink,
} from '@app/auth';
import { Actor, ValidationFailedException } from '@app/common';
import { Notifications, mailSecretLink } from '@app/notifications';
import { RegisterAgencyDto } from './agency-registration.dto';

export const AGENCY_REGISTRATION_ACCEPTED: RegistrationAcceptedView = {
  status: 'accepted',
  message:
    'If this email address can be registered, a link to confirm the registration is on its way: open it within the time it says. The agency and its admin account exist once it is opened.',
};

/** What the link row keeps of a registration until it is confirmed. */
interface RegistrationPayload {
  agency: AgencyFoundingInput;
}

/**
 * A new agency registers itself (issue 22, docs/web-agency.md): its legal identity, owners,
 * officers and address, and its first admin's account, confirmed by mail like a worker's
 * registration. Nothing exists until the link is opened with the password chosen, so registering
 * someone else's address gives nothing and blocks nobody, and the answer never says whether the
 * address has an account. What is public anyway is checked at once: the disqualification rule
 * (an owner or officer of a revoked agency, within the period: 422 naming the field) and a
 * registration number already in the registry (409); both are checked again when the link is opened.
 */
@Injectable()
export class AgencyRegistrationService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly founding: AgencyFounding,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly linkPasswords: LinkPasswords,
    private readonly notifications: Notifications,
    private readonly sessions: SessionService,
    private readonly tokens: TokenService,
    private readonly audit: AuditLog,
    private readonly accounts: Accounts,
  ) {}

  async register(dto: RegisterAgencyDto, actor: Actor): Promise<RegistrationAcceptedView> {
    try {
      checkPassword(dto.admin.password, { email: dto.admin.email });
    } catch (e) {
      // The admin's fields sit under `admin`: name them so.
      if (e instanceof ValidationFailedException) throw new ValidationFailedException(e.errors.map((x) => ({ ...x, field: `admin.${x.field}` })));
      throw e;
    }
    const total = dto.owners.reduce((sum, o) => sum + Math.round(o.sharePercent * 100), 0);
    if (total !== 10_000) throw new ValidationFailedException([{ field: 'owners', rule: 'sharesSumTo100', message: "the owners' shares must add up to 100" }]);
    const agency: AgencyFoundingInput = {
      legalName: dto.legalName,
      registrationNumber: dto.registrationNumber,
      address: dto.address,
      contactEmail: dto.contactEmail ? normaliseEmail(dto.contactEmail) : null,
      contactPhone: dto.contactPhone ?? null,
      owners: dto.owners.map((o) => ({ name: o.name, nationality: o.nationality, sharePercent: o.sharePercent })),
      officers: dto.officers.map((o) => ({ name: o.name, position: o.position, email: o.email ? normaliseEmail(o.email) : null, phone: o.phone ?? null })),
      capital: { amountMinor: dto.capital.amountMinor, currency: dto.capital.currency },
    };
    const email = normaliseEmail(dto.admin.email);
    const preferredLanguage = dto.admin.preferredLanguage ?? 'en';
    const passwordHash = await this.hasher.hash(dto.admin.password);
    const disqualified = await this.founding.disqualified(this.db.manager, agency);
    if (disqualified.length) {
      await this.db.transaction((m) =>
        this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'agency.registration.refused',
          subjectType: 'agency',
          subjectId: null,
          changes: { reason: 'disqualified', fields: disqualified.map((d) => d.field), licenseNumbers: disqualified.map((d) => d.licenseNumber) },
          correlationId: actor.correlationId,
        }),
      );
      throw new AgencyDisqualifiedException(disqualified);
    }
    await this.db.transaction(async (m) => {
      await this.founding.assertRegistrationNumberFree(m, agency.registrationNumber);
      if (await this.accounts.emailTaken(m, email)) {
        await this.audit.append(m, {
          actor: { role: 'anonymous' },
          action: 'agency.registration.duplicate',
          subjectType: 'agency',
          subjectId: null,
          changes: { emailDigest: emailDigest(email), registrationNumber: agency.registrationNumber },
          correlationId: actor.correlationId,
        });
        return;
      }
      const payload: RegistrationPayload = { agency };
      const { link, url } = await this.links.issue(m, {
        purpose: 'agency-registration',
        email,
        passwordHash,
        displayName: dto.admin.displayName,
        preferredLanguage,
        payload: payload as unknown as Record<string, unknown>,
      });
      // No account yet (it is created when the link is opened): the address, sealed in the outbox.
      await this.notifications.enqueue(m, {
        to: { address: email },
        template: 'account.agency-registration',
        language: preferredLanguage,
        data: {
          displayName: dto.admin.displayName,
          agencyName: agency.legalName,
          verifyUrl: mailSecretLink(url),
          validHours: this.links.lifetimeMs('agency-registration') / 3_600_000,
        },
        dedupKey: `account.agency-registration:${link.id}`,
      });
      await this.audit.append(m, {
        actor: { role: 'anonymous' },
        action: 'agency.registration.pending',
        subjectType: 'account_link',
        subjectId: link.id,
        changes: {
          emailDigest: emailDigest(email),
          registrationNumber: agency.registrationNumber,
          legalName: agency.legalName,
          expiresAt: link.expiresAt.toISOString(),
        },
        correlationId: actor.correlationId,
      });
    });
    return AGENCY_REGISTRATION_ACCEPTED;
  }

  /**
   * Opens the registration link with the admin's password: the agency (with its profile) and the
   * admin's account are created in one transaction and the admin is signed in. A refusal (wrong
   * password, disqualified meanwhile, registration number taken meanwhile) leaves the link as it was.
   */
  async verify(token: string, password: string, actor: Actor): Promise<TokenPairView> {
    await this.linkPasswords.check('agency-registration', token, password, 'agency.registration.verification-failed', actor.correlationId);
    return this.db.transaction(async (m) => {
      const link = await this.links.consume(m, 'agency-registration', token);
      const { agency: input } = link.payload as unknown as RegistrationPayload;
      const agency = await this.founding.found(m, input);
      const inserted = await m
        .createQueryBuilder()
        .insert()
        .into(User)
        .values({
          email: link.email!,
          passwordHash: link.passwordHash!,
          displayName: link.displayName!,
          preferredLanguage: link.preferredLanguage ?? 'en',
          roles: ['agency_admin'],
          agencyId: agency.id,
        })
        .orIgnore()
        .returning(['id'])
        .execute();
      const id = (inserted.raw as { id: string }[])[0]?.id;
      // The address got an account meanwhile: the agency is not created either (the transaction rolls back).
      if (!id) throw new InvalidLinkException();
      const voided = await this.links.voidOpen(m, 'agency-registration', { email: link.email! });
      await this.audit.append(m, {
        actor: { id, role: 'agency_admin' },
        action: 'agency.registered',
        subjectType: 'agency',
        subjectId: agency.id,
        changes: {
          legalName: input.legalName,
          registrationNumber: input.registrationNumber,
          owners: input.owners.map((o) => ({ name: o.name, sharePercent: o.sharePercent })),
          officers: input.officers.map((o) => o.name),
          adminId: id,
          linkId: link.id,
          otherRegistrationsVoided: voided,
        },
        correlationId: actor.correlationId,
      });
      await this.audit.append(m, {
        actor: { id, role: 'agency_admin' },
        action: 'user.email.verified',
        subjectType: 'user',
        subjectId: id,
        changes: { roles: ['agency_admin'], agencyId: agency.id, preferredLanguage: link.preferredLanguage ?? 'en', linkId: link.id },
        correlationId: actor.correlationId,
      });
      return signInAfterLink(m, { sessions: this.sessions, tokens: this.tokens, audit: this.audit }, { id, role: 'agency_admin' }, actor.correlationId);
    });
  }
}
