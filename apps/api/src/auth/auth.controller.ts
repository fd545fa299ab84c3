import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import {
  AcceptInvitationDto,
  AuthService,
  Authenticated,
  InvitationsService,
  PasswordResetAcceptedView,
  PasswordResetConfirmDto,
  PasswordResetRequestDto,
  PasswordResetService,
  LoginDto,
  LoginThrottleGuard,
  Public,
  RefreshDto,
  RegisterWorkerDto,
  RegistrationAcceptedView,
  RegistrationService,
  ResendVerificationDto,
  TokenPairView,
  VerifyEmailDto,
  CurrentActor,
} from '@app/auth';
import type { Actor } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';

const RATE_LIMITS =
  'Sign-in and registration share two rate limits per window (`AUTH_LOGIN_WINDOW_SECONDS`, default 15 minutes), counting every attempt: per ' +
  'client address (`AUTH_LOGIN_LIMIT_PER_IP`, default 30) and per account, i.e. the email in the body (`AUTH_LOGIN_LIMIT_PER_ACCOUNT`, default 5). ' +
  'Past a limit the answer is 429 `too-many-requests` with `Retry-After` (also `retryAfter`). No `X-RateLimit-*` headers are sent.';

const LINK_RATE_LIMIT =
  'Rate limited per client address like sign-in (`AUTH_LOGIN_LIMIT_PER_IP` per `AUTH_LOGIN_WINDOW_SECONDS`, counting every attempt): 429 `too-many-requests` with `Retry-After`.';

