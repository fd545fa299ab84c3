import { ApiProperty, ApiPropertyOptional, IntersectionType, OmitType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, Matches, MaxLength } from 'class-validator';
import { IsSingleLineName, PageQuery } from '@app/common';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password-policy';
import { LANGUAGES, Language, ROLES, Role } from '../roles';
import { User } from './user.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
/** A phone number as people write it. */
export const PHONE_PATTERN = /^\+?[0-9 ()-]{6,25}$/;
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

const PASSWORD_RULES =
  `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters (Unicode code points, so a passphrase in any script counts fairly), ` +
  `at least ${PASSWORD_MIN_LENGTH} of them not spaces or other blank characters, no composition rules; not the demo accounts' published password, ` +
  "not the account's email address or its part before the @ (nor containing them; case, spaces and punctuation ignored), and not among the " +
  '10,000 most common passwords (compared case-insensitively). A refused password is a 400 `validation-failed` naming the field and the rule: ' +
  '`minLength`, `maxLength`, `notOnlyWhitespace`, `minNonWhitespace`, `notDemoPassword`, `notEmail` or `notCommon`.';

const LANGUAGE_DESCRIPTION = 'The language of every message sent to the account: English, Filipino, Indonesian or Nepali.';

/** The shared `Language` and `Role` schemas of the document, described once. */
const LANGUAGE_ENUM = {
  enum: LANGUAGES,
  enumName: 'Language',
  enumSchema: { description: 'A language messages are written in: `en` English, `fil` Filipino, `id` Indonesian, `ne` Nepali.' },
};
const ROLE_ENUM = {
  enum: ROLES,
  enumName: 'Role',
  enumSchema: {
    description:
      "A role. `worker`: a migrant worker; `agency_admin`, `agency_staff`: an agency's administrator and employees (they see their agency's records); " +
      "`inspector`, `supervisor`, `welfare_officer`, `finance_officer` (records the welfare fund's income), `admin`: ministry staff. docs/auth.md says what each may do.",
  },
};

export class NewAccountFields {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'maria.santos@example.com',
    description: 'Trimmed and lower-cased; an email holds at most one account.',
  })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  /** 8-128 characters (8 not blank), not the email, the demo password or a common password; no composition rules. */
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    example: 'tahanan sa Maynila 2026',
    description: PASSWORD_RULES,
  })
  @IsString()
  @MaxLength(1024)
  password: string;

  @ApiProperty({ minLength: 1, maxLength: 120, example: 'Maria Santos', description: 'The name shown to others; trimmed.' })
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @IsSingleLineName()
  displayName: string;

  @ApiPropertyOptional({ ...LANGUAGE_ENUM, default: 'en', description: LANGUAGE_DESCRIPTION })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

/** A migrant worker registering themselves. */
export class RegisterWorkerDto extends NewAccountFields {}

/** An agency admin inviting a staff member to their own agency: the invitee chooses the password. */
export class InviteAgencyStaffDto extends OmitType(NewAccountFields, ['password'] as const) {}

export class InvitationSentView {
  @ApiProperty({ enum: ['accepted'], example: 'accepted' })
  status: 'accepted';

  @ApiProperty({
    example: 'If this email address can join your agency, an invitation is on its way. The account exists once its owner accepts it.',
    description: 'For people; the same whether or not the address already has an account.',
  })
  message: string;
}

/** The roles an account holds, and its agency when they are agency roles (checked by the service). */
export class RoleAssignment {
  @ApiProperty({
    ...ROLE_ENUM,
    isArray: true,
    minItems: 1,
    maxItems: ROLES.length,
    uniqueItems: true,
    example: ['inspector'],
    description:
      'The roles the account holds. Agency roles (`agency_admin`, `agency_staff`) never mix with the others, and a `worker` account holds no other role; ' +
      'a set breaking these rules is a 400 `validation-failed` on `roles`.',
  })
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  roles: Role[];

