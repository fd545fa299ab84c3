import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { EscrowEntryView, EscrowService, EscrowSummary, OpenedEscrowAccountView } from '@app/agencies';
import { Role, Roles, CurrentActor } from '@app/auth';
import { Actor, PageQuery, idempotencyKeyOf } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { OpenEscrowAccountDto, RecordEscrowEntryDto } from './escrow.dto';

/** An agency's own escrow. */
@ApiTags('agency: escrow')
@ApiBearerAuth()
@Controller('agency/escrow')
export class AgencyEscrowController {
  constructor(private readonly escrow: EscrowService) {}

  /** Balance, requirement, shortfall, the top-up deadline, the hold and the ledger (newest first). */
  @Get()
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "Read the agency's own escrow",
    description:
      "Where the caller's agency escrow stands: whether the account is open and for which license type, the balance (the sum of the ledger), the requirement and the shortfall, " +
      'the open top-up deadline (started when a garnishment or release took the balance below the requirement) and the active processing hold, if any, ' +
      'with a page of the ledger, newest entry first (`page`, `pageSize`). Amounts are integer minor units written as decimal strings.',
  })
  @ApiOkResponse({ type: EscrowSummary })
  get(@Query() page: PageQuery, @CurrentActor() actor: Actor): Promise<EscrowSummary> {
    return this.escrow.summary(actor.agencyId!, page);
  }
}

const RECORDERS: Role[] = ['inspector', 'supervisor'];
const OPENERS: Role[] = ['supervisor', 'admin'];

/** Any agency's escrow, for the ministry. An agency user may read their own agency's; another's is not found. */
@ApiTags('licensing: escrow')
@ApiBearerAuth()
@Controller('licensing/agencies/:agencyId/escrow')
export class LicensingEscrowController {
  constructor(private readonly escrow: EscrowService) {}

  @Get()
  @Roles('inspector', 'supervisor', 'welfare_officer', 'admin', 'agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "Read an agency's escrow",
    description:
      "Where the agency's escrow stands: whether the account is open and for which license type, the balance (the sum of the ledger), the requirement and the shortfall, " +
      'the open top-up deadline and the active processing hold, if any, with a page of the ledger, newest entry first (`page`, `pageSize`). ' +
      "Amounts are integer minor units written as decimal strings. An agency user may read only their own agency's escrow; any other agency, like an unknown one, is not found.",
  })
  @ApiParam({ name: 'agencyId', format: 'uuid', description: 'The agency.' })
  @ApiOkResponse({ type: EscrowSummary })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() page: PageQuery, @CurrentActor() actor: Actor): Promise<EscrowSummary> {
    return this.escrow.summaryFor(agencyId, page, actor);
  }

  /**
   * Records a deposit, top-up, garnishment or release. `Idempotency-Key` is required: the same key
   * and body again answers the first entry (header `Idempotent-Replayed: true`) and writes nothing;
   * the same key with another body is 422.
   */
  @Post('entries')
  @Roles(...RECORDERS)
  @ApiOperation({
    summary: "Record an entry in an agency's escrow ledger",
    description:
      'Records a deposit or top-up (adds to the balance), or a garnishment or release (takes from it), in the currency of the account, which must be open. ' +
      'The balance may never be negative: a garnishment or release larger than the balance is refused (409 `escrow-insufficient-balance`) and nothing is written; ' +
      'nor past 9,223,372,036,854,775,807 minor units, the most the ledger records: a deposit or top-up beyond it is refused (409 `escrow-balance-limit`) and nothing is written. ' +
      'A garnishment or release that takes the balance below the requirement starts the top-up deadline (`escrow.top-up`; the agency is put on hold if it is missed); ' +
      'an entry that brings the balance back to the requirement meets that deadline and lifts the hold. Every entry is written to the audit log. ' +
      '`Idempotency-Key` is required: the same key and body again answers the first entry with `Idempotent-Replayed: true` and writes nothing; the same key with another body is 422 `idempotency-key-reused`.',
  })
  @ApiParam({ name: 'agencyId', format: 'uuid', description: 'The agency.' })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description:
      'A new unique value (a UUID) per entry, 1-128 printable ASCII characters (bare or as a quoted string); reuse it only to retry the same request.',
  })
  @ApiCreatedResponse({
    type: EscrowEntryView,
    description: 'The recorded entry, with the balance right after it (or, on a retry with the same key and body, the entry first recorded).',
    headers: {
      'Idempotent-Replayed': {
        description: '`true` when this answer replays an entry recorded earlier with the same Idempotency-Key; absent otherwise.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiProblems({
    400: ['idempotency-key-required', 'escrow-currency-mismatch'],
    409: ['escrow-account-not-open', 'escrow-insufficient-balance', 'escrow-balance-limit'],
    422: ['idempotency-key-reused'],
  })
  async record(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() dto: RecordEscrowEntryDto,
    @Headers('idempotency-key') header: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EscrowEntryView> {
    const idempotencyKey = idempotencyKeyOf(header);
    const { entry, replayed } = await this.escrow.recordBy(
      { agencyId, kind: dto.kind, amountMinor: BigInt(dto.amountMinor), currency: dto.currency, reference: dto.reference, idempotencyKey },
      actor,
    );
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return entry;
  }

  /** Opens the agency's escrow account for a license type, or changes the type (licensing does the same when it issues a license). */
  @Post('account')
  @HttpCode(200)
  @Roles(...OPENERS)
  @ApiOperation({
    summary: "Open an agency's escrow account, or change its license type",
    description:
      "Opens the agency's escrow account for a license type (the type sets the required amount; the account is kept in the configured currency), " +
      'or changes the type of the open account (e.g. a provisional license renewed as regular). Licensing does the same when it issues a license. ' +
      'Idempotent: the same type again changes nothing (`created: false`). A change that the balance now meets closes the top-up deadline and lifts the hold; ' +
      'a type whose requirement the balance does not meet starts no deadline. Opening and changes are written to the audit log. 404 for an unknown agency.',
  })
  @ApiParam({ name: 'agencyId', format: 'uuid', description: 'The agency.' })
  @ApiOkResponse({ type: OpenedEscrowAccountView })
  openAccount(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() dto: OpenEscrowAccountDto,
    @CurrentActor() actor: Actor,
  ): Promise<OpenedEscrowAccountView> {
    return this.escrow.openAccountBy(agencyId, dto.licenseType, actor);
  }
}