const LINKS =
  "The link is the web portal's page (`AUTH_LINK_BASE_URL`) with `?token=`; the page posts the token here. A token is 256 random bits, works once and " +
  'for a limited time; the database keeps only its SHA-256, and the outbox holds the link sealed. An unknown, used, replaced or expired token is a 400 `invalid-link`.';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly registration: RegistrationService,
    private readonly passwordReset: PasswordResetService,
    private readonly invitations: InvitationsService,
  ) {}

  /** A migrant worker registers; the account exists once the address is confirmed. The answer does not reveal whether the email was taken. */
  @Post('register')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Register a worker account (confirmed by mail)',
    description:
      'A migrant worker asks for an account (role `worker`) with an email, a password, a display name and optionally a preferred language ' +
      '(`en` when left out). **No account exists yet**: a single-use link is mailed to the address, in that language, and the account is created ' +
      'when it is opened with the same password (`POST /auth/verify-email`, `AUTH_VERIFY_LINK_TTL_HOURS`, default 48). Until then nothing can sign in, ' +
      'nothing is linked to the address (placements, complaints) and nothing blocks its owner: several registrations of one address may be pending, ' +
      'and the first confirmed creates the account and voids the others. The answer is the same 202, after the same work (one argon2 hash), ' +
      'whether or not the email already has an account (then nothing is mailed and nothing changes), so registration cannot be used to find out ' +
      'who has one. A password outside the rules is a 400 `validation-failed` naming `password` and the rule. ' +
      'Audited (`user.registration.pending`, or `user.registration.duplicate`, each with a digest of the email). ' +
      RATE_LIMITS,
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedView, description: 'Accepted; the same answer whether or not the email was already registered.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  register(@Body() dto: RegisterWorkerDto, @CurrentActor() actor: Actor): Promise<RegistrationAcceptedView> {
    return this.registration.register(dto, actor);
  }

  /** Opens the verification link with the registration's password: the account is created and signed in. */
  @Post('verify-email')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @SkipThrottle({ account: true })
  @HttpCode(200)
  @ApiOperation({
    summary: "Confirm a registration's email address",
    description:
      'Creates the worker account of a pending registration: the token of the mailed link, and the password chosen when registering (so the owner ' +
      'of an address cannot be made to confirm a registration someone else made with it). Answers a token pair, as `POST /auth/login` does: the ' +
      'worker is signed in. A wrong password is a 401 `invalid-credentials` and leaves the link usable. The other pending registrations of the ' +
      'address are voided; an address that got an account meanwhile makes the link a 400 `invalid-link`. ' +
      LINKS +
      ' Audited (`user.email.verified`, then `auth.login.succeeded`). ' +
      LINK_RATE_LIMIT,
  })
  @ApiOkResponse({ type: TokenPairView, description: 'The account exists and the worker is signed in.' })
  @ApiProblems({ 400: ['invalid-link'], 401: ['invalid-credentials'], 429: ['too-many-requests'] })
  verifyEmail(@Body() dto: VerifyEmailDto, @CurrentActor() actor: Actor): Promise<TokenPairView> {
    return this.registration.verify(dto.token, dto.password, actor);
  }

  /** Mails a new verification link for your own pending registration. */
  @Post('verify-email/resend')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Send the verification link again',
    description:
      'For a registration whose mail was lost, while it is still pending: give the address and the password chosen when registering; ' +
      "a new link is mailed for that registration (the old one stops working). Someone else's pending registration of the same address is never " +
      'sent again. The answer is the same 202 whatever is found (no registration, a wrong password, an address with an account). An expired ' +
      'registration cannot be renewed: register again. Audited (`user.verification.resent`) when a link is sent. ' +
      RATE_LIMITS,
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedView, description: 'Accepted; the same answer whatever was found.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  resendVerification(@Body() dto: ResendVerificationDto, @CurrentActor() actor: Actor): Promise<RegistrationAcceptedView> {
    return this.registration.resend(dto.email, dto.password, actor);
  }

  /** Mails a password-reset link to the account's address; the same answer whether or not it exists. */
  @Post('password-reset')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @HttpCode(202)
  @ApiOperation({
    summary: 'Ask for a password-reset link',
    description:
      'Mails a single-use link to choose a new password to the account with this address, in its language (`AUTH_RESET_LINK_TTL_MINUTES`, default 60); ' +
      'a new link voids the earlier ones. The answer is the same 202 whether or not the address has an account (a disabled account gets no link). ' +
      'Audited (`user.password.reset.requested`, or `user.password.reset.refused` with a digest of the email). ' +
      RATE_LIMITS,
  })
  @ApiAcceptedResponse({ type: PasswordResetAcceptedView, description: 'Accepted; the same answer whether or not the address has an account.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  requestPasswordReset(@Body() dto: PasswordResetRequestDto, @CurrentActor() actor: Actor): Promise<PasswordResetAcceptedView> {
    return this.passwordReset.request(dto.email, actor);
  }

  /** Sets a new password with the mailed link; every session of the account ends. */
  @Post('password-reset/confirm')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @SkipThrottle({ account: true })
  @HttpCode(204)
  @ApiOperation({
    summary: 'Choose a new password with a reset link',
    description:
      "Sets the account's new password (the password rules apply: 400 `validation-failed` naming `newPassword` and the rule) and ends **every** " +
      'session of the account at once, wherever it is signed in; sign in again with the new password. ' +
      LINKS +
      ' Audited (`user.password.reset`, with the number of sessions ended). ' +
      LINK_RATE_LIMIT,
  })
  @ApiNoContentResponse({ description: 'The password is changed and every session of the account has ended.' })
  @ApiProblems({ 400: ['invalid-link'], 429: ['too-many-requests'] })
  async confirmPasswordReset(@Body() dto: PasswordResetConfirmDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.passwordReset.confirm(dto.token, dto.newPassword, actor);
  }

  /** Accepts an agency's staff invitation: the account is created with the password chosen here. */
  @Post('invitations/accept')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @SkipThrottle({ account: true })
  @HttpCode(200)
  @ApiOperation({
    summary: 'Accept a staff invitation',
    description:
      'Creates the `agency_staff` account an agency admin invited this address to (`POST /agency/users`), with the password chosen here (the password ' +
      'rules apply), and signs it in: the answer is a token pair, as `POST /auth/login`. An address that got an account meanwhile (a worker registered ' +
      'with it, or another invitation was accepted) makes the link a 400 `invalid-link`. ' +
      LINKS +
      ' Audited (`user.invitation.accepted`, then `auth.login.succeeded`). ' +
      LINK_RATE_LIMIT,
  })
  @ApiOkResponse({ type: TokenPairView, description: 'The account exists and is signed in.' })
  @ApiProblems({ 400: ['invalid-link'], 429: ['too-many-requests'] })
  acceptInvitation(@Body() dto: AcceptInvitationDto, @CurrentActor() actor: Actor): Promise<TokenPairView> {
    return this.invitations.accept(dto.token, dto.password, actor);
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
  login(@Body() dto: LoginDto, @CurrentActor() actor: Actor): Promise<TokenPairView> {
    return this.auth.login(dto.email, dto.password, actor);
  }

  /** Exchanges a refresh token for a new pair; reusing an old refresh token ends the session. */
  @Post('refresh')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange a refresh token for a new token pair',
    description:
      "Rotates the session's refresh token: the answer holds a new access token and a new refresh token, and the one sent stops working. " +
      'Presenting an already used refresh token again means it was copied: the whole session ends at once (audited as `auth.refresh.reused`) and ' +
      'the answer is 401. Two refreshes racing with the same token: exactly one wins. A session lapses `AUTH_REFRESH_TTL_DAYS` after its last refresh; ' +
      'an unknown, used or lapsed token, or one whose account was disabled meanwhile, is a 401 `unauthenticated`: sign in again.',
  })
  @ApiOkResponse({ type: TokenPairView, description: 'The new token pair; the refresh token sent is spent.' })
  @ApiProblems({ 401: ['unauthenticated'] })
  refresh(@Body() dto: RefreshDto, @CurrentActor() actor: Actor): Promise<TokenPairView> {
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
      "Ends the caller's session: its access token and its refresh token stop working at once (other sessions of the account are untouched). Audited (`auth.logout`).",
  })
  @ApiNoContentResponse({ description: 'Signed out.' })
  async logout(@CurrentActor() actor: Actor): Promise<void> {
    await this.auth.logout(actor);
  }
}
