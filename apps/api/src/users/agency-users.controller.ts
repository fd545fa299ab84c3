import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, Page, PageOf, PageQuery } from '@app/common';
import { DisableUserDto, InvitationSentView, InvitationsService, InviteAgencyStaffDto, Roles, UserView, UsersService, CurrentActor } from '@app/auth';
import { ApiProblems } from '../openapi/api-problems.decorator';

const USER_ID = ApiParam({ name: 'id', format: 'uuid', description: "The account's id (an account of another agency is not found)." });

/** An agency's own accounts. Another agency's accounts are "not found". */
@ApiTags('agency: users')
@ApiBearerAuth()
@Controller('agency/users')
export class AgencyUsersController {
  constructor(
    private readonly users: UsersService,
    private readonly invitations: InvitationsService,
  ) {}

  @Get()
  @Roles('agency_admin', 'agency_staff')
  @ApiOperation({
    summary: "List your agency's accounts",
    description: "The accounts of the caller's agency (admins and staff), newest first; paginated with `page` and `pageSize`.",
  })
  @ApiOkResponse({ type: PageOf(UserView), description: "One page of your agency's accounts, newest first." })
  list(@Query() query: PageQuery, @CurrentActor() actor: Actor): Promise<Page<UserView>> {
    return this.users.list(query, actor.agencyId!);
  }

  @Get(':id')
  @Roles('agency_admin', 'agency_staff')
  @USER_ID
  @ApiOperation({
    summary: "Read one of your agency's accounts",
    description: "One account of the caller's agency; an account of another agency, or of none, is a 404.",
  })
  @ApiOkResponse({ type: UserView, description: 'The account.' })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.get(id, actor.agencyId!);
  }

  /** Invites someone to an `agency_staff` account of the caller's agency (the only role an agency admin may grant); they accept by mail. */
  @Post()
  @Roles('agency_admin')
  @HttpCode(202)
  @ApiOperation({
    summary: 'Invite a staff member to your agency',
    description:
      "Mails an invitation to an `agency_staff` account of the caller's agency (the only role an agency admin may grant; the body has no role, agency " +
      'or password field, and sending one is a 400), in the language given (`en` when left out). The account is created only when the owner of the ' +
      'address accepts (`POST /auth/invitations/accept`, within `AUTH_INVITATION_TTL_DAYS`, default 7) and chooses a password, so an invitation never ' +
      'takes an address from anyone. The answer is the same 202 whether or not the address already has an account anywhere (then nothing is mailed). ' +
      'Audited (`user.invited`, or `user.invitation.not-sent` with a digest of the email).',
  })
  @ApiAcceptedResponse({ type: InvitationSentView, description: 'Accepted; the same answer whether or not the address already has an account.' })
  create(@Body() dto: InviteAgencyStaffDto, @CurrentActor() actor: Actor): Promise<InvitationSentView> {
    return this.invitations.inviteAgencyStaff(dto, actor);
  }

  @Post(':id/disable')
  @Roles('agency_admin')
  @HttpCode(200)
  @USER_ID
  @ApiOperation({
    summary: 'Disable a staff account of your agency',
    description:
      "Disables an `agency_staff` account of the caller's agency and ends all its sessions at once. Other agencies' accounts, and agency admin " +
      'accounts (your own among them), are a 404. Disabling an already disabled account changes nothing. ' +
      'Audited (`user.disabled`, with the reason).',
  })
  @ApiOkResponse({ type: UserView, description: 'The account, now disabled.' })
  @ApiProblems({ 400: ['bad-request'] })
  disable(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DisableUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.setActive(id, false, dto.reason, actor, actor.agencyId!);
  }
}
