import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LOCALES, LOCALE_INFO, isLocale } from '@app/i18n';
import type { WebConfig } from '../config/web-config';
import { rememberLocale } from '../i18n/locale.hook';
import { ROUTES, safeReturnPath } from '../routes';
import { WEB_CONFIG } from '../web.tokens';

interface LanguageForm {
  lang?: unknown;
  returnTo?: unknown;
}

/**
 * "Choose your language" as a form, for whoever prefers a page to the links in the header: the
 * choice is remembered in the language cookie, then Post/Redirect/Get back to where they were.
 */
@Controller(ROUTES.language)
export class LanguageController {
  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {}

  @Get()
  show(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('returnTo') returnTo?: string): void {
    reply.view('pages/language.njk', this.model(request.locale, safeReturnPath(returnTo)));
  }

  @Post()
  choose(@Body() body: LanguageForm, @Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const returnTo = safeReturnPath(body?.returnTo);
    if (!isLocale(body?.lang)) {
      // Nothing checked while the page says "choose one".
      reply.status(400).view('pages/language.njk', { ...this.model(null, returnTo), error: true });
      return;
    }
    rememberLocale(reply, body.lang, this.config.production);
    void reply.redirect(returnTo, 303);
  }

  private model(current: string | null, returnTo: string) {
    return {
      returnTo,
      options: LOCALES.map((code) => ({ value: code, text: LOCALE_INFO[code].name, checked: code === current, lang: code })),
    };
  }
}
