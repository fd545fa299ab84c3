import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { APPLICATION_DOCUMENT_KINDS, APPLICATION_STATES, APPLICATION_TYPES, ApplicationDocumentKind, ApplicationState, ApplicationType } from '@app/agencies';
import { PageQuery } from '@app/common';
import { ACCEPTED_TYPES_IN_WORDS } from '@app/documents';
import { VersionedDto } from './licensing.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApplicationDto {
  /** 'new' for a first (or again after expiry) license; 'renewal' for the agency's live license, inside its window. */
  @ApiProperty({
    enum: APPLICATION_TYPES,
    enumName: 'ApplicationType',
    example: 'new',
    description: "`new` for a first license (or one again after the last ended); `renewal` for the agency's live license, inside its renewal window.",
  })
  @IsIn(APPLICATION_TYPES)
  type: ApplicationType;
}

/** submit, take, recommend, approve: the version read, and an optional note (kept in the events). */
export class ApplicationMoveDto extends VersionedDto {
  @ApiPropertyOptional({
    minLength: 1,
    maxLength: 2000,
    description: "A note kept in the application's history (trimmed); on approval, also its `decisionReasons`.",
  })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class ReturnApplicationDto extends VersionedDto {
  /** What the agency must fix. */
  @ApiProperty({
    type: [String],
    minItems: 1,
    maxItems: 50,
    items: { type: 'string', minLength: 3, maxLength: 500 },
    example: ['The business permit has expired: upload the 2026 permit.'],
    description: 'What the agency must fix, one item each (trimmed, 3 to 500 characters).',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @Transform(({ value }: { value: unknown }) => (Array.isArray(value) ? value.map((v) => (typeof v === 'string' ? v.trim() : v)) : value))
  @IsString({ each: true })
  @Length(3, 500, { each: true })
  items: string[];
}

export class RejectApplicationDto extends VersionedDto {
  /** Why: the agency reads it. */
  @ApiProperty({
    minLength: 3,
    maxLength: 2000,
    example: "The agency's capital is below the legal minimum.",
    description: "Why (trimmed): the agency reads it, as the application's `decisionReasons`.",
  })
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reasons: string;
}

export class ApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({
    enum: APPLICATION_STATES,
    enumName: 'ApplicationState',
    description: 'Only applications in this state (`submitted`: the queue to take; `recommended`: the queue to decide).',
  })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;

  @ApiPropertyOptional({ enum: APPLICATION_TYPES, enumName: 'ApplicationType', description: 'Only applications of this type.' })
  @IsOptional()
  @IsIn(APPLICATION_TYPES)
  type?: ApplicationType;

  @ApiPropertyOptional({ format: 'uuid', description: "Only this agency's applications." })
  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class AgencyApplicationsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: APPLICATION_STATES, enumName: 'ApplicationState', description: 'Only applications in this state.' })
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;
}

/** The text fields of `POST /agency/applications/:id/documents` (multipart/form-data). */
export class UploadApplicationDocumentFields {
  @IsIn(APPLICATION_DOCUMENT_KINDS)
  kind: ApplicationDocumentKind;
}

/** The multipart body, for OpenAPI only. */
export class UploadApplicationDocumentBody {
  @ApiProperty({
    enum: APPLICATION_DOCUMENT_KINDS,
    enumName: 'ApplicationDocumentKind',
    description: "What the document is: one of the required kinds of the application's type, `office-lease` or `other`.",
  })
  kind: ApplicationDocumentKind;

  @ApiProperty({ type: 'string', format: 'binary', description: `One ${ACCEPTED_TYPES_IN_WORDS} file, at most DOCUMENTS_MAX_BYTES.` })
  file: unknown;
}
