import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsString, Matches, MaxLength } from 'class-validator';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../passwords/password-policy';

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'inspector@dole.example', description: "The account's email address; compared trimmed and case-insensitively." })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 1024, format: 'password', example: 'correct horse battery staple', description: "The account's password." })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @ApiProperty({
    maxLength: 200,
    example: '6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f.Q2hhbmdlIG1lOiBhIHJlZnJlc2ggdG9rZW4gaXMgb3BhcXVl',
    description: 'The refresh token of the last sign-in or refresh. Single use.',
  })
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairView {
  @ApiProperty({ enum: ['Bearer'], example: 'Bearer', description: 'Always `Bearer`: send the access token as `Authorization: Bearer <accessToken>`.' })
  tokenType: 'Bearer';

  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl',
    description: 'A short-lived JWT (HS256) naming the user and the session.',
  })
  accessToken: string;

  /** Seconds until the access token expires. */
  @ApiProperty({ type: 'integer', minimum: 1, example: 900, description: 'Seconds until the access token expires.' })
  expiresIn: number;

  /** Single use: each refresh returns a new one, and reusing an old one ends the session. */
  @ApiProperty({
    example: '6f1e2d3c-4b5a-4968-8776-5a4b3c2d1e0f.Q2hhbmdlIG1lOiBhIHJlZnJlc2ggdG9rZW4gaXMgb3BhcXVl',
    description: 'Opaque and single use: `POST /auth/refresh` exchanges it for a new pair; presenting an old one again ends the whole session.',
  })
  refreshToken: string;
}

export class RegistrationAcceptedView {
  @ApiProperty({ enum: ['accepted'], example: 'accepted' })
  status: 'accepted';

  @ApiProperty({
    example: 'If this email address can be registered, a link to confirm it is on its way: open it within the time it says, then sign in.',
    description: 'For people; the same whether or not the address already had an account.',
  })
  message: string;
}

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

/** The token of a mailed link, as the web page took it from the link's `?token=`. */
class LinkTokenField {
  @ApiProperty({
    minLength: 43,
    maxLength: 43,
    pattern: '^[A-Za-z0-9_-]{43}$',
    example: 'mZ1Yq3u2c0dY8l1t8rB2s9n6J0p4Wc7kE5aQxR2vT1o',
    description:
      'The `token` of the link mailed to the address (256 random bits, base64url). Single use; an unknown, used, replaced or expired one is a 400 `invalid-link`.',
  })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be the token of a link' })
  token: string;
}

export class VerifyEmailDto extends LinkTokenField {
  @ApiProperty({
    format: 'password',
    maxLength: 1024,
    description: 'The password chosen when registering: only the person who registered can confirm the registration.',
  })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class ResendVerificationDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'maria.santos@example.com',
    description: 'The address registered with; compared trimmed and case-insensitively.',
  })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @ApiProperty({ format: 'password', maxLength: 1024, description: 'The password chosen when registering: a new link is sent only for your own registration.' })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class PasswordResetRequestDto {
  @ApiProperty({
    format: 'email',
    maxLength: 254,
    example: 'maria.santos@example.com',
    description: "The account's address; compared trimmed and case-insensitively.",
  })
  @Transform(trim)
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;
}

const NEW_PASSWORD_RULES = `${PASSWORD_MIN_LENGTH} to ${PASSWORD_MAX_LENGTH} characters, not among the most common passwords; a refused one is a 400 \`validation-failed\` naming the field and the rule.`;

export class PasswordResetConfirmDto extends LinkTokenField {
  @ApiProperty({ format: 'password', minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH, description: `The new password: ${NEW_PASSWORD_RULES}` })
  @IsString()
  @MaxLength(1024)
  newPassword: string;
}

export class AcceptInvitationDto extends LinkTokenField {
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `The password of the new account: ${NEW_PASSWORD_RULES}`,
  })
  @IsString()
  @MaxLength(1024)
  password: string;
}

export class PasswordResetAcceptedView {
  @ApiProperty({ enum: ['accepted'], example: 'accepted' })
  status: 'accepted';

  @ApiProperty({
    example: 'If an account has this email address, a link to choose a new password is on its way.',
    description: 'For people; the same whether or not the address has an account.',
  })
  message: string;
}
