import { Body, Controller, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Query, Res, Req } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { ACCEPTED_TYPES_IN_WORDS, DocumentsService, withSingleFileUpload } from '@app/documents';
import { Authenticated, Role, Roles, CurrentActor } from '@app/auth';
import { Actor, MINISTRY_ROLES, Page, PageOf, PageQuery, idempotencyKeyOf } from '@app/common';
import {
  Beneficiaries,
  BeneficiaryView,
  BenefitScheduleView,
  BenefitSchedules,
  FundIncomeView,
  FundIncomes,
  ClaimTypeView,
  ClaimView,
  claimTypeViews,
  ContributionView,
  Contributions,
  FundLedger,
  FundPositionView,
  MembershipView,
  StoredRule,
  WelfareClaims,
  ClaimDocumentFileView,
  ClaimDocuments,
  CLAIM_LIFECYCLE,
  MyMembershipView,
} from '@app/welfare';
import { ApiProblems } from '../openapi/api-problems.decorator';
import {
  BeneficiaryParams,
  RecordFundIncomeDto,
  ClaimActionDto,
  ClaimActionParams,
  ClaimQuery,
  RegisterBeneficiaryDto,
  RemoveBeneficiaryDto,
  CreateBenefitScheduleDto,
  EndBenefitScheduleDto,
  FileClaimDto,
  PassportParams,
  RecordContributionDto,
  UploadClaimDocumentBody,
  UploadClaimDocumentFields,
} from './welfare.dto';

const OFFICERS: Role[] = ['welfare_officer', 'supervisor'];

/** Welfare fund: contributions, benefit schedules, membership, claims and the fund's position. */
@ApiTags('welfare')
@ApiBearerAuth()
@Controller()
export class WelfareController {
  constructor(
    private readonly contributions: Contributions,
    private readonly schedules: BenefitSchedules,
    private readonly claims: WelfareClaims,
    private readonly ledger: FundLedger,
    private readonly beneficiaries: Beneficiaries,
    private readonly incomes: FundIncomes,
    private readonly claimDocuments: ClaimDocuments,
    private readonly documents: DocumentsService,
  ) {}

