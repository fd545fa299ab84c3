import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@app/common';

/** What an agency may keep in its document library. */
export const AGENCY_DOCUMENT_KINDS = [
  'business-registration',
  'business-permit',
  'tax-clearance',
  'financial-statement',
  'escrow-certificate',
  'office-lease',
  'other',
] as const;
export type AgencyDocumentKind = (typeof AGENCY_DOCUMENT_KINDS)[number];

/** The text fields of `POST /agency/documents` (multipart/form-data). */
export class UploadAgencyDocumentFields {
  @IsIn(AGENCY_DOCUMENT_KINDS)
  kind: AgencyDocumentKind;
}

/** The multipart body, for OpenAPI only (the route streams it; see withSingleFileUpload). */
export class UploadAgencyDocumentBody {
  @ApiProperty({ enum: AGENCY_DOCUMENT_KINDS })
  kind: AgencyDocumentKind;

  @ApiProperty({ type: 'string', format: 'binary', description: 'One PDF, JPEG or PNG file, at most DOCUMENTS_MAX_BYTES.' })
  file: unknown;
}

export class AgencyDocumentsQuery extends PageQuery {
  @IsOptional()
  @IsIn(AGENCY_DOCUMENT_KINDS)
  kind?: AgencyDocumentKind;
}

export class AgencyIdParams {
  @IsUUID()
  agencyId: string;
}
