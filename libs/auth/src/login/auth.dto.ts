import { Transform } from 'class-transformer';
import { IsString, MaxLength } from 'class-validator';

export class LoginDto {
  @Transform(({ value }) => (typeof value === 'string' ? value.trim() : value))
  @IsString()
  @MaxLength(254)
  email: string;

  @IsString()
  @MaxLength(1024)
  password: string;
}

export class RefreshDto {
  @IsString()
  @MaxLength(200)
  refreshToken: string;
}

export class TokenPairView {
  tokenType: 'Bearer';
  accessToken: string;
  /** Seconds until the access token expires. */
  expiresIn: number;
  /** Single use: each refresh returns a new one, and reusing an old one ends the session. */
  refreshToken: string;
}

export class RegistrationAcceptedView {
  status: 'accepted';
  message: string;
}
