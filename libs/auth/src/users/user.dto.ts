import { IntersectionType } from '@nestjs/swagger';
import { Transform, Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsEmail, IsIn, IsOptional, IsString, IsUUID, Length, MaxLength } from 'class-validator';
import { PageQuery } from '@app/common';
import { LANGUAGES, Language, ROLES, Role } from '../roles';
import { User } from './user.entity';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);
export const normaliseEmail = (email: string) => email.trim().toLowerCase();

export class NewAccountFields {
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  /** 8-128 characters, not among the most common passwords; no composition rules. */
  @IsString()
  @MaxLength(1024)
  password: string;

  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

/** A migrant worker registering themselves. */
export class RegisterWorkerDto extends NewAccountFields {}

/** An agency admin adding a staff member to their own agency. */
export class CreateAgencyStaffDto extends NewAccountFields {}

/** The roles an account holds, and its agency when they are agency roles (checked by the service). */
export class RoleAssignment {
  @IsIn(ROLES, { each: true })
  @ArrayMinSize(1)
  @ArrayMaxSize(ROLES.length)
  @ArrayUnique()
  roles: Role[];

  /** Required for agency roles, refused for the others. */
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

/** An admin creating any account. */
export class CreateUserDto extends IntersectionType(NewAccountFields, RoleAssignment) {}

/** An admin replacing an account's roles. */
export class AssignRolesDto extends RoleAssignment {}

export class DisableUserDto {
  @Transform(trim)
  @IsString()
  @Length(3, 500)
  reason: string;
}

export class UpdateMeDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 120)
  displayName?: string;

  @IsOptional()
  @IsIn(LANGUAGES)
  preferredLanguage?: Language;
}

export class ChangePasswordDto {
  @IsString()
  @MaxLength(1024)
  currentPassword: string;

  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class ListUsersQuery extends PageQuery {
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @IsOptional()
  @IsUUID()
  agencyId?: string;

  @IsOptional()
  @Type(() => String)
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  active?: boolean;
}

export class UserView {
  id: string;
  email: string;
  displayName: string;
  preferredLanguage: Language;
  roles: Role[];
  agencyId: string | null;
  active: boolean;
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
