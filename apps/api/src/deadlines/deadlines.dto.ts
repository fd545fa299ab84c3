import { Type } from 'class-transformer';
import { IsISO8601, ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Length, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import { ESCALATION_ACTIONS, EscalationAction } from '@app/deadlines';

export class EscalationLevelDto {
  /** Hours after the breach at which this level fires. */
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(87_600)
  afterHours: number;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsIn(ESCALATION_ACTIONS, { each: true })
  actions: EscalationAction[];
}

export class SlaPolicyDto {
  @IsInt()
  @Min(0)
  @Max(3650)
  durationDays: number;

  @IsIn(['calendar', 'business'])
  counting: 'calendar' | 'business';

  /** 0.8 fires a reminder at 80% of the time; null for none. */
  @ValidateIf((o: SlaPolicyDto) => o.reminderShare !== null)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(0.99)
  reminderShare: number | null;

  @IsArray()
  @ArrayMaxSize(10)
  @ValidateNested({ each: true })
  @Type(() => EscalationLevelDto)
  escalations: EscalationLevelDto[];
}

export class KindParams {
  @Matches(/^[a-z][a-z0-9_.-]{1,63}$/, { message: 'must be a deadline kind such as complaint.triage' })
  kind: string;
}

export class JurisdictionParams {
  @Matches(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, { message: 'must be an ISO 3166 code such as PH, NP or MY-14' })
  code: string;
}

export class HolidayParams extends JurisdictionParams {
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'must be a real calendar date' })
  date: string;
}

export class JurisdictionDto {
  @IsString()
  @Length(2, 120)
  name: string;

  /** IANA time zone, e.g. Asia/Manila. */
  @IsString()
  @Length(3, 64)
  timeZone: string;

  /** ISO weekdays that are not working days: 1 = Monday … 7 = Sunday. */
  @IsArray()
  @ArrayMaxSize(6)
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(1, { each: true })
  @Max(7, { each: true })
  weekendDays: number[];
}

export class HolidayDto {
  @IsString()
  @Length(2, 120)
  name: string;
}

export class HolidaysQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(2000)
  @Max(2100)
  year?: number;
}

export class MetricsQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(24 * 90)
  windowHours?: number;
}
