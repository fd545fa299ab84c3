import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsISO8601,
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { ESCALATION_ACTIONS, ESCALATION_ACTIONS_PROPERTY, EscalationAction } from '@app/deadlines';
import { IsSingleLineName } from '../http/dto-rules';

export class EscalationLevelDto {
  /** Hours after the breach at which this level fires. */
  @ApiProperty({
    minimum: 0,
    maximum: 87_600,
    example: 0,
    description: 'Hours after the breach at which this level fires; later than the level before it. Fractions allowed.',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(87_600)
  afterHours: number;

  @ApiProperty(ESCALATION_ACTIONS_PROPERTY)
  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ESCALATION_ACTIONS, { each: true })
  actions: EscalationAction[];
}

export class SlaPolicyDto {
  @ApiProperty({ type: 'integer', minimum: 0, maximum: 3650, example: 2, description: 'How long the subject has, in days.' })
  @IsInt()
  @Min(0)
  @Max(3650)
  durationDays: number;

  @ApiProperty({
    enum: ['calendar', 'business'],
    enumName: 'DayCounting',
    enumSchema: {
      description: "How a deadline's days are counted: `calendar` (every day) or `business` (on the jurisdiction's calendar, skipping weekends and holidays).",
    },
    example: 'business',
    description: "`business`: counted on the jurisdiction's calendar; `calendar`: every day.",
  })
  @IsIn(['calendar', 'business'])
  counting: 'calendar' | 'business';

  /** 0.8 fires a reminder at 80% of the time; null for none. */
  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0.01,
    maximum: 0.99,
    example: 0.8,
    description: '0.8 fires a reminder at 80% of the time; null for none.',
  })
  @ValidateIf((o: SlaPolicyDto) => o.reminderShare !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(0.99)
  reminderShare: number | null;

  @ApiProperty({
    type: [EscalationLevelDto],
    maxItems: 10,
    description: 'The escalation levels in firing order (may be empty), each later than the one before it.',
  })
  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  escalations: EscalationLevelDto[];
}

export class KindParams {
  @ApiProperty({ pattern: '^[a-z][a-z0-9_.-]{1,63}$', example: 'complaint.triage', description: 'The deadline kind.' })
  @Matches(/^[a-z][a-z0-9_.-]{1,63}$/, { message: 'must be a deadline kind such as complaint.triage' })
  kind: string;
}

export class JurisdictionParams {
  @ApiProperty({
    pattern: '^[A-Z]{2}(-[A-Z0-9]{1,3})?$',
    example: 'PH',
    description: 'ISO 3166 code of the jurisdiction, optionally with a subdivision: PH, NP, MY-14.',
  })
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code such as PH, NP or MY-14' })
  code: string;
}

export class HolidayParams extends JurisdictionParams {
  @ApiProperty({ format: 'date', example: '2026-06-12', description: "The holiday's local date, YYYY-MM-DD." })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  date: string;
}

export class JurisdictionDto {
  @ApiProperty({ minLength: 2, maxLength: 120, example: 'Philippines' })
  @IsString()
  @Length(2, 120)
  @IsSingleLineName()
  name: string;

  /** IANA time zone, e.g. Asia/Manila. */
  @ApiProperty({
    minLength: 3,
    maxLength: 64,
    example: 'Asia/Manila',
    description: 'IANA time zone (an unknown zone is a 400 `validation-failed` on `timeZone`).',
  })
  @IsString()
  @Length(3, 64)
  timeZone: string;

  /** ISO weekdays that are not working days: 1 = Monday … 7 = Sunday. */
  @ApiProperty({
    type: 'integer',
    isArray: true,
    minimum: 1,
    maximum: 7,
    maxItems: 6,
    uniqueItems: true,
    example: [6, 7],
    description: 'ISO weekdays that are not working days: 1 = Monday … 7 = Sunday (at least one working day must remain).',
  })
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekendDays: number[];
}

export class HolidayDto {
  @ApiProperty({ minLength: 2, maxLength: 120, example: 'Independence Day' })
  @IsString()
  @Length(2, 120)
  @IsSingleLineName()
  name: string;
}

export class HolidaysQuery {
  @ApiPropertyOptional({ type: 'integer', minimum: 2000, maximum: 2100, example: 2026, description: "Only this year's holidays; every year when left out." })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class MetricsQuery {
  @ApiPropertyOptional({
    type: 'integer',
    minimum: 1,
    maximum: 24 * 90,
    default: 24,
    description: 'The window, in hours before now, of the lateness and sweep figures.',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  windowHours?: number;
}
