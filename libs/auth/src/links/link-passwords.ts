import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditLog } from '@app/audit';
import { InvalidCredentialsException } from '../login/auth.service';
import { PasswordHasher } from '../passwords/password-hasher';
import type { AccountLinkPurpose } from './account-link.entity';
import { AccountLinks, InvalidLinkException } from './account-links';

/**
 * The first step of opening a link made with a password (a worker's registration, an agency's):
 * the link must be open and the password the one chosen when it was made. The same work either way
 * (one argon2 verification, a dummy one for an unknown link), so the answer tells nothing by its
 * time. A wrong password is audited as `failedAction` and leaves the link usable: the owner of an
 * address cannot be made to confirm what someone else registered with it.
 */
@Injectable()
export class LinkPasswords {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly hasher: PasswordHasher,
    private readonly links: AccountLinks,
    private readonly audit: AuditLog,
  ) {}

  /** Resolves when the link is open and the password matches; else InvalidLinkException or InvalidCredentialsException. */
  async check(purpose: AccountLinkPurpose, token: string, password: string, failedAction: string, correlationId: string): Promise<void> {
    const pending = await this.db.transaction((m) => this.links.peek(m, purpose, token));
    if (!pending) {
      await this.hasher.verify(undefined, password);
      throw new InvalidLinkException();
    }
    if (await this.hasher.verify(pending.passwordHash ?? undefined, password)) return;
    await this.db.transaction((m) =>
      this.audit.append(m, {
        actor: { role: 'anonymous' },
        action: failedAction,
        subjectType: 'account_link',
        subjectId: pending.id,
        changes: { reason: 'wrong-password' },
        correlationId,
      }),
    );
    throw new InvalidCredentialsException();
  }
}
