import { Controller, Post, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ROUTES } from '../routes';
import { ApiSessions } from './api-sessions';

/** Sign-out: ends the API session and the web session, then back to the start page. */
@Controller()
export class SignOutController {
  constructor(private readonly sessions: ApiSessions) {}

  @Post(ROUTES.signOut)
  async signOut(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    await this.sessions.signOut(request, reply);
    void reply.redirect(ROUTES.home, 303);
  }
}