  /** Required for agency roles, refused for the others. */
  @ApiPropertyOptional({
    format: 'uuid',
    description:
      'The agency the account belongs to: required with agency roles, refused with the others, and must name a registered agency (400 `validation-failed` on `agencyId` otherwise).',
  })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** An admin creating any account. */
export class CreateUserDto extends IntersectionType(NewAccountFields, RoleAssignment) {}

/** An admin replacing an account's roles. */
export class AssignRolesDto extends RoleAssignment {}

export class DisableUserDto {
  @ApiProperty({ minLength: 3, maxLength: 500, example: 'Left the agency on 2026-02-28.', description: 'Why, for the audit log; trimmed.' })
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class UpdateMeDto {
  @ApiPropertyOptional({ minLength: 1, maxLength: 120, example: 'Maria S.', description: 'The name shown to others; trimmed. Left out: unchanged.' })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  @IsSingleLineName()
  displayName?: string;

  @ApiPropertyOptional({ ...LANGUAGE_ENUM, description: `${LANGUAGE_DESCRIPTION} Left out: unchanged.` })
  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;

  @ApiPropertyOptional({
    type: String,
    nullable: true,
    pattern: PHONE_PATTERN.source,
    example: '+977 980 123 4567',
    description:
      'A phone number to reach you by (digits, spaces, brackets, dashes, an optional leading +; 6 to 25 characters); stored encrypted. Null: remove it. Left out: unchanged.',
  })
  @IsOptional()
  @Transform(trim)
  @Matches(PHONE_PATTERN, { message: 'must be a phone number' })
  phone?: string | null;
}

export class ChangePasswordDto {
  @ApiProperty({ format: 'password', maxLength: 1024, description: 'The password the account has now.' })
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: PASSWORD_RULES.replace('A refused password', 'A refused one'),
  })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class ListUsersQuery extends PageQuery {
  @ApiPropertyOptional({ ...ROLE_ENUM, description: 'Only accounts holding this role.' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only accounts of this agency.' })
  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @ApiPropertyOptional({ type: Boolean, description: '`true`: only enabled accounts; `false`: only disabled ones.' })
  @IsOptional()
  @Type(() => String)
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

/** An account as the API shows it (never its password hash). */
export class UserView {
  @ApiProperty({ format: 'uuid', example: '3b241101-e2bb-4255-8caf-4136c566a962' })
  id: string;

  @ApiProperty({ format: 'email', example: 'maria.santos@example.com', description: 'Lower-cased.' })
  email: string;

  @ApiProperty({ example: 'Maria Santos' })
  displayName: string;

  @ApiProperty({ ...LANGUAGE_ENUM, example: 'fil', description: LANGUAGE_DESCRIPTION })
  preferredLanguage: Language;

  @ApiProperty({ ...ROLE_ENUM, isArray: true, example: ['worker'], description: 'The roles the account holds (at least one).' })
  roles: Role[];

  @ApiProperty({
    type: String,
    format: 'uuid',
    nullable: true,
    description: 'The agency of an agency account (`agency_admin`, `agency_staff`); null for every other account.',
  })
  agencyId: string | null;

  @ApiProperty({ example: true, description: 'False once disabled: a disabled account cannot sign in and its sessions have ended.' })
  active: boolean;

  @ApiProperty({ format: 'date-time', example: '2026-01-15T09:30:00.000Z' })
  createdAt: string;
}

export const toUserView = (u: User): UserView => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  preferredLanguage: u.preferredLanguage,
  roles: u.roles,
  agencyId: u.agencyId,
  active: u.active,
  createdAt: u.createdAt.toISOString(),
});

/** Your own account, as `GET /me` shows it: the account and the phone number you gave. */
export class MeView extends UserView {
  @ApiProperty({ type: String, nullable: true, example: '+977 980 123 4567', description: 'The phone number you gave on your account; null: none.' })
  phone: string | null;
}
