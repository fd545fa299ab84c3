import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import {
  Actor,
  ActorContext,
  AuthService,
  Authenticated,
  LoginDto,
  LoginThrottleGuard,
  Public,
  RefreshDto,
  RegisterWorkerDto,
  RegistrationAcceptedView,
  TokenPairView,
} from '@app/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A migrant worker creates their own account. The answer does not reveal whether the email was taken. */
  @Post('register')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(202)
  register(@Body() dto: RegisterWorkerDto, @Actor() actor: ActorContext): Promise<RegistrationAcceptedView> {
    return this.auth.registerWorker(dto, actor);
  }

  /** Signs in: a short-lived access token and a single-use refresh token. Rate limited per address and per account. */
  @Post('login')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  login(@Body() dto: LoginDto, @Actor() actor: ActorContext): Promise<TokenPairView> {
    return this.auth.login(dto.email, dto.password, actor);
  }

  /** Exchanges a refresh token for a new pair; reusing an old refresh token ends the session. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  refresh(@Body() dto: RefreshDto, @Actor() actor: ActorContext): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken, actor);
  }

  /** Ends the caller's session: its access and refresh tokens stop working at once. */
  @Post('logout')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  async logout(@Actor() actor: ActorContext): Promise<void> {
    await this.auth.logout(actor);
  }
}
