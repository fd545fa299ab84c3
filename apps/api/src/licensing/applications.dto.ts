import { ApiProperty } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsIn, IsOptional, IsString, IsUUID, Length } from 'class-validator';
import { APPLICATION_DOCUMENT_KINDS, APPLICATION_STATES, APPLICATION_TYPES, ApplicationDocumentKind, ApplicationState, ApplicationType } from '@app/agencies';
import { PageQuery } from '@app/common';
import { VersionedDto } from './licensing.dto';

const trim = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateApplicationDto {
  /** 'new' for a first (or again after expiry) license; 'renewal' for the agency's live license, inside its window. */
  @IsIn(APPLICATION_TYPES)
  type: ApplicationType;
}

/** submit, take, recommend, approve: the version read, and an optional note (kept in the events). */
export class ApplicationMoveDto extends VersionedDto {
  @IsOptional()
  @Transform(trim)
  @IsString()
  @Length(1, 2000)
  note?: string;
}

export class ReturnApplicationDto extends VersionedDto {
  /** What the agency must fix. */
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
  @Transform(trim)
  @IsString()
  @Length(3, 2000)
  reasons: string;
}

export class ApplicationsQuery extends PageQuery {
  @IsOptional()
  @IsIn(APPLICATION_STATES)
  state?: ApplicationState;

  @IsOptional()
  @IsIn(APPLICATION_TYPES)
  type?: ApplicationType;

  @IsOptional()
  @IsUUID()
  agencyId?: string;
}

export class AgencyApplicationsQuery extends PageQuery {
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
  @ApiProperty({ enum: APPLICATION_DOCUMENT_KINDS })
  kind: ApplicationDocumentKind;

  @ApiProperty({ type: 'string', format: 'binary', description: 'One PDF, JPEG or PNG file, at most DOCUMENTS_MAX_BYTES.' })
  file: unknown;
}
