import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { PageQuery } from '@app/common';
import { EVIDENCE_KINDS, EvidenceKind } from '@app/complaints/evidence';

/** The text fields of the evidence uploads (multipart/form-data). */
export class UploadEvidenceFields {
  @IsIn(EVIDENCE_KINDS)
  kind: EvidenceKind;
}

/** The multipart body, for OpenAPI only (the routes stream it; see withSingleFileUpload). */
export class UploadEvidenceBody {
  @ApiProperty({ enum: EVIDENCE_KINDS })
  kind: EvidenceKind;

  @ApiProperty({ type: 'string', format: 'binary', description: 'One PDF, JPEG or PNG file, at most DOCUMENTS_MAX_BYTES.' })
  file: unknown;
}

export class EvidenceQuery extends PageQuery {
  @ApiPropertyOptional({ enum: EVIDENCE_KINDS })
  @IsOptional()
  @IsIn(EVIDENCE_KINDS)
  kind?: EvidenceKind;
}

export class EvidenceReferenceParams {
  @ApiProperty({ example: 'CMP-2026-00042-7' })
  @IsString()
  @Length(8, 40)
  reference: string;
}
