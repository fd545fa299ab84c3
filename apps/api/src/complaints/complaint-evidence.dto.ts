import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@app/common';
import { EVIDENCE_KINDS, EvidenceKind } from '@app/complaints/evidence';
import { ACCEPTED_CONTENT_TYPES, ACCEPTED_TYPES_IN_WORDS } from '@app/documents';

/** The text fields of the evidence uploads (multipart/form-data). */
export class UploadEvidenceFields {
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;
}

/** The multipart body, for OpenAPI only (the routes stream it; see withSingleFileUpload). */
export class UploadEvidenceBody {
  @ApiProperty({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind', example: 'receipt', description: 'What the file is. Send this field before the file.' })
  kind: EvidenceKind;

  @ApiProperty({
    type: 'string',
    format: 'binary',
    description: `Exactly one ${ACCEPTED_TYPES_IN_WORDS} file (recognised by its content, not its name), at most DOCUMENTS_MAX_BYTES (10 MiB by default).`,
  })
  file: unknown;
}

export class EvidenceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EVIDENCE_KINDS, enumName: 'EvidenceKind', description: 'Only files of this kind.' })
  @IsOptional()
  @IsIn(EVIDENCE_KINDS)
  kind?: EvidenceKind;
}

export class EvidenceReferenceParams {
  @ApiProperty({ minLength: 8, maxLength: 40, example: 'CMP-2026-00042-7', description: "The case's reference, as given when it was filed." })
  @IsString()
  @Length(8, 40)
  reference: string;
}

const binary = { schema: { type: 'string', format: 'binary' } };

/** The answer of an evidence download: the file's bytes in its (sniffed) type, as an attachment. */
export const EVIDENCE_DOWNLOAD = {
  description: `The file's bytes, in the type recognised when it was uploaded (${ACCEPTED_TYPES_IN_WORDS}), with its exact \`Content-Length\` and \`Content-Disposition: attachment\` naming the uploaded file. Never cached (\`Cache-Control: private, no-store\`).`,
  headers: {
    'Content-Disposition': {
      description: 'attachment; filename="…"; filename*=UTF-8\'\'… (the sanitised name the file was uploaded with)',
      schema: { type: 'string' },
    },
    'Content-Length': { description: 'The size of the file in bytes.', schema: { type: 'integer' } },
  },
  content: Object.fromEntries(ACCEPTED_CONTENT_TYPES.map((type) => [type, binary])),
};
