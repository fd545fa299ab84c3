import { Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { CurrentActor, Role, Roles } from '@app/auth';
import { Actor, NotFoundException } from '@app/common';
import { AgencyComplaintView, ComplaintCases, ComplianceDeclarations, DeclarationActor } from '@app/complaints';
import { DocumentsService, withOptionalFileUpload } from '@app/documents';
import { ApiProblems } from '../openapi/api-problems.decorator';
import { ComplianceDeclarationFields, DeclareComplianceBody } from './complaints.dto';

const AGENCY: Role[] = ['agency_admin', 'agency_staff'];

/** An agency user as the declarant (their agency's cases only). */
const declarant = (actor: Actor): DeclarationActor => {
  if (!actor.userId || !actor.agencyId) throw new NotFoundException('case');
  return { userId: actor.userId, agencyId: actor.agencyId, auditActor: actor.auditActor, correlationId: actor.correlationId };
};

/** An agency declares that it complied with a settlement; the ministry confirms it (`comply`) or records a breach. */
@ApiTags('agency: complaints')
@ApiBearerAuth()
@Roles(...AGENCY)
@Controller('agency/complaints')
export class AgencyComplianceDeclarationsController {
  constructor(
    private readonly declarations: ComplianceDeclarations,
    private readonly cases: ComplaintCases,
    private readonly documents: DocumentsService,
  ) {}

  @Post(':id/compliance-declaration')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Declare that my agency complied with a settlement',
    description:
      'While the case is `settled`, the agency declares that it did what the settlement says: `multipart/form-data` with `statement` (what it did and when; trimmed, 1 to 5000 characters) and optionally one proof file in `file` ' +
      "(a PDF, JPEG or PNG recognised by its content, at most DOCUMENTS_MAX_BYTES), stored as the agency's evidence on the case (shared). The declaration is its own record with a shared timeline entry (`compliance-declared`); " +
      "the case's inspector (the supervisors while it is unassigned) is mailed (`complaint.compliance-declared`). It does **not** move the case: the ministry confirms compliance with `comply` (closed, outcome settled) or records a breach. " +
      "The case is checked before the file is read: another agency's case is 404; a case that is not settled is 409 `case-not-settled`; a second declaration for the same settlement (a double submit included) is 409 `compliance-already-declared` and stores nothing. " +
      'A missing or blank statement is 400 `validation-failed` naming `statement`. Audited (`complaint.compliance.declared`; with a file also `complaint.evidence.added` and `document.uploaded`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The case.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: DeclareComplianceBody })
  @ApiCreatedResponse({ type: AgencyComplaintView, description: 'The case, with its `complianceDeclaration` (still settled).' })
  @ApiProblems({ 400: ['too-many-files', 'malformed-multipart'], 409: ['case-not-settled', 'compliance-already-declared'] })
  async declare(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<AgencyComplaintView> {
    const who = declarant(actor);
    // Checked before the file is read (404, 409); checked again under the case's lock.
    await this.declarations.check(id, who.agencyId);
    await withOptionalFileUpload(req, this.documents, { fields: ComplianceDeclarationFields }, ({ staged, fields }) =>
      this.declarations.declare(id, fields.statement, staged, who),
    );
    return this.cases.agency(id, who.agencyId);
  }
}