  /** The claimant sends a document a welfare officer asked for; the last one asked for resumes the decision clock. */
  @Post('me/welfare/claims/:id/documents')
  @Roles('worker')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Send a document asked for on my welfare claim',
    description:
      'The claimant sends, from the account that filed the claim, one of the documents a welfare officer asked for (`request-documents`): `multipart/form-data` with the field ' +
      `\`document\` (its checklist code) and exactly one file in \`file\` (${ACCEPTED_TYPES_IN_WORDS}, recognised by its content; at most DOCUMENTS_MAX_BYTES). ` +
      "The claim is checked before the file is read: another's claim, or one filed by an officer, is 404; a claim not waiting for documents is 409 `documents-not-requested`. " +
      'A document not asked for is 400 naming `document`; a file of another type 415, a larger one 413, a missing or second file 400. The file and its audit entry are written in one transaction. ' +
      'When every document asked for has arrived, the claim goes back to `under_review` by itself (`documents-received`, by the system) and the decision deadline resumes, ' +
      'its due time moved later by the time it was paused.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The claim.' })
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadClaimDocumentBody })
  @ApiCreatedResponse({ type: ClaimDocumentFileView, description: 'The document as stored.' })
  @ApiProblems({ 400: ['file-missing', 'too-many-files', 'malformed-multipart'], 409: ['documents-not-requested'] })
  async uploadClaimDocument(@Param('id', ParseUUIDPipe) id: string, @Req() req: FastifyRequest, @CurrentActor() actor: Actor): Promise<ClaimDocumentFileView> {
    await this.claimDocuments.checkUpload(id, actor.userId!);
    return withSingleFileUpload(req, this.documents, { fields: UploadClaimDocumentFields }, ({ staged, fields }) =>
      this.claimDocuments.upload(id, actor.userId!, staged, fields.document, actor),
    );
  }

  /** The documents the claimant sent for their claim. */
  @Get('me/welfare/claims/:id/documents')
  @Roles('worker')
  @ApiOperation({ summary: 'List the documents I sent for my welfare claim', description: "Newest first. Another's claim is 404." })
  @ApiParam({ name: 'id', format: 'uuid', description: 'The claim.' })
  @ApiOkResponse({ type: [ClaimDocumentFileView] })
  @ApiProblems({ 400: ['bad-request'] })
  listClaimDocuments(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ClaimDocumentFileView[]> {
    return this.claimDocuments.list(id, actor.userId!);
  }

  /** A placement's contribution: by its agency, or at a ministry counter. One per placement (409 after). */
  @Post('welfare/contributions')
  @Roles('agency_admin', 'agency_staff', 'welfare_officer')
  @ApiOperation({
    summary: 'Record the welfare contribution of a placement',
    description:
      'Records the one contribution a placement pays into the welfare fund, which makes its worker a member. The placing agency records it for its own ' +
      "placements (another agency's placement is 404, channel `agency`); a welfare officer records one paid at a ministry counter (channel `counter`).\n\n" +
      "The amount is the ministry's setting (`WELFARE_CONTRIBUTION_MINOR` / `WELFARE_CONTRIBUTION_CURRENCY`, by default USD 25.00), never taken from the request. " +
      "It covers the placement's contract from the later of the contract start and `paidOn`, up to the contract's end and at most two years after its start; " +
      'paid after that, it would cover nothing and is refused (409 `contribution-after-contract`).\n\n' +
      'One contribution per placement (409 `contribution-exists`) and one receipt number per contribution (409 `receipt-number-taken`), so a retry of a ' +
      "recorded contribution is refused and writes nothing. Each contribution is posted to the fund ledger as a balanced entry, converted into the fund's currency at the exchange rate in " +
      'force on `paidOn`; without such a rate it is refused (422 `missing-exchange-rate`) and nothing is written. The recording is audited.',
  })
  @ApiCreatedResponse({ type: ContributionView, description: 'The contribution recorded, with the days it covers.' })
  @ApiProblems({ 404: ['not-found'], 409: ['contribution-exists', 'receipt-number-taken', 'contribution-after-contract'], 422: ['missing-exchange-rate'] })
  recordContribution(@Body() dto: RecordContributionDto, @CurrentActor() actor: Actor): Promise<ContributionView> {
    return this.contributions.record(dto, actor);
  }

  /** A worker's membership (periods derived from contributions), by passport number. */
  @Get('welfare/members/:passport')
  @Roles(...OFFICERS, 'worker')
  @ApiOperation({
    summary: "Show a worker's membership by passport number",
    description:
      'The membership of the worker holding this passport number: the periods on which they are a member, derived from the contributions paid for their ' +
      'placements (never typed in), and those contributions, oldest payment first. For officers, a passport number with no contribution answers empty lists (not a 404): ' +
      'the worker is not a member. A worker reads only their own: a passport number of a placement of their account with a contribution; any other is the same 404 ' +
      '`not-found` (whether or not someone holds it: the answer never tells). `GET /me/welfare/membership` needs no passport number. ' +
      'Claims are checked against these periods (membership active on the incident date).',
  })
  @ApiOkResponse({ type: MembershipView, description: 'The membership periods and the contributions behind them.' })
  @ApiProblems({ 404: ['not-found'] })
  membership(@Param() p: PassportParams, @CurrentActor() actor: Actor): Promise<MembershipView> {
    return this.contributions.membershipFor(p.passport, actor);
  }

  /** The member's register of beneficiaries: the member from their account, officers for anyone. */
  @Get('welfare/members/:passport/beneficiaries')
  @Roles('worker', ...OFFICERS)
  @ApiOperation({
    summary: "List a member's beneficiaries",
    description:
      'The register of the beneficiaries the member holding this passport number has named, removed entries too (newest first), decrypted. ' +
      "A worker reads only their own register (their account is the member's: a contribution was paid for a placement linked to it); anyone else gets " +
      'the 404 a passport number without membership gets. Welfare officers and supervisors read any register; each such read is audited ' +
      '(`welfare.beneficiary.register-viewed`).',
  })
  @ApiOkResponse({ type: [BeneficiaryView], description: 'The entries.' })
  @ApiProblems({ 404: ['not-found'] })
  listBeneficiaries(@Param() p: PassportParams, @CurrentActor() actor: Actor): Promise<BeneficiaryView[]> {
    return this.beneficiaries.list(p.passport, actor);
  }

  @Post('welfare/members/:passport/beneficiaries')
  @Roles('worker', 'welfare_officer')
  @ApiOperation({
    summary: "Name a beneficiary on a member's register",
    description:
      "Adds a beneficiary to the member's register: their name, relationship and an identity document number (encrypted at rest), and optionally the " +
      'address of their own account. The member does it from their own account (anyone else: the 404 of a passport number without membership); a welfare ' +
      "officer does it on the member's behalf, with `proof` of the relationship (400 naming `proof` without it). Only a beneficiary on the register may " +
      "claim: from their own account when the entry carries its address, or through an officer; the claim's name and identity number must match the " +
      'entry. Audited (`welfare.beneficiary.registered`). Not idempotent.',
  })
  @ApiCreatedResponse({ type: BeneficiaryView, description: 'The entry.' })
  @ApiProblems({ 404: ['not-found'] })
  registerBeneficiary(@Param() p: PassportParams, @Body() dto: RegisterBeneficiaryDto, @CurrentActor() actor: Actor): Promise<BeneficiaryView> {
    return this.beneficiaries.register(p.passport, dto, actor);
  }

  @Post('welfare/members/:passport/beneficiaries/:id/remove')
  @Roles('worker', 'welfare_officer')
  @HttpCode(200)
  @ApiOperation({
    summary: "Remove a beneficiary from a member's register",
    description:
      'Removes an entry, with a reason: it stays on the register (with `removedAt` and `removalReason`) but no longer entitles anyone to claim. The member ' +
      'from their own account, or a welfare officer. An entry of another register, or a register the caller may not keep, is 404; an entry removed ' +
      'already is 409 `beneficiary-already-removed`. Audited (`welfare.beneficiary.removed`).',
  })
  @ApiOkResponse({ type: BeneficiaryView, description: 'The entry, removed.' })
  @ApiProblems({ 404: ['not-found'], 409: ['beneficiary-already-removed'] })
  removeBeneficiary(@Param() p: BeneficiaryParams, @Body() dto: RemoveBeneficiaryDto, @CurrentActor() actor: Actor): Promise<BeneficiaryView> {
    return this.beneficiaries.remove(p.passport, p.id, dto.reason, actor);
  }

  /** The signed-in worker's own memberships: no passport number to type, never another's. */
  @Get('me/welfare/membership')
  @Roles('worker')
  @ApiOperation({
    summary: 'Show my welfare membership',
    description:
      "The memberships of the signed-in worker: for each passport number of a placement recorded with their account (the agency links it through the worker's email) " +
      'that has a contribution, its membership periods and contributions. Empty when there is none: not a member (yet).',
  })
  @ApiOkResponse({ type: MyMembershipView, description: 'Your memberships.' })
  myMembership(@CurrentActor() actor: Actor): Promise<MyMembershipView> {
    return this.contributions.myMemberships(actor);
  }

  @Post('admin/benefit-schedules')
  @Roles('admin')
  @ApiOperation({
    summary: 'Add a benefit schedule entry',
    description:
      'Adds an effective-dated entry of the benefit schedule: what a claim of one type is paid when its incident falls between `validFrom` and `validTo` ' +
      '(open-ended when left out). The rule is `fixed` (one amount), `by-degree` (partial disability: the maximum times the degree, rounded half-even once) ' +
      'or `reimbursement` (what was claimed, up to a cap); a rule that cannot be applied is 400 naming the `rule.` field. Whether the type is paid once per ' +
      'incident comes from the claim type, not from the request.\n\n' +
      'Two entries of one type may not be in force on the same day: an overlap is refused by the database (409 `benefit-schedule-overlap`); end the ' +
      'current entry first (`POST /admin/benefit-schedules/{id}/end`). Claims take the amount of the entry in force on their incident date when they are filed; ' +
      'claims already filed keep theirs. Audited. Not idempotent, but a repeat overlaps the first and is refused.',
  })
  @ApiCreatedResponse({ type: BenefitScheduleView, description: 'The entry added.' })
  @ApiProblems({ 409: ['benefit-schedule-overlap'] })
  createSchedule(@Body() dto: CreateBenefitScheduleDto, @CurrentActor() actor: Actor): Promise<BenefitScheduleView> {
    return this.schedules.create({ ...dto, rule: dto.rule as unknown as StoredRule }, actor);
  }

  /** Ends an entry on `validTo` (today or later), so that a new one can follow it. */
  @Post('admin/benefit-schedules/:id/end')
  @Roles('admin')
  @HttpCode(200)
  @ApiOperation({
    summary: 'End a benefit schedule entry',
    description:
      'Sets the last incident date an entry applies to, so that a new entry can follow it. `validTo` must be today (the local date of the home ' +
      "jurisdiction) or later and not before the entry's first day (else 400 naming `validTo`): the past is never rewritten. An entry may only be " +
      'shortened: one already ending on or before `validTo` is 409 `benefit-schedule-already-ended` (to extend the figure, add a new entry). ' +
      'Claims already filed keep their amounts. Audited.',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: "The benefit schedule entry's id." })
  @ApiOkResponse({ type: BenefitScheduleView, description: 'The entry with its new last day.' })
  @ApiProblems({ 409: ['benefit-schedule-already-ended'] })
  endSchedule(@Param('id', ParseUUIDPipe) id: string, @Body() dto: EndBenefitScheduleDto, @CurrentActor() actor: Actor): Promise<BenefitScheduleView> {
    return this.schedules.end(id, dto.validTo, actor);
  }

  @Get('welfare/benefit-schedules')
  @Authenticated()
  @ApiOperation({
    summary: 'List the benefit schedule',
    description:
      'Every entry of the benefit schedule, past, current and future, by claim type, then the latest first day first. Not paged (a few entries per claim type). ' +
      'A claim is priced by the entry of its type in force on its incident date.',
  })
  @ApiOkResponse({ type: [BenefitScheduleView], description: 'The entries.' })
  listSchedules(): Promise<BenefitScheduleView[]> {
    return this.schedules.list();
  }

  @Get('welfare/claim-types')
  @Authenticated()
  @ApiOperation({
    summary: 'List the claim types and their document checklists',
    description:
      'Every type of welfare claim with the documents a claim of it needs: `documents` when the member claims, `beneficiaryDocuments` when a named beneficiary does ' +
      "(the same list plus the claimant's identity document and proof of relationship). What to gather before filing: a filed claim carries its own `checklist`, " +
      'and the officer requests what is missing. The same for every caller; not paged (ten types).',
  })
  @ApiOkResponse({ type: [ClaimTypeView], description: 'The claim types, in a fixed order.' })
  listClaimTypes(): ClaimTypeView[] {
    return claimTypeViews();
  }

  /** Files a claim: the member (from their own account), or a welfare officer for the member or a beneficiary. Eligibility and the scheduled amount are computed and shown. */
  @Post('welfare/claims')
  @Roles('worker', 'welfare_officer')
  @ApiOperation({
    summary: 'File a welfare claim',
    description:
      'Files a claim on the welfare fund: by the member from their own account, or by a welfare officer for the member or a beneficiary (with `beneficiary`). ' +
      "The beneficiary's name and identity number and the payout details are encrypted at rest; only officers see them back.\n\n" +
      '**Who may file from a worker account.** The member: a contribution must have been paid for a placement with this passport number whose worker ' +
      "is the caller's account (the agency links it through the worker's email), and `workerName` must match the name they were placed under (case, " +
      "accents, punctuation and word order aside). Or a beneficiary named on the member's register (`GET /welfare/members/{passport}/beneficiaries`) " +
      "whose entry carries the caller's account address, with `beneficiary.name` and `beneficiary.idNumber` matching the entry and `workerName` the member's. " +
      'Every refusal is the same 404 `not-found` that a passport number without a membership gets, checked before anything else about the passport number ' +
      'is read: the answer never tells whether another person is a member, has named beneficiaries or has been paid.\n\n' +
      "**An officer** files for anyone, but the worker's name must match the member's when the passport number has a membership (422 `member-name-mismatch`) " +
      "and a `beneficiary` must be on the member's register (422 `not-a-named-beneficiary`).\n\n" +
      'On filing, and kept on the claim: **eligibility**, check by check (membership active on the incident date; filed within `WELFARE_FILING_WINDOW_DAYS`, ' +
      '365, of the incident; for one-time types, no claim of the same group already paid for the same incident). An ineligible claim is still filed, ' +
      'and shows why. **The scheduled amount**, from the benefit schedule entry of the type in force on the incident date (null when none applies): ' +
      "a reimbursement needs `claimedMinor` (in the schedule's currency), a partial disability `degreePercent`, else 400 naming the field. " +
      'An incident date in the future is 400.\n\n' +
      'The claim gets a reference `WC-<year>-<serial>-<check digit>` and state `submitted`; its decision is due in `WELFARE_DECISION_DAYS` (30) calendar days ' +
      '(`decisionDue`). The filer is mailed an acknowledgement in their `language` (nobody when an officer files). Audited. Not idempotent: each call files a new claim.',
  })
  @ApiCreatedResponse({ type: ClaimView, description: 'The claim filed, with its eligibility, scheduled amount and document checklist.' })
  @ApiProblems({ 404: ['not-found'], 422: ['member-name-mismatch', 'not-a-named-beneficiary'] })
  fileClaim(@Body() dto: FileClaimDto, @CurrentActor() actor: Actor): Promise<ClaimView> {
    return this.claims.file(dto, actor);
  }

  /** Officers: every claim; a worker or beneficiary: the claims they filed. */
  @Get('welfare/claims')
  @Roles('worker', ...OFFICERS)
  @ApiOperation({
    summary: 'List welfare claims',
    description:
      'Welfare officers and supervisors: every claim. A worker (or beneficiary): only the claims they filed from their account. Filter by `state` and ' +
      "`claimType`; newest filing first, paged (`page`, `pageSize`). The list never carries the beneficiary's identity or the payout details " +
      '(read one claim for those).',
  })
  @ApiOkResponse({ type: PageOf(ClaimView), description: 'One page of claims, newest first.' })
  listClaims(@Query() q: ClaimQuery, @CurrentActor() actor: Actor): Promise<Page<ClaimView>> {
    return this.claims.list(q, actor);
  }

  @Get('welfare/claims/:id')
  @Roles('worker', ...OFFICERS)
  @ApiOperation({
    summary: 'Read a welfare claim',
    description:
      "One claim, with its eligibility, amounts, checklist, the documents asked for, the decision's due time and `nextStep` in the claimant's language. " +
      "A worker or beneficiary may read only the claims they filed (another's is 404, never told apart from a missing one). Officers and supervisors " +
      'also get the beneficiary and the payout details, decrypted: each such read is audited (`welfare.claim.details-viewed`).',
  })
  @ApiParam({ name: 'id', format: 'uuid', description: "The claim's id." })
  @ApiOkResponse({ type: ClaimView, description: 'The claim.' })
  @ApiProblems({ 400: ['bad-request'] })
  getClaim(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<ClaimView> {
    return this.claims.get(id, actor);
  }

  /** One move of the claim lifecycle. `disburse` needs an Idempotency-Key: the same key again answers the first and writes nothing. */
  @Post('welfare/claims/:id/actions/:action')
  @Roles(...CLAIM_LIFECYCLE.everyoneAmong(MINISTRY_ROLES))
  @HttpCode(200)
  @ApiOperation({
    summary: 'Move a welfare claim through its lifecycle',
    description:
      "One move of the claim lifecycle, with the claim's `version` as last read (a stale one is 409 `stale-version`). " +
      'A move the current state does not allow is 409 `transition-not-allowed` (with `allowedActions`); one whose condition is unmet is 409 ' +
      '`transition-condition-unmet` (with `condition`).\n\n' +
      '- `take`: submitted → under_review.\n' +
      '- `request-documents` (`documents`: checklist codes): under_review → documents_requested; **the decision deadline pauses**; the filer is mailed the list.\n' +
      '- `documents-received`: back to under_review; the deadline resumes, its due time moved later by the paused time.\n' +
      '- `approve`: under_review → approved, at `approvedMinor` or the scheduled amount. A claim outside eligibility needs a supervisor, an `exceptionReason` ' +
      'from the list and a `reason` in words (condition `supervisor-required`, `exception-reason-required`, `reason-required`); it is audited with the failed ' +
      'checks and listed by `GET /welfare/reports/eligibility-exceptions`. An amount above the schedule ' +
      '(or with no schedule) needs a supervisor and a `reason`. Books the amount payable in the fund ledger; the deadline is met; the filer is mailed.\n' +
      '- `reject` (`reason`): under_review → rejected; the deadline is met; the filer is mailed the reason.\n' +
      '- `disburse` (`Idempotency-Key` header required): approved → disbursed; pays the approved amount out of the fund. The fund must hold it ' +
      '(409 `fund-insufficient-balance`, nothing written). The same key again answers the claim as it is and writes nothing; the key used for another ' +
      'request is 422 `idempotency-key-reused`.\n' +
      '- `confirm-payment` (`paidReference`): disbursed → paid; the filer is mailed.\n\n' +
      'Each move is audited and bumps `version`. Unknown document codes and a bad approved amount are 400 naming the field.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: false,
    description:
      'Required for `disburse` (1-128 printable ASCII characters; a UUID is best): a retry with the same key pays once. Ignored by the other actions.',
  })
  @ApiOkResponse({ type: ClaimView, description: 'The claim after the move (officer view).' })
  @ApiProblems({
    400: ['idempotency-key-required'],
    409: ['stale-version', 'transition-not-allowed', 'transition-condition-unmet', 'fund-insufficient-balance', 'claim-already-paid'],
    422: ['idempotency-key-reused'],
  })
  actOnClaim(
    @Param() p: ClaimActionParams,
    @Body() dto: ClaimActionDto,
    @Headers('idempotency-key') key: string | undefined,
    @CurrentActor() actor: Actor,
  ): Promise<ClaimView> {
    return this.claims.act(p.id, p.action, { ...dto, ...(p.action === 'disburse' ? { idempotencyKey: idempotencyKeyOf(key) } : {}) }, actor);
  }

  /** Income of the fund other than contributions: appropriations and other income (issue 20). */
  @Post('welfare/fund/income')
  @Roles('finance_officer', 'admin')
  @ApiOperation({
    summary: 'Record income of the welfare fund',
    description:
      'Records money the fund received other than a contribution: an `appropriation` from the state budget, or `other-income` (interest, donations, ' +
      "recoveries), in the fund's currency (another is 400 naming `currency`; nothing is converted), received on a day not in the future. By a finance " +
      "officer or the admin. It is one balanced entry of the fund's double-entry ledger (debit `fund-cash`, credit `appropriations-received` or " +
      '`other-income`), written with the record and its audit entry (`welfare.fund.income-recorded`) in one transaction; the cash is then available for ' +
      'disbursements. The reference is unique (409 `income-reference-taken`).\n\n' +
      '`Idempotency-Key` is required (scoped to the caller): the same key and body again answers the first record with `Idempotent-Replayed: true` and ' +
      'writes nothing; the same key with another body is 422 `idempotency-key-reused`.',
  })
  @ApiHeader({
    name: 'Idempotency-Key',
    required: true,
    description: 'A new unique value (a UUID) per income, 1-128 printable ASCII characters; reuse it only to retry the same request.',
  })
  @ApiCreatedResponse({
    type: FundIncomeView,
    description: 'The income recorded (or, on a retry with the same key and body, the income first recorded).',
    headers: {
      'Idempotent-Replayed': {
        description: '`true` when this answer replays an income recorded earlier with the same Idempotency-Key; absent otherwise.',
        schema: { type: 'string', enum: ['true'] },
      },
    },
  })
  @ApiProblems({ 400: ['idempotency-key-required'], 409: ['income-reference-taken'], 422: ['idempotency-key-reused'] })
  async recordIncome(
    @Body() dto: RecordFundIncomeDto,
    @Headers('idempotency-key') header: string | undefined,
    @CurrentActor() actor: Actor,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<FundIncomeView> {
    const key = idempotencyKeyOf(header);
    const { income, replayed } = await this.incomes.record(dto, key, actor);
    if (replayed) void reply.header('Idempotent-Replayed', 'true');
    return income;
  }

  @Get('welfare/fund/income')
  @Roles('finance_officer', 'admin', ...OFFICERS)
  @ApiOperation({
    summary: "List the welfare fund's income",
    description:
      'Appropriations and other income recorded, the latest day received first, paged (`page`, `pageSize`), each with its ledger entry. Contributions are listed per member (`GET /welfare/members/{passport}`).',
  })
  @ApiOkResponse({ type: PageOf(FundIncomeView), description: 'One page of income records.' })
  listIncome(@Query() q: PageQuery): Promise<Page<FundIncomeView>> {
    return this.incomes.list(q);
  }

  /** The fund's position, derived from its ledger. */
  @Get('welfare/fund')
  @Roles(...OFFICERS, 'finance_officer', 'admin')
  @ApiOperation({
    summary: "Show the welfare fund's position",
    description:
      "The fund's position, summed from its double-entry ledger at the time of the request: cash held, contributions, appropriations and other income " +
      "received, benefits approved, payables (approved, not yet disbursed: the fund's obligations) and what is uncommitted (cash minus payables). Amounts are minor units of the fund's currency (`WELFARE_FUND_CURRENCY`) as decimal strings. " +
      'For the cash day by day, see `GET /welfare/reports/fund-balance`.',
  })
  @ApiOkResponse({ type: FundPositionView, description: "The fund's position." })
  fundPosition(): Promise<FundPositionView> {
    return this.ledger.position();
  }
}
