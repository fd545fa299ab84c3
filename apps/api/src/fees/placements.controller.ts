import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Role, Roles, CurrentActor } from '@app/auth';
import { Actor, Page, PageOf } from '@app/common';
import { AssessmentView, PlacementSummary, PlacementView, Placements, RevisionView } from '@app/fees';
import { AmendPlacementDto, FeeStatementDto, PlacementQuery, RecordPlacementDto } from './fees.dto';
import { ApiProblems } from '../openapi/api-problems.decorator';

const AGENCY: Role[] = ['agency_admin', 'agency_staff'];
const MINISTRY: Role[] = ['inspector', 'supervisor', 'welfare_officer', 'admin'];
const AMENDERS: Role[] = [...AGENCY, 'inspector', 'supervisor'];
const STATERS: Role[] = ['worker', 'inspector', 'supervisor'];
const READERS: Role[] = [...AGENCY, ...MINISTRY, 'worker'];

/**
 * Placements: recorded by agencies, corrected by amendments, assessed on every change of their
 * fees. An agency sees only its own (another's: 404); a worker, those recorded with their address.
 */
@ApiTags('fees: placements')
@ApiBearerAuth()
@Controller('placements')
export class PlacementsController {
  constructor(private readonly placements: Placements) {}

  /** Records a placement with its fees (only while the agency may place workers: else 409 agency-may-not-place with the reason), and assesses the fees. */
  @Post()
  @Roles(...AGENCY)
  @ApiOperation({
    summary: 'Record a placement with its fees',
    description:
      "Records a worker placed abroad by the caller's agency, with every fee the agency charged the worker (item, amount, currency, day, receipt). " +
      'Only while the agency may place workers (an active license, no hold): otherwise 409 `agency-may-not-place` with the reason, and nothing is recorded. ' +
      'Fees may not be dated before `recruitedOn` nor in the future; currencies, occupation and cost items must be known (400 naming the field). ' +
      "The fees are assessed at once against the rule in force on each fee's day (the answer carries the assessment); excess found opens refund orders, " +
      "each with a payment deadline, mails the agency's admins (and the worker, when their email is given) and opens a complaint case against the agency. " +
      'A worker with an account under the given email can then read the placement and state what they paid. Not idempotent: sending it twice records two placements. Audited.',
  })
  @ApiCreatedResponse({ type: PlacementView })
  @ApiProblems({ 409: ['agency-may-not-place'] })
  record(@Body() dto: RecordPlacementDto, @CurrentActor() actor: Actor): Promise<PlacementView> {
    return this.placements.record(dto, actor);
  }

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List placements',
    description:
      "Placements, newest first, a page at a time. An agency user sees only its agency's; a worker only those recorded with their account's email; " +
      "the ministry all of them, or one agency's with `agencyId`. Filter by `destinationCountry`.",
  })
  @ApiOkResponse({ type: PageOf(PlacementSummary) })
  list(@Query() q: PlacementQuery, @CurrentActor() actor: Actor): Promise<Page<PlacementSummary>> {
    return this.placements.list(q, actor);
  }

  /** One placement with its current fees, the latest assessment and its refund orders. */
  @Get(':id')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'Read a placement',
    description:
      "One placement with its current terms and fees, the latest assessment of its declared fees and its refund orders. Another agency's placement (or, for a worker, one not recorded with their email) is not found.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The placement.' })
  @ApiOkResponse({ type: PlacementView })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<PlacementView> {
    return this.placements.get(id, actor);
  }

  /** Every version of the placement, first record included. */
  @Get(':id/revisions')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List the versions of a placement',
    description:
      'Every version of the placement, oldest first: revision 1 as recorded, then each amendment with its reason, who made it, and the terms and fees as they stood after it. Not paged.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The placement.' })
  @ApiOkResponse({ type: [RevisionView] })
  @ApiProblems({ 400: ['bad-request'] })
  revisions(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<RevisionView[]> {
    return this.placements.revisions(id, actor);
  }

  /** Every assessment of the placement (declared fees and worker statements), oldest first; none is ever changed. */
  @Get(':id/assessments')
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List the assessments of a placement',
    description:
      'Every assessment of the placement, oldest first: of the declared fees (on recording, and after each amendment of the fees or of the terms that decide the rule) and of each worker statement. ' +
      'An assessment is never changed: a later rule or amendment makes a new one. Not paged.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The placement.' })
  @ApiOkResponse({ type: [AssessmentView] })
  @ApiProblems({ 400: ['bad-request'] })
  assessments(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<AssessmentView[]> {
    return this.placements.assessments(id, actor);
  }

  /** Corrects terms and/or the fee list with a reason; send the `revision` you read. */
  @Post(':id/amendments')
  @Roles(...AMENDERS)
  @ApiOperation({
    summary: 'Amend a placement',
    description:
      'Corrects the terms (only those sent) and/or replaces the whole list of declared fees, with a reason; send the `revision` you read (409 `stale-version` when another change came first). ' +
      'The earlier version is kept (`GET /placements/{id}/revisions`). An amendment that changes nothing is refused (409 `empty-amendment`). ' +
      'When the fees or the terms that decide the rule and its cap (destination, occupation, salary, currency, recruitment day) change, the fees are re-assessed: ' +
      'excess beyond what existing orders already cover opens new refund orders; existing orders are left as they are (a supervisor cancels one that is wrong). ' +
      "An agency user may amend only its agency's placements. Audited.",
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The placement.' })
  @ApiCreatedResponse({ type: PlacementView, description: 'The placement as amended (its new revision, the latest assessment and its refund orders).' })
  @ApiProblems({ 409: ['stale-version', 'empty-amendment'] })
  amend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendPlacementDto, @CurrentActor() actor: Actor): Promise<PlacementView> {
    return this.placements.amend(id, dto, actor);
  }

  /** What the worker actually paid (the worker on their own placement, or an inspector for them): assessed and compared with the declared fees. */
  @Post(':id/statements')
  @Roles(...STATERS)
  @ApiOperation({
    summary: 'State what the worker actually paid',
    description:
      'Records what the worker says they paid, line by line (receipt numbers optional): the worker on a placement recorded with their email, or an inspector or supervisor for them. ' +
      'The statement is assessed against the rules like declared fees and compared with the declared fees, item by item (`discrepancies`); ' +
      'Violations, or fees paid beyond those declared, become a complaint case against the agency (opened by the system) for an inspector to verify; a statement opens no refund order by itself. ' +
      'Lines may not be dated before the recruitment nor in the future (400). Not idempotent: each call records a new statement. Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The placement.' })
  @ApiCreatedResponse({ type: AssessmentView, description: "The statement's assessment." })
  state(@Param('id', ParseUUIDPipe) id: string, @Body() dto: FeeStatementDto, @CurrentActor() actor: Actor): Promise<AssessmentView> {
    return this.placements.state(id, dto, actor);
  }
}
