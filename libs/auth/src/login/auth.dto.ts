import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @ApiProperty({ maxLength: 254, example: 'inspector@dole.example', description: 'The account\'s email address; compared trimmed and case-insensitively.' })
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ maxLength: 1024, format: 'password', example: 'correct horse battery staple', description: 'The account\'s password.' })
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

  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIuLi4ifQ.c2lnbmF0dXJl', description: 'A short-lived JWT (HS256) naming the user and the session.' })
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

  @ApiProperty({ example: 'If this email address can be registered, the account is ready: sign in with it.', description: 'For people; the same whether or not the address already had an account.' })
  message: string;
}
