import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicAgencySearchView, PublicAgencyView, PublicLicenseListView, PublicVerificationService, normaliseLicenseNumber } from '@app/agencies';
import { Public } from '@app/auth';
import { ConfigService, NotFoundException, ValidationFailedException } from '@app/common';
import { LicenseNumberParams, PublicLicenseListQuery, PublicSearchQuery } from './licensing.dto';
import { PublicThrottleGuard } from '../http/public-throttle.guard';
import { ApiProblems } from '../openapi/api-problems.decorator';

/** The Cache-Control header both public answers carry. */
const CACHE_CONTROL = {
  'Cache-Control': {
    description: 'Any cache may keep the answer for LICENSING_PUBLIC_MAX_AGE_SECONDS (60 by default).',
    schema: { type: 'string', example: 'public, max-age=60' },
  },
} as const;

const PUBLIC_NOTE =
  "Only public registry facts and counts: the legal name, the license (number, type, state, dates), branch addresses and statuses, the dates of each suspension and the scorecard's counts; " +
  'never officers, owners, contact details, the registration number, capital, ids, actors, reasons or notes. ' +
  'No sign-in. Rate limited per client address (LICENSING_PUBLIC_LIMIT_PER_IP, 120 requests a minute by default, counted over every public route that is limited: both of these, the fee calculator, public complaints): past it 429 `too-many-requests` with `Retry-After`. ' +
  "Answers carry `Cache-Control: public, max-age=60`; a change to the registry shows in every instance's answers from its commit (the scorecard's counts within LICENSING_PUBLIC_CACHE_SECONDS, 10 by default).";

/**
 * Public license verification, no sign-in: by number (exact) or by name (fuzzy). Public registry
 * facts and counts only (docs/licensing.md lists the fields). Rate limited per client address;
 * answers may be cached by anyone for LICENSING_PUBLIC_MAX_AGE_SECONDS.
 */
@ApiTags('public: license verification')
@Controller('public')
export class PublicVerificationController {
  private readonly cacheControl: string;

  constructor(
    private readonly verification: PublicVerificationService,
    config: ConfigService,
  ) {
    this.cacheControl = `public, max-age=${config.get('licensing').LICENSING_PUBLIC_MAX_AGE_SECONDS}`;
  }

  /** A license by its number, e.g. PH-LRA-2026-00042-7. A mistyped number (its check digit fails) is a 400. */
  @Get('licenses/:number')
  @Public()
  @UseGuards(PublicThrottleGuard)
  @ApiOperation({
    summary: 'Verify a license by its number',
    description:
      "The agency holding the license with this exact number (e.g. `PH-LRA-2026-00042-7`; letter case and surrounding spaces do not matter), with that license, the agency's branches, " +
      "the license's suspensions and the agency's scorecard. The check digit is verified first: a malformed or mistyped number is 400 `validation-failed` " +
      "(`errors: [{ field: 'number', rule: 'licenseNumber' }]`), never \"no such license\"; a well-formed number no license has is 404 `not-found`. " +
      PUBLIC_NOTE,
  })
  @ApiOkResponse({ type: PublicAgencyView, headers: CACHE_CONTROL, description: 'The agency and its license, public facts only.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  async byNumber(@Param() params: LicenseNumberParams, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const number = normaliseLicenseNumber(params.number);
    if (!number) {
      throw new ValidationFailedException(
        [
          {
            field: 'number',
            rule: 'licenseNumber',
            message: 'is not a license number (PH-LRA-2026-00042-7), or a digit is mistyped: its check digit does not hold',
          },
        ],
        'The license number is malformed or mistyped.',
      );
    }
    const body = await this.verification.byNumber(number);
    if (!body) throw new NotFoundException('license');
    return this.json(reply, body);
  }

  /** Agencies whose legal name is like `q` (at least 3 characters; typos forgiven), best matches first, at most 20. */
  @Get('agencies')
  @Public()
  @UseGuards(PublicThrottleGuard)
  @ApiOperation({
    summary: 'Search agencies by name',
    description:
      'Agencies whose legal name is like `q` (at least 3 characters; case does not matter and typos are forgiven: trigram word similarity, or a plain substring), best match first, ' +
      "at most 20 (LICENSING_PUBLIC_SEARCH_LIMIT), each with its live license (else its latest; null when it never had one), branches, that license's suspensions and its scorecard. " +
      'Not paginated; no match is an empty `items`. ' +
      PUBLIC_NOTE,
  })
  @ApiOkResponse({ type: PublicAgencySearchView, headers: CACHE_CONTROL, description: 'The matching agencies, public facts only.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  async search(@Query() query: PublicSearchQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.json(reply, await this.verification.search(query.q));
  }

  /** The public lists: licenses suspended now, or revoked, by agency name, a page at a time. */
  @Get('licenses')
  @Public()
  @UseGuards(PublicThrottleGuard)
  @ApiOperation({
    summary: 'List suspended or revoked licenses',
    description:
      'The agencies whose license is suspended now (`state=suspended`) or revoked (`state=revoked`), by legal name, a page at a time (`page`, `pageSize` up to 100), ' +
      'each as the number lookup answers it: a revoked license carries `revocation` (when, and the ground the ministry recorded). ' +
      PUBLIC_NOTE,
  })
  @ApiOkResponse({ type: PublicLicenseListView, headers: CACHE_CONTROL, description: 'A page of the list, public facts only.' })
  @ApiProblems({ 429: ['too-many-requests'] })
  async list(@Query() query: PublicLicenseListQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.json(reply, await this.verification.byState(query.state, query.page, query.pageSize));
  }

  /** The body is JSON text already (built once, maybe cached): sent as is, not serialised again. */
  private json(reply: FastifyReply, body: string): string {
    void reply.header('cache-control', this.cacheControl).header('content-type', 'application/json; charset=utf-8');
    return body;
  }
}
