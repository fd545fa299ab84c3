import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length, ValidateNested } from 'class-validator';
import { Role, Roles, CurrentActor } from '@app/auth';
import { Actor, MINISTRY_ROLES } from '@app/common';
import {
  ALLEGATION_CATEGORIES,
  AgencyInspectionView,
  CHECKLIST_ITEMS,
  INSPECTION_ACTIONS,
  INSPECTION_STATES,
  InspectionAction,
  InspectionView,
  InspectionsService,
  INSPECTION_LIFECYCLE,
  inspectionActor,
} from '@app/complaints';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IsLocalDate, IsRecordVersion, MAX_RECORD_VERSION } from '../http/dto-rules';

const OFFICERS: Role[] = ['inspector', 'supervisor'];
const AGENCY: Role[] = ['agency_admin', 'agency_staff'];

export class PlanInspectionDto {
  @ApiProperty({ format: 'uuid', description: 'The agency to inspect (400 when not registered).' }) @IsUUID() agencyId: string;
  @ApiProperty({
    enum: ['supervisor', 'routine'],
    example: 'routine',
    description: 'supervisor: planned on purpose; routine: on the routine schedule. (`pattern` inspections plan themselves.)',
  })
  @IsIn(['supervisor', 'routine'])
  origin: 'supervisor' | 'routine';
  @ApiPropertyOptional({ type: String, format: 'date', example: '2026-03-09', description: 'The day planned for: today or later (default today).' })
  @IsOptional()
  @IsLocalDate()
  plannedFor?: string;
  @ApiProperty({ minLength: 5, maxLength: 2000, example: 'Routine inspection of the second quarter.', description: 'Why (internal).' })
  @IsString()
  @Length(5, 2000)
  reason: string;
}

export class ChecklistResultDto {
  @ApiProperty({ enum: CHECKLIST_ITEMS, enumName: 'InspectionChecklistItem', example: 'fee-receipts', description: 'The checklist item (each once).' })
  @IsIn(CHECKLIST_ITEMS)
  item: string;
  @ApiProperty({ enum: ['compliant', 'non-compliant', 'not-applicable'], enumName: 'ChecklistResult', example: 'compliant', description: 'What was found.' })
  @IsIn(['compliant', 'non-compliant', 'not-applicable'])
  result: 'compliant' | 'non-compliant' | 'not-applicable';
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000 }) @IsOptional() @IsString() @Length(1, 2000) note?: string;
}

export class InspectionFindingDto {
  @ApiProperty({
    enum: ALLEGATION_CATEGORIES,
    enumName: 'AllegationCategory',
    example: 'retained-documents',
    description: 'The violation found, as an allegation category.',
  })
  @IsIn(ALLEGATION_CATEGORIES)
  category: string;
  @ApiProperty({ minLength: 5, maxLength: 5000, example: 'Eleven passports kept in the office safe.', description: 'What was found.' })
  @IsString()
  @Length(5, 5000)
  facts: string;
}

export class InspectionActionParams {
  @ApiProperty({ format: 'uuid' }) @IsUUID() id: string;
  @ApiProperty({ enum: INSPECTION_ACTIONS, enumName: 'InspectionAction' }) @IsIn(INSPECTION_ACTIONS) action: InspectionAction;
}

