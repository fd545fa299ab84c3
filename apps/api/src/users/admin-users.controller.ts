import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Actor, Page, PageOf } from '@app/common';
import { AssignRolesDto, CreateUserDto, DisableUserDto, ListUsersQuery, Roles, UserView, UsersService, CurrentActor } from '@app/auth';
import { ApiProblems } from '../openapi/api-problems.decorator';

const USER_ID = ApiParam({ name: 'id', format: 'uuid', description: "The account's id." });

@ApiTags('admin: users')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  @ApiOperation({
    summary: 'Create an account with any roles',
    description:
      'Creates an account with the given roles. Role rules: agency roles (`agency_admin`, `agency_staff`) never mix with ministry or worker roles, ' +
      'a `worker` account holds no other role, and `agencyId` is required with agency roles (naming a registered agency) and refused with the others: ' +
      'each broken rule is a 400 `validation-failed` naming the field. An email that already has an account is a 409 `email-taken`. The password ' +
      'must keep the password rules. Audited (`user.created`).',
  })
  @ApiCreatedResponse({ type: UserView, description: 'The new account.' })
  @ApiProblems({ 409: ['email-taken'] })
  create(@Body() dto: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.create(dto, actor);
  }

  @Get()
  @ApiOperation({
    summary: 'List accounts',
    description: 'Every account, newest first, filtered by role, agency and whether it is enabled (filters combine); paginated with `page` and `pageSize`.',
  })
  @ApiOkResponse({ type: PageOf(UserView), description: 'One page of accounts, newest first.' })
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  @USER_ID
  @ApiOperation({ summary: 'Read an account', description: 'One account by its id.' })
  @ApiOkResponse({ type: UserView, description: 'The account.' })
  @ApiProblems({ 400: ['bad-request'] })
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  /** Disables the account and ends all its sessions at once. */
  @Post(':id/disable')
  @HttpCode(200)
  @USER_ID
  @ApiOperation({
    summary: 'Disable an account',
    description:
      'Disables the account and ends all its sessions at once: its tokens stop working on the next request, and it can no longer sign in. ' +
      'Disabling an already disabled account changes nothing and answers it as it is. You cannot disable your own account (409 `cannot-disable-self`). ' +
      'Audited (`user.disabled`, with the reason).',
  })
  @ApiOkResponse({ type: UserView, description: 'The account, now disabled.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['cannot-disable-self'] })
  disable(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DisableUserDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.setActive(id, false, dto.reason, actor);
  }

  @Post(':id/enable')
  @HttpCode(200)
  @USER_ID
  @ApiOperation({
    summary: 'Enable a disabled account',
    description: 'Lets a disabled account sign in again (its old sessions stay ended). Enabling an enabled account changes nothing. Audited (`user.enabled`).',
  })
  @ApiOkResponse({ type: UserView, description: 'The account, now enabled.' })
  @ApiProblems({ 400: ['bad-request'] })
  enable(@Param('id', ParseUUIDPipe) id: string, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.setActive(id, true, undefined, actor);
  }

  /** Replaces the account's roles (and agency, for agency roles); all its sessions end. */
  @Put(':id/roles')
  @USER_ID
  @ApiOperation({
    summary: "Replace an account's roles",
    description:
      "Replaces the account's roles, and its agency (required with agency roles, refused with the others), under the same rules as creation " +
      '(400 `validation-failed` naming the field). Every session of the account ends at once: the new roles apply from its next sign-in. ' +
      'You cannot remove your own `admin` role (409 `cannot-demote-self`). Audited (`user.roles.changed`, from and to).',
  })
  @ApiOkResponse({ type: UserView, description: 'The account with its new roles.' })
  @ApiProblems({ 400: ['bad-request'], 409: ['cannot-demote-self'] })
  assignRoles(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignRolesDto, @CurrentActor() actor: Actor): Promise<UserView> {
    return this.users.assignRoles(id, dto, actor);
  }
}
