import { Body, Controller, Get, HttpCode, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthService, Authenticated, ChangePasswordDto, MeView, UpdateMeDto, UsersService, CurrentActor } from '@app/auth';
import type { Actor } from '@app/common';
import { ApiProblems } from '../openapi/api-problems.decorator';

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
  @ApiOperation({
    summary: 'Read your own account',
    description:
      "The signed-in person's account: email, display name, preferred language, phone, roles, agency (for agency accounts) and since when it exists.",
  })
  @ApiOkResponse({ type: MeView, description: 'Your account.' })
  me(@CurrentActor() actor: Actor): Promise<MeView> {
    return this.users.me(actor);
  }

  /** Display name, preferred language (the language of every message sent to you) and phone. */
  @Patch()
  @ApiOperation({
    summary: 'Change your display name, preferred language or phone',
    description:
      'Changes the fields sent and leaves the others as they are (an empty body changes nothing). The preferred language is the language of every ' +
      'message sent to you from then on. The phone is stored encrypted and shown only to you; null removes it. ' +
      'Audited (`user.profile.updated`: which fields changed, never the name or the phone itself).',
  })
  @ApiOkResponse({ type: MeView, description: 'Your account as it now is.' })
  update(@Body() dto: UpdateMeDto, @CurrentActor() actor: Actor): Promise<MeView> {
    return this.users.updateMe(dto, actor);
  }

  /** Changes your password and signs out every other session of yours. */
  @Post('password')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Change your password',
    description:
      'Needs the current password (a wrong one is a 400 `wrong-current-password` naming `currentPassword`, audited as `user.password.change.refused`). ' +
      'Wrong current passwords are limited as sign-in attempts are, per window (`AUTH_LOGIN_WINDOW_SECONDS`): per account (`AUTH_LOGIN_LIMIT_PER_ACCOUNT`) and per ' +
      'client address (`AUTH_LOGIN_LIMIT_PER_IP`); a right one does not count. Past a limit every attempt, right or wrong, is a 429 `too-many-requests` with ' +
      '`Retry-After` (also `retryAfter`) until the window ends. The new password must keep the password rules (otherwise 400 `validation-failed` naming ' +
      '`newPassword` and the rule: `minLength`, `maxLength`, `notOnlyWhitespace`, `minNonWhitespace`, `notDemoPassword`, `notEmail` or `notCommon`). ' +
      'Every other session of yours ends at once; the one making the call stays signed in. Audited (`user.password.changed`).',
  })
  @ApiNoContentResponse({ description: 'Changed; your other sessions have ended.' })
  @ApiProblems({ 400: ['wrong-current-password'], 429: ['too-many-requests'] })
  async changePassword(@Body() dto: ChangePasswordDto, @CurrentActor() actor: Actor): Promise<void> {
    await this.auth.changePassword(dto.currentPassword, dto.newPassword, actor);
  }
}
