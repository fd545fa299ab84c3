import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { LoginThrottleGuard, Public, RegistrationAcceptedView, TokenPairView, VerifyEmailDto, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { RegisterAgencyDto } from './agency-registration.dto';
import { AgencyRegistrationService } from './agency-registration.service';

const RATE_LIMIT =
  'Rate limited per client address like sign-in (`AUTH_LOGIN_LIMIT_PER_IP` per `AUTH_LOGIN_WINDOW_SECONDS`, counting every attempt): 429 `too-many-requests` with `Retry-After`.';

/** A new agency registers itself; the agency and its first admin exist once the admin confirms the address. */
@ApiTags('public: agency registration')
@Controller('agency-registrations')
export class AgencyRegistrationController {
  constructor(private readonly registration: AgencyRegistrationService) {}

  @Post()
  @Public()
  @UseGuards(LoginThrottleGuard)
  @SkipThrottle({ account: true })
  @HttpCode(202)
  @ApiOperation({
    summary: "Register a new agency (confirmed by its first admin's mail)",
    description:
      'A recruitment agency that is not in the registry yet registers itself: legal name, business registration number, head office address, contact, ' +
      "owners (shares adding up to 100: else 400 `validation-failed`, rule `sharesSumTo100`), officers, paid-up capital, and its first admin's account " +
      "(`admin`: email, password, display name, language). **Nothing exists yet**: a single-use link is mailed to the admin's address (template " +
      '`account.agency-registration`, the web page `/agency/register/verify`), and the agency, its profile and the admin account (role `agency_admin`) are ' +
      'created when it is opened with the same password (`POST /agency-registrations/verify`, `AUTH_VERIFY_LINK_TTL_HOURS`). The answer is the same 202, after ' +
      "the same work, whether or not the admin's address already has an account (then nothing is mailed and nothing changes), so registering cannot be " +
      'used to find out who has one. What the registry shows anyway is checked at once: an owner or officer who was an owner or officer of an agency whose ' +
      'license was revoked within `LICENSING_DISQUALIFICATION_YEARS` is a 422 `agency-disqualified` whose `errors` name each field (`owners[0].name`, ' +
      '`officers[1].name`, rule `notDisqualified`) and the date the disqualification ends; a registration number already in the registry is a 409 ' +
      '`registration-number-taken`. A password outside the rules is a 400 `validation-failed` naming `admin.password`. Once signed in, the admin applies ' +
      'for a license with `POST /agency/applications` (type `new`). Audited (`agency.registration.pending`, `agency.registration.duplicate` or ' +
      '`agency.registration.refused`). ' +
      RATE_LIMIT,
  })
  @ApiAcceptedResponse({ type: RegistrationAcceptedView, description: "Accepted; the same answer whether or not the admin's email already has an account." })
  @ApiProblems({ 409: ['registration-number-taken'], 422: ['agency-disqualified'], 429: ['too-many-requests'] })
  register(@Body() dto: RegisterAgencyDto, @CurrentActor() actor: Actor): Promise<RegistrationAcceptedView> {
    return this.registration.register(dto, actor);
  }

  @Post('verify')
  @Public()
  @UseGuards(LoginThrottleGuard)
  @SkipThrottle({ account: true })
  @HttpCode(200)
  @ApiOperation({
    summary: "Confirm an agency's registration",
    description:
      'Opens the mailed link of a pending agency registration with the password its admin chose: the agency (with its profile: address, contact, owners, ' +
      "officers, capital) and the admin's account are created in one transaction, and the admin is signed in (a token pair, as `POST /auth/login`). " +
      'A wrong password is a 401 `invalid-credentials` and leaves the link usable. The disqualification rule and the registration number are checked again: ' +
      "422 `agency-disqualified` or 409 `registration-number-taken` leave the link as it was. The admin's other pending agency registrations are voided; " +
      'an address that got an account meanwhile makes the link a 400 `invalid-link`. An unknown, used or expired token is a 400 `invalid-link`. ' +
      'Audited (`agency.registered`, `user.email.verified`, then `auth.login.succeeded`). ' +
      RATE_LIMIT,
  })
  @ApiOkResponse({ type: TokenPairView, description: 'The agency and its admin exist and the admin is signed in.' })
  @ApiProblems({
    400: ['invalid-link'],
    401: ['invalid-credentials'],
    409: ['registration-number-taken'],
    422: ['agency-disqualified'],
    429: ['too-many-requests'],
  })
  verify(@Body() dto: VerifyEmailDto, @CurrentActor() actor: Actor): Promise<TokenPairView> {
    return this.registration.verify(dto.token, dto.password, actor);
  }
}
