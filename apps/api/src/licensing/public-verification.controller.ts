import { Controller, Get, Param, Query, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { PublicVerificationService, normaliseLicenseNumber } from '@app/agencies';
import { Public } from '@app/auth';
import { ConfigService, NotFoundException, ValidationFailedException } from '@app/common';
import { LicenseNumberParams, PublicSearchQuery } from './licensing.dto';
import { PublicThrottleGuard } from '../http/public-throttle.guard';

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
  async byNumber(@Param() params: LicenseNumberParams, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    const number = normaliseLicenseNumber(params.number);
    if (!number) {
      throw new ValidationFailedException(
        [{ field: 'number', rule: 'licenseNumber', message: 'is not a license number (PH-LRA-2026-00042-7), or a digit is mistyped: its check digit does not hold' }],
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
  async search(@Query() query: PublicSearchQuery, @Res({ passthrough: true }) reply: FastifyReply): Promise<string> {
    return this.json(reply, await this.verification.search(query.q));
  }

  /** The body is JSON text already (built once, maybe cached): sent as is, not serialised again. */
  private json(reply: FastifyReply, body: string): string {
    void reply.header('cache-control', this.cacheControl).header('content-type', 'application/json; charset=utf-8');
    return body;
  }
}
