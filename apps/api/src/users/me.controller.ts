import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { Actor, ActorContext, AuthService, Authenticated, ChangePasswordDto, UpdateMeDto, UserView, UsersService } from '@app/auth';

@ApiTags('me')
@ApiBearerAuth()
@Authenticated()
@Controller('me')
export class MeController {
  constructor(
    private readonly users: UsersService,
    private readonly auth: AuthService,
  ) {}

  @Get()
  me(@Actor() actor: ActorContext): Promise<UserView> {
    return this.users.me(actor);
  }

  /** Display name and preferred language (the language of every message sent to you). */
  @Patch()
  update(@Body() dto: UpdateMeDto, @Actor() actor: ActorContext): Promise<UserView> {
    return this.users.updateMe(dto, actor);
  }

  /** Changes your password and signs out every other session of yours. */
  @Post('password')
  @HttpCode(204)
  async changePassword(@Body() dto: ChangePasswordDto, @Actor() actor: ActorContext): Promise<void> {
    await this.auth.changePassword(dto.currentPassword, dto.newPassword, actor);
  }
}
