import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Page, PageQuery } from '@app/common';
import { Actor, ActorContext, CreateAgencyStaffDto, DisableUserDto, Roles, UserView, UsersService } from '@app/auth';

/** An agency's own accounts. Another agency's accounts are "not found". */
@ApiTags('agency: users')
@ApiBearerAuth()
@Controller('agency/users')
export class AgencyUsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @Roles('agency_admin', 'agency_staff')
  list(@Query() query: PageQuery, @Actor() actor: ActorContext): Promise<Page<UserView>> {
    return this.users.list(query, actor.user!.agencyId!);
  }

  @Get(':id')
  @Roles('agency_admin', 'agency_staff')
  get(@Param('id', ParseUUIDPipe) id: string, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.get(id, actor.user!.agencyId!);
  }

  /** Adds an `agency_staff` account to the caller's agency (the only role an agency admin may grant). */
  @Post()
  @Roles('agency_admin')
  create(@Body() dto: CreateAgencyStaffDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.createAgencyStaff(dto, actor);
  }

  @Post(':id/disable')
  @Roles('agency_admin')
  @HttpCode(200)
  disable(@Param('id', ParseUUIDPipe) id: string, @Body() dto: DisableUserDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.setActive(id, false, dto.reason, actor, actor.user!.agencyId!);
  }
}
