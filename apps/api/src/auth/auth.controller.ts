import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
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
import { ApiProblems } from '../openapi/api-problems.decorator';

const RATE_LIMITS =
  'Sign-in and registration share two rate limits per window (`AUTH_LOGIN_WINDOW_SECONDS`, default 15 minutes), counting every attempt: per ' +
  'client address (`AUTH_LOGIN_LIMIT_PER_IP`, default 30) and per account, i.e. the email in the body (`AUTH_LOGIN_LIMIT_PER_ACCOUNT`, default 5). ' +
  'Past a limit the answer is 429 `too-many-requests` with `Retry-After` (also `retryAfter`). No `X-RateLimit-*` headers are sent.';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  /** A migrant worker creates their own account. The answer does not reveal whether the email was taken. */
  @Post('register')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register a worker account',
    description:
      'A migrant worker creates their own account (role `worker`) with an email, a password, a display name and optionally a preferred language ' +
      '(`en` when left out). The answer is the same 202, after the same work (one argon2 hash), whether or not the email already has an account, ' +
      'so registration cannot be used to find out who has one; a registration with a taken email changes nothing. Sign in with ' +
      '`POST /auth/login` afterwards. A password outside the rules is a 400 `validation-failed` naming `password` and the rule. ' +
      'Audited (`user.registered`, or `user.registration.duplicate` with a digest of the email). ' +
      RATE_LIMITS,
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedView, description: 'Accepted; the same answer whether or not the email was already registered.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  register(@Body() dto: RegisterWorkerDto, @Actor() actor: ActorContext): Promise<RegistrationAcceptedView> {
    return this.auth.registerWorker(dto, actor);
  }

  /** Signs in: a short-lived access token and a single-use refresh token. Rate limited per address and per account. */
  @Post('login')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Sign in with email and password',
    description:
      'Opens a session and answers a short-lived access token (a JWT, `AUTH_ACCESS_TTL_SECONDS`, default 15 minutes) and a single-use refresh token. ' +
      'Send the access token as `Authorization: Bearer <accessToken>`; before it expires, exchange the refresh token at `POST /auth/refresh`. ' +
      'An unknown email, a wrong password and a disabled account all answer the same 401 `invalid-credentials`, after the same work. ' +
      'Every attempt, successful or not, is audited (a failed one with a digest of the email, never the address). ' +
      RATE_LIMITS,
  })
  @ApiOkResponse({ type: TokenPairView, description: 'Signed in: the token pair of the new session.' })
  @ApiProblems({ 401: ['invalid-credentials'], 429: ['too-many-requests'] })
  login(@Body() dto: LoginDto, @Actor() actor: ActorContext): Promise<TokenPairView> {
    return this.auth.login(dto.email, dto.password, actor);
  }

  /** Exchanges a refresh token for a new pair; reusing an old refresh token ends the session. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      'Rotates the session\'s refresh token: the answer holds a new access token and a new refresh token, and the one sent stops working. ' +
      'Presenting an already used refresh token again means it was copied: the whole session ends at once (audited as `auth.refresh.reused`) and ' +
      'the answer is 401. Two refreshes racing with the same token: exactly one wins. A session lapses `AUTH_REFRESH_TTL_DAYS` after its last refresh; ' +
      'an unknown, used or lapsed token, or one whose account was disabled meanwhile, is a 401 `unauthenticated`: sign in again.',
  })
  @ApiOkResponse({ type: TokenPairView, description: 'The new token pair; the refresh token sent is spent.' })
  @ApiProblems({ 401: ['unauthenticated'] })
  refresh(@Body() dto: RefreshDto, @Actor() actor: ActorContext): Promise<TokenPairView> {
    return this.auth.refresh(dto.refreshToken, actor);
  }

  /** Ends the caller's session: its access and refresh tokens stop working at once. */
  @Post('logout')
  @Authenticated()
  @ApiBearerAuth()
  @HttpCode(204)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the caller\'s session: its access token and its refresh token stop working at once (other sessions of the account are untouched). Audited (`auth.logout`).',
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(@Actor() actor: ActorContext): Promise<void> {
    await this.auth.logout(actor);
  }
}
