import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuditLog, AuditPartitionStatus, AuditVerificationStatus } from '@app/audit';
import { Roles } from '@app/auth';
import { AuditChainsView, AuditHistoryQuery, AuditHistoryView, AuditSearchQuery, AuditSubjectParams } from './audit-query.dto';

/** The audit log, read-only, for supervisors. */
@ApiTags('audit')
@ApiBearerAuth()
@Roles('supervisor')
@Controller('audit')
export class AuditController {
  constructor(
    private readonly audit: AuditLog,
    private readonly verification: AuditVerificationStatus,
    private readonly partitions: AuditPartitionStatus,
  ) {}

  /** What happened to one subject (a user, an agency, a case), newest first, keyset-paginated. */
  @Get('subjects/:type/:id')
  @ApiOperation({
    summary: 'Read the history of one subject',
    description:
      'Every audit entry about one subject (a user, an agency, a case...), across all chains, newest first. Keyset-paginated: at most `limit` ' +
      "entries (default 50); for the next page send the answer's `nextBefore` as `before`. A subject with no entries answers an empty list, " +
      'not a 404.',
  })
  @ApiOkResponse({ type: AuditHistoryView, description: "One page of the subject's entries, newest first." })
  async history(@Param() params: AuditSubjectParams, @Query() query: AuditHistoryQuery): Promise<AuditHistoryView> {
    const limit = query.limit ?? 50;
    const items = await this.audit.historyOf(params.type, params.id, { limit, before: query.before });
    return { items, nextBefore: items.length === limit ? items[items.length - 1].seq : null };
  }

  /** The audit trail searched by subject, actor, action and time, newest first, keyset-paginated. */
  @Get('entries')
  @ApiOperation({
    summary: 'Search the audit log',
    description:
      'Entries across all chains matching every criterion given: the subject (`subjectType`, `subjectId`), the acting user (`actorId`), the action (exact, or a dotted prefix: ' +
      "`complaint` finds every `complaint.*`), and the time (`from` included, `to` excluded). Newest first; at most `limit` (default 50); for the next page send the answer's " +
      '`nextBefore` as `before`. Nothing found is an empty list. Bad criteria are a 400 naming the field.',
  })
  @ApiOkResponse({ type: AuditHistoryView, description: 'One page of matching entries, newest first.' })
  async search(@Query() query: AuditSearchQuery): Promise<AuditHistoryView> {
    const limit = query.limit ?? 50;
    const items = await this.audit.search({
      limit,
      before: query.before,
      subjectType: query.subjectType,
      subjectId: query.subjectId,
      actorId: query.actorId,
      action: query.action,
      from: query.from ? new Date(query.from) : undefined,
      to: query.to ? new Date(query.to) : undefined,
    });
    return { items, nextBefore: items.length === limit ? items[items.length - 1].seq : null };
  }

  /**
   * What the worker's background verification (AuditVerificationJob) last found, per chain: how far
   * it has verified, when, and the first break. Reads one small table: the log itself is not walked here.
   */
  @Get('chains')
  @ApiOperation({
    summary: 'Read the verification of every audit chain',
    description:
      "The result of the worker's background verification, which checks every chain from its last verified entry forward (recomputing each " +
      "entry's hash, its link to the entry before it, that the last verified entry is unchanged and that the chain ends at its recorded head) " +
      'every few minutes. Per chain: whether it is intact, how many entries are verified and up to which (`verifiedUpTo`: what to record ' +
      'outside the system as an anchor), the recorded head, whether the verification has reached it, when it last ran and, when broken, the first ' +
      'entry that does not hold, why and when it was found. A full verification from the first entries is `audit:verify` (docs/audit.md). Also how the ' +
      "log's monthly partitions stand (`partitions`). Changes nothing.",
  })
  @ApiOkResponse({ type: AuditChainsView, description: 'The last verification of every chain, and the partitions.' })
  async chains(): Promise<AuditChainsView> {
    const [chains, partitions] = await Promise.all([this.verification.latest(), this.partitions.latest()]);
    return { valid: chains.every((c) => c.valid), upToDate: chains.every((c) => c.upToDate), chains, partitions };
  }
}
