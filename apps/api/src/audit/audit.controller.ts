import { Controller, Get, Param, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { AuditEntryView, AuditLog, ChainVerification, verifyAllChains } from '@app/audit';
import { Roles } from '@app/auth';
import { AuditHistoryQuery, AuditSubjectParams } from './audit-query.dto';

/** The audit log, read-only, for supervisors. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** What happened to one subject (a user, an agency, a case), newest first, keyset-paginated. */
  @Get('subjects/:type/:id')
  async history(
    @Param() params: AuditSubjectParams,
    @Query() query: AuditHistoryQuery,
  ): Promise<{ items: AuditEntryView[]; nextBefore: string | null }> {
    const limit = query.limit ?? 50;
    const items = await this.audit.historyOf(params.type, params.id, { limit, before: query.before });
    return { items, nextBefore: items.length === limit ? items[items.length - 1].seq : null };
  }

  /**
   * Walks every chain and says whether it is intact, its head (to anchor outside the system)
   * and, when broken, the first entry that does not hold. Reads the whole log: seconds on a
   * large one.
   */
  @Get('chains')
  async chains(): Promise<{ valid: boolean; chains: ChainVerification[] }> {
    const chains = await verifyAllChains(this.db);
    return { valid: chains.every((c) => c.valid), chains };
  }
}
