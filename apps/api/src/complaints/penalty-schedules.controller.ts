import { Body, Controller, Get, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsInt, Max, Min, ValidateNested } from 'class-validator';
import { Role, Roles, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { ALLEGATION_CATEGORIES, PROPOSED_MONTHS_POLICIES, PenaltySchedules, PenaltyScheduleView } from '@app/complaints';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { IsCurrencyCode, IsLocalDate, IsPositiveMinorUnits } from '../http/dto-rules';

class SuspensionStepDto {
  @ApiProperty({ type: 'integer', minimum: 1, maximum: 120, example: 2 }) @IsInt() @Min(1) @Max(120) minMonths: number;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 120,
    example: 6,
    description: 'At least minMonths; a step is never lighter than the one before (400 otherwise).',
  })
  @IsInt()
  @Min(1)
  @Max(120)
  maxMonths: number;
}

class SeriousFineDto {
  @ApiProperty({ type: String, pattern: '^[1-9][0-9]{0,17}$', example: '50000000', description: 'Integer minor units as a decimal string, positive.' })
  @IsPositiveMinorUnits()
  amountMinor: string;
  @ApiProperty({ type: String, pattern: '^[A-Z]{3}$', example: 'PHP', description: 'ISO 4217.' }) @IsCurrencyCode() currency: string;
}

export class CreatePenaltyScheduleDto {
  @ApiProperty({
    type: String,
    format: 'date',
    example: '2026-07-01',
    description: 'First day in force: today or later (a day gone by keeps the schedule it had); one version per day (409 penalty-schedule-exists).',
  })
  @IsLocalDate()
  effectiveFrom: string;
  @ApiProperty({
    type: [SuspensionStepDto],
    minItems: 1,
    maxItems: 10,
    description: 'Less-serious offences: the Nth offence gets step N; past the last step, revocation.',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => SuspensionStepDto)
  lessSeriousLadder: SuspensionStepDto[];
  @ApiProperty({
    enum: ALLEGATION_CATEGORIES,
    enumName: 'AllegationCategory',
    isArray: true,
    maxItems: 9,
    example: ['retained-documents'],
    description: 'Categories that are serious offences. Trafficking indicators and a protected-category fee are serious under every schedule.',
  })
  @IsArray()
  @ArrayMaxSize(9)
  @IsIn(ALLEGATION_CATEGORIES, { each: true })
  seriousCategories: string[];
  @ApiProperty({ type: SeriousFineDto, description: 'The fine of each serious offence.' })
  @ValidateNested()
  @Type(() => SeriousFineDto)
  seriousFine: SeriousFineDto;
  @ApiProperty({
    type: 'integer',
    minimum: 1,
    maximum: 240,
    example: 12,
    description: 'Suspensions (prior decided plus proposed) adding up to this many months propose revocation.',
  })
  @IsInt()
  @Min(1)
  @Max(240)
  cumulativeSuspensionThresholdMonths: number;
  @ApiProperty({
    enum: PROPOSED_MONTHS_POLICIES,
    enumName: 'ProposedMonthsPolicy',
    example: 'minimum',
    description: "Which months of a step's range are proposed.",
  })
  @IsIn(PROPOSED_MONTHS_POLICIES)
  proposedMonths: string;
}

const READERS: Role[] = ['admin', 'supervisor', 'inspector'];

/** The penalty schedule: admins add effective-dated versions; the ministry reads them. */
@ApiTags('admin: penalty schedule')
@ApiBearerAuth()
@Controller('admin/penalty-schedules')
export class PenaltySchedulesController {
  constructor(private readonly schedules: PenaltySchedules) {}

  @Get()
  @Roles(...READERS)
  @ApiOperation({
    summary: 'List the penalty schedule versions',
    description:
      "Every version, oldest first. A proposal uses the version whose first day is the latest on or before the day it is made (in the case's jurisdiction).",
  })
  @ApiOkResponse({ type: [PenaltyScheduleView] })
  list(): Promise<PenaltyScheduleView[]> {
    return this.schedules.list();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a penalty schedule version',
    description:
      'A new version of the graduated penalty schedule (the less-serious ladder, the serious categories, the fine, the cumulative-suspension rule) in force from `effectiveFrom` until the next version. ' +
      'Versions are never edited: a change is a new version. 400 naming the field for a schedule that cannot be applied (a step lighter than the one before, min above max) or a first day in the past; ' +
      '409 `penalty-schedule-exists` when a version already starts that day. Written to the audit log (`complaints.penalty-schedule.created`).',
  })
  @ApiCreatedResponse({ type: PenaltyScheduleView })
  @ApiProblems({ 409: ['penalty-schedule-exists'] })
  create(@Body() dto: CreatePenaltyScheduleDto, @CurrentActor() actor: Actor): Promise<PenaltyScheduleView> {
    return this.schedules.create(dto, actor);
  }
}
