import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page } from '@app/common';
import { Actor, ActorContext, AssignRolesDto, CreateUserDto, DisableUserDto, ListUsersQuery, Roles, UserView, UsersService } from '@app/auth';

@ApiTags('admin: users')
@ApiBearerAuth()
@Roles('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(@Body() dto: CreateUserDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.create(dto, actor);
  }

  @Get()
  list(@Query() query: ListUsersQuery): Promise<Page<UserView>> {
    return this.users.list(query);
  }

  @Get(':id')
  get(@Param('id', ParseUUIDPipe) id: string): Promise<UserView> {
    return this.users.get(id);
  }

  /** Disables the account and ends all its sessions at once. */
  @Post(':id/disable')
  @HttpCode(200)
  disable(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DisableUserDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.setActive(id, false, dto.reason, actor);
  }

  @Post(':id/enable')
  @HttpCode(200)
  enable(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.setActive(id, true, undefined, actor);
  }

  /** Replaces the account's roles (and agency, for agency roles); all its sessions end. */
  @Put(':id/roles')
  assignRoles(@Param('id', ParseUUIDPipe) id: string, @Body() dto: AssignRolesDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.assignRoles(id, dto, actor);
  }
}
