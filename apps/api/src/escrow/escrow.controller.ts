import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { DataSource } from 'typeorm';
import { EscrowAccountView, EscrowEntryView, EscrowService, EscrowSummary, IdempotencyKeyRequiredException } from '@app/agencies';
import { Actor, ActorContext, Role, Roles, assertInScope, auditActor } from '@app/auth';
import { PageQuery } from '@app/common';
import { OpenEscrowAccountDto, RecordEscrowEntryDto } from './escrow.dto';

/** `Idempotency-Key` as a bare token or as a structured-field string ("…"), 1-128 printable ASCII characters. */
export function idempotencyKeyOf(header: string | undefined): string {
  const key = header?.trim().replace(/^"(.*)"$/, '$1');
  if (!key || !/^[\x21-\x7e]{1,128}$/.test(key)) throw new IdempotencyKeyRequiredException();
  return key;
}

const actingRole = (actor: ActorContext, allowed: Role[]) => auditActor(actor, actor.user?.roles.find((r) => allowed.includes(r)));

/** An agency's own escrow. */
@ApiTags('agency: escrow')
@ApiBearerAuth()
@Controller('agency/escrow')
export class AgencyEscrowController {
  constructor(private readonly escrow: EscrowService) {}

  /** Balance, requirement, shortfall, the top-up deadline, the hold and the ledger (newest first). */
  @Get()
  @Roles('agency_admin', 'agency_staff')
  get(@Query() page: PageQuery, @Actor() actor: ActorContext): Promise<EscrowSummary> {
    return this.escrow.summary(actor.user!.agencyId!, page);
  }
}

const RECORDERS: Role[] = ['inspector', 'supervisor'];
const OPENERS: Role[] = ['supervisor', 'admin'];

/** Any agency's escrow, for the ministry. An agency user may read their own agency's; another's is not found. */
@ApiTags('licensing: escrow')
@ApiBearerAuth()
@Controller('licensing/agencies/:agencyId/escrow')
export class LicensingEscrowController {
  constructor(
    private readonly escrow: EscrowService,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  @Get()
  @Roles('inspector', 'supervisor', 'welfare_officer', 'admin', 'agency_admin', 'agency_staff')
  get(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Query() page: PageQuery, @Actor() actor: ActorContext): Promise<EscrowSummary> {
    assertInScope(actor.user, { agencyId }, 'agency');
    return this.escrow.summary(agencyId, page);
  }

  /**
   * Records a deposit, top-up, garnishment or release. `Idempotency-Key` is required: the same key
   * and body again answers the first entry (header `Idempotent-Replayed: true`) and writes nothing;
   * the same key with another body is 422.
   */
  @Post('entries')
  @Roles(...RECORDERS)
  @ApiHeader({ name: 'Idempotency-Key', required: true, description: 'A new unique value (a UUID) per entry; reuse it only to retry the same request' })
  async record(
    @Param('agencyId', ParseUUIDPipe) agencyId: string,
    @Body() dto: RecordEscrowEntryDto,
    @Headers('idempotency-key') header: string | undefined,
    @Actor() actor: ActorContext,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<EscrowEntryView> {
    const idempotencyKey = idempotencyKeyOf(header);
    const { entry, replayed } = await this.db.transaction((m) =>
      this.escrow.record(m, {
        agencyId,
        kind: dto.kind,
        amountMinor: BigInt(dto.amountMinor),
        currency: dto.currency,
        reference: dto.reference,
        actor: actingRole(actor, RECORDERS),
        idempotencyKey,
        correlationId: actor.correlationId,
      }),
    );
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return entry;
  }

  /** Opens the agency's escrow account for a license type, or changes the type (licensing does the same when it issues a license). */
  @Post('account')
  @HttpCode(200)
  @Roles(...OPENERS)
  openAccount(@Param('agencyId', ParseUUIDPipe) agencyId: string, @Body() dto: OpenEscrowAccountDto, @Actor() actor: ActorContext): Promise<EscrowAccountView & { created: boolean }> {
    return this.db.transaction((m) => this.escrow.openAccount(m, agencyId, dto.licenseType, { actor: actingRole(actor, OPENERS), correlationId: actor.correlationId }));
  }
}
