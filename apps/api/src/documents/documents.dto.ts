import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import { PageQuery } from '@app/common';
import { ACCEPTED_CONTENT_TYPES, ACCEPTED_TYPES_IN_WORDS } from '@app/documents';

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
  @ApiProperty({ enum: AGENCY_DOCUMENT_KINDS, enumName: 'AgencyDocumentKind', example: 'business-permit', description: 'What the document is.' })
  kind: AgencyDocumentKind;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `Exactly one ${ACCEPTED_TYPES_IN_WORDS} file (recognised by its content, not its name), at most DOCUMENTS_MAX_BYTES (10 MiB by default).`,
  })
  file: unknown;
}

export class AgencyDocumentsQuery extends PageQuery {
  @ApiPropertyOptional({ enum: AGENCY_DOCUMENT_KINDS, enumName: 'AgencyDocumentKind', description: 'Only documents of this kind.' })
  @IsOptional()
  @IsIn(AGENCY_DOCUMENT_KINDS)
  kind?: AgencyDocumentKind;
}

export class AgencyIdParams {
  @ApiProperty({ format: 'uuid', description: 'The agency.' })
  @IsUUID()
  agencyId: string;
}

/** The answer of a document download: the file's bytes in its (sniffed) type, as an attachment. */
export const DOCUMENT_DOWNLOAD = {
  description: `The file's bytes, in the type recognised when it was uploaded (${ACCEPTED_TYPES_IN_WORDS}), with its exact \`Content-Length\` and \`Content-Disposition: attachment\` naming the uploaded file. Never cached (\`Cache-Control: private, no-store\`).`,
  headers: {
    'Content-Disposition': {
      description: 'attachment; filename="…"; filename*=UTF-8\'\'… (the sanitised name the file was uploaded with)',
      schema: { type: 'string' },
    },
    'Content-Length': { description: 'The size of the file in bytes.', schema: { type: 'integer' } },
  },
  content: Object.fromEntries(ACCEPTED_CONTENT_TYPES.map((type) => [type, { schema: { type: 'string', format: 'binary' } }])),
};
