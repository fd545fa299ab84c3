import { Body, Controller, Get, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { Actor, ActorContext, Role, Roles } from '@app/auth';
import { Page } from '@app/common';
import { AssessmentView, PlacementSummary, PlacementView, Placements, RevisionView } from '@app/fees';
import { AmendPlacementDto, FeeStatementDto, PlacementQuery, RecordPlacementDto } from './fees.dto';
import { feesActor } from './fees-actor';

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
  constructor(
    private readonly placements: Placements,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  /** Records a placement with its fees (only while the agency may place workers: else 409 agency-may-not-place with the reason), and assesses the fees. */
  @Post()
  @Roles(...AGENCY)
  record(@Body() dto: RecordPlacementDto, @Actor() actor: ActorContext): Promise<PlacementView> {
    return this.db.transaction((m) => this.placements.record(m, actor.user!.agencyId!, dto, feesActor(actor, AGENCY)));
  }

  @Get()
  @Roles(...READERS)
  list(@Query() q: PlacementQuery, @Actor() actor: ActorContext): Promise<Page<PlacementSummary>> {
    return this.placements.list(q, feesActor(actor, READERS));
  }

  /** One placement with its current fees, the latest assessment and its refund orders. */
  @Get(':id')
  @Roles(...READERS)
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<PlacementView> {
    return this.placements.get(id, feesActor(actor, READERS));
  }

  /** Every version of the placement, first record included. */
  @Get(':id/revisions')
  @Roles(...READERS)
  revisions(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<RevisionView[]> {
    return this.placements.revisions(id, feesActor(actor, READERS));
  }

  /** Every assessment of the placement (declared fees and worker statements), oldest first; none is ever changed. */
  @Get(':id/assessments')
  @Roles(...READERS)
  assessments(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<AssessmentView[]> {
    return this.placements.assessments(id, feesActor(actor, READERS));
  }

  /** Corrects terms and/or the fee list with a reason; send the `revision` you read. */
  @Post(':id/amendments')
  @Roles(...AMENDERS)
  amend(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AmendPlacementDto, @Actor() actor: ActorContext): Promise<PlacementView> {
    return this.db.transaction((m) => this.placements.amend(m, id, dto, feesActor(actor, AMENDERS)));
  }

  /** What the worker actually paid (the worker on their own placement, or an inspector for them): assessed and compared with the declared fees. */
  @Post(':id/statements')
  @Roles(...STATERS)
  state(@Param('id', ParseUUIDPipe) id: string, @Body() dto: FeeStatementDto, @Actor() actor: ActorContext): Promise<AssessmentView> {
    return this.db.transaction((m) => this.placements.state(m, id, dto, feesActor(actor, STATERS)));
  }
}