export class InspectionActionDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_RECORD_VERSION, description: 'The version you read (409 stale-version otherwise).' })
  @IsRecordVersion()
  version: number;
  @ApiPropertyOptional({ minLength: 1, maxLength: 2000, description: 'cancel: why.' }) @IsOptional() @IsString() @Length(1, 2000) reason?: string;
  @ApiPropertyOptional({ type: String, format: 'date', description: 'conduct: the day it was conducted (not in the future).' })
  @IsOptional()
  @IsLocalDate()
  conductedOn?: string;
  @ApiPropertyOptional({ type: [String], format: 'uuid', maxItems: 20, description: 'conduct: the inspectors who conducted it (active inspectors).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  inspectorIds?: string[];
  @ApiPropertyOptional({ type: [ChecklistResultDto], maxItems: 10, description: 'conduct: one result per checklist item, each item once.' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => ChecklistResultDto)
  checklist?: ChecklistResultDto[];
  @ApiPropertyOptional({ type: [InspectionFindingDto], maxItems: 20, description: 'record-findings: the violations found (empty: none).' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => InspectionFindingDto)
  findings?: InspectionFindingDto[];
}

export class InspectionsQuery {
  @ApiPropertyOptional({ enum: INSPECTION_STATES, enumName: 'InspectionState' }) @IsOptional() @IsIn(INSPECTION_STATES) state?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agencyId?: string;
}

/** Inspections of agencies (the ministry). */
@ApiTags('complaints: inspections')
@ApiBearerAuth()
@Controller('inspections')
export class InspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Post()
  @Roles('supervisor')
  @ApiOperation({
    summary: 'Plan an inspection',
    description:
      'A supervisor plans an inspection of an agency (`supervisor` or `routine`; a pattern of complaints plans its own). Audited (`inspection.planned`). The agency learns of it only when notified.',
  })
  @ApiCreatedResponse({ type: InspectionView })
  create(@Body() dto: PlanInspectionDto, @CurrentActor() actor: Actor): Promise<InspectionView> {
    return this.inspections.create(dto, inspectionActor(actor, ['supervisor']));
  }

  @Get()
  @Roles(...OFFICERS)
  @ApiOperation({ summary: 'List inspections', description: 'Inspections, optionally in one state or of one agency, by the day planned; at most 500.' })
  @ApiOkResponse({ type: [InspectionView] })
  list(@Query() q: InspectionsQuery): Promise<InspectionView[]> {
    return this.inspections.list(q);
  }

  @Get(':id')
  @Roles(...OFFICERS)
  @ApiOperation({
    summary: 'Read an inspection',
    description:
      'The whole inspection: origin and reason, the checklist and findings, the inspectors, the proceedings the follow-up opened, whether the agency was notified, and the actions its state allows.',
  })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: InspectionView })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<InspectionView> {
    return this.inspections.get(id);
  }

  @Post(':id/actions/:action')
  @Roles(...INSPECTION_LIFECYCLE.everyoneAmong(MINISTRY_ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move an inspection through its lifecycle',
    description:
      "`notify-agency` (once; mails the agency's admins, who see the inspection from then on), `conduct` (`conductedOn`, `inspectorIds`, the whole `checklist`), `record-findings` (`findings`, empty when none), " +
      "`follow-up` (supervisor: a violation found opens proceedings against the agency, a case like a complaint's), `cancel` (supervisor, `reason`, only while planned). " +
      'Name the `version` you read (409 `stale-version`); a move the state does not allow is 409 `transition-not-allowed`, a missing condition 409 `transition-condition-unmet` naming it. Audited (`inspection.<action>`).',
  })
  @ApiOkResponse({ type: InspectionView })
  @ApiProblems({ 400: ['bad-request'], 409: ['stale-version', 'transition-not-allowed', 'transition-condition-unmet'] })
  act(@Param() p: InspectionActionParams, @Body() dto: InspectionActionDto, @CurrentActor() actor: Actor): Promise<InspectionView> {
    return this.inspections.act(p.id, p.action, dto, inspectionActor(actor, INSPECTION_LIFECYCLE.everyoneAmong(MINISTRY_ROLES)));
  }
}

/** An agency's inspections, once the ministry notified it. */
@ApiTags('complaints: inspections')
@ApiBearerAuth()
@Controller('agency/inspections')
export class AgencyInspectionsController {
  constructor(private readonly inspections: InspectionsService) {}

  @Get()
  @Roles(...AGENCY)
  @ApiOperation({
    summary: "List my agency's inspections",
    description: "The inspections of the caller's agency that the ministry notified it of, newest first; never an un-notified one, nor the ministry's reasons.",
  })
  @ApiOkResponse({ type: [AgencyInspectionView] })
  list(@CurrentActor() actor: Actor): Promise<AgencyInspectionView[]> {
    return this.inspections.forAgency(actor.agencyId!);
  }

  @Get(':id')
  @Roles(...AGENCY)
  @ApiOperation({ summary: "Read one of my agency's inspections", description: "404 for another agency's, and for one the agency was not notified of." })
  @ApiParam({ name: 'id', format: 'uuid' })
  @ApiOkResponse({ type: AgencyInspectionView })
  async get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<AgencyInspectionView> {
    return (await this.inspections.forAgency(actor.agencyId!, id))[0];
  }
}
