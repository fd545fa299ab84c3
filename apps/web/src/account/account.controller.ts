/**
 * The worker's account: creating it, the mailed links, signing in, and the account's own page.
 *
 *   GET/POST /sign-in                      email and password; then back to `returnTo` (a path of
 *                                          this site) or the account page
 *   GET/POST /account/register             name, email, password, language: POST /auth/register,
 *                                          then "check your email" (the account exists once the
 *                                          mailed link is opened)
 *   GET      /account/verify-email?token=  the mailed link: the token is moved into the session
 *   GET/POST /account/verify-email         and the address bar is cleaned (303 to the path without
 *   (likewise reset-password, invitation)  it); the form then asks for the password and posts the
 *                                          token from the session (POST /auth/verify-email...)
 *   GET/POST /account/forgot-password      the address: POST /auth/password-reset
 *   GET      /account                      the account (GET /me); changes at /account/details
 *   GET/POST /account/details, /password   (PATCH /me, POST /me/password)
 *
 * A link's token never appears in a log line (the request log keeps the path only), in a page, or
 * in the address bar after the first answer, and every page here answers `Referrer-Policy:
 * no-referrer`, so the link is not handed to another site either.
 */
import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, Inject, Post, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { isProblem } from '@app/api-client';
import type { Problem } from '@app/api-client';
import { LOCALES, LOCALE_INFO, Locale, MessageKey, Translate, translator } from '@app/i18n';
import { ApiClientFactory } from '../api/api-client.factory';
import type { WebConfig } from '../config/web-config';
import { rememberLocale } from '../i18n/locale.hook';
import { ROUTES, safeReturnPath } from '../routes';
import { ApiSessions } from '../session/api-sessions';
import { isStaffRole } from '../staff/staff-navigation';
import { retryAfterSeconds, retryText } from '../tracking/tracking.controller';
import { WEB_CONFIG } from '../web.tokens';
import { FormOnce, ONCE_FIELD } from './form-once';
import {
  AccountField,
  FieldErrors,
  errorList,
  fieldErrorsOf,
  readChangePassword,
  readDetails,
  readEmailOnly,
  readPassword,
  readRegister,
  readSignIn,
} from './account-forms';
import { takeShownOnce } from '../session/shown-once';

/** The kinds of mailed link, the page each opens and what it posts. */
export type LinkKind = 'verify' | 'reset' | 'invitation';
const LINK_PATH: Record<LinkKind, string> = { verify: ROUTES.accountVerifyEmail, reset: ROUTES.accountResetPassword, invitation: ROUTES.accountInvitation };
/** A link's token as the API writes it (256 random bits, base64url). */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

/** Shown once on the next page (Post/Redirect/Get). */
export type AccountNotice = 'verified' | 'invited' | 'passwordReset' | 'detailsSaved' | 'passwordChanged';

declare module 'fastify' {
  interface Session {
    /** The mailed link being opened on this device: its kind and token (never sent to the browser). */
    accountLink?: { kind: LinkKind; token: string };
    accountNotice?: AccountNotice;
    /** The address a registration or password reset was asked for, for the "check your email" page. */
    accountSentTo?: string;
  }
}

interface FieldSpec {
  kind: 'input' | 'radios';
  name: AccountField;
  type?: 'text' | 'email' | 'password' | 'tel';
  label: string;
  hint?: string;
  value?: string;
  autocomplete?: string;
  width?: string;
  error?: string;
  items?: { value: string; text: string; checked: boolean; label: { attributes: { lang: string } } }[];
}

interface FormPage {
  title: string;
  action: string;
  intro?: string[];
  fields: FieldSpec[];
  submit: string;
  hidden?: Record<string, string>;
  links?: { before?: string; text: string; href: string }[];
  banner?: { title: string; text: string } | null;
  tooMany?: string | null;
  refused?: string | null;
}

type ApiAnswer = { response: Response; error?: unknown };

@Controller()
export class AccountController {
  constructor(
    private readonly clients: ApiClientFactory,
    private readonly sessions: ApiSessions,
    @Inject(WEB_CONFIG) private readonly config: WebConfig,
    private readonly once: FormOnce,
  ) {}

  // ---------------------------------------------------------------------------------------------
  // Sign in

  @Get(ROUTES.signIn)
  async signInForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('returnTo') returnTo?: unknown): Promise<void> {
    const back = safeReturnPath(returnTo, ROUTES.account);
    if (this.sessions.isSignedIn(request)) return void reply.redirect(back, 303);
    const notice = await this.takeNotice(request);
    this.renderSignIn(request, reply, 200, {
      returnTo: back,
      banner: notice === 'passwordReset' ? { title: 'account.signIn.passwordResetTitle', text: 'account.signIn.passwordReset' } : null,
    });
  }

  @Post(ROUTES.signIn)
  async signIn(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const returnTo = safeReturnPath((body as Record<string, unknown> | null)?.returnTo, ROUTES.account);
    const form = readSignIn(body);
    if (!form.ok) return this.renderSignIn(request, reply, 400, { returnTo, email: form.value.email, errors: form.errors });
    const answer = await this.sessions.signIn(request, form.value);
    if (answer.ok) return void reply.redirect(await this.landing(request, returnTo), 303);
    if (answer.status === 429)
      return this.renderSignIn(request, reply, 429, { returnTo, email: form.value.email, tooMany: this.tooMany(request, null, answer.problem) });
    if (answer.status === 401 || answer.status === 400) {
      return this.renderSignIn(request, reply, 400, {
        returnTo,
        email: form.value.email,
        errors: { email: 'account.signIn.wrong', password: 'account.signIn.wrong' },
      });
    }
    throw new Error(`POST /auth/login answered ${answer.status}`);
  }

  /** Where a sign-in lands when no page asked for it: an agency's people on their agency's home (issue 22), others on their account. */
  private async landing(request: FastifyRequest, returnTo: string): Promise<string> {
    if (returnTo !== ROUTES.account) return returnTo;
    const { data } = await this.sessions.forRequest(request).client.GET('/me');
    // Without a page to go back to: agency users land on their portal, ministry staff on their workbench.
    if (data?.roles.some((r) => r === 'agency_admin' || r === 'agency_staff')) return ROUTES.agencyPortal;
    if (data?.roles.some(isStaffRole)) return ROUTES.staff;
    return returnTo;
  }

  private renderSignIn(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    s: { returnTo: string; email?: string; errors?: FieldErrors; tooMany?: string; banner?: { title: MessageKey; text: MessageKey } | null },
  ): void {
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    // The same message for both fields is said once in the summary.
    const list = errorList(errors, t).filter((e, i, all) => all.findIndex((o) => o.text === e.text) === i);
    this.renderForm(reply, status, list, {
      title: t('account.signIn.title'),
      action: ROUTES.signIn,
      intro: [t('account.signIn.intro')],
      hidden: { returnTo: s.returnTo },
      fields: [
        this.input(t, errors, 'email', 'email', { value: s.email, autocomplete: 'email' }),
        this.input(t, errors, 'password', 'password', { autocomplete: 'current-password' }),
      ],
      submit: t('account.signIn.submit'),
      banner: s.banner ? { title: t(s.banner.title), text: t(s.banner.text) } : null,
      tooMany: s.tooMany,
      links: [
        { text: t('account.signIn.forgot'), href: ROUTES.accountForgotPassword },
        { before: t('account.signIn.noAccount'), text: t('account.signIn.register'), href: ROUTES.accountRegister },
      ],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Register

  @Get(ROUTES.accountRegister)
  registerForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    if (this.sessions.isSignedIn(request)) return void reply.redirect(ROUTES.account, 303);
    this.renderRegister(request, reply, 200, { language: request.locale });
  }

  @Post(ROUTES.accountRegister)
  register(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Sent twice (a double click): one registration, one mail; the second send sees the same page.
    return this.once.run(request, reply, 'accountSentTo', () => this.registerOnce(body, request, reply));
  }

  private async registerOnce(body: unknown, request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const form = readRegister(body);
    if (!form.ok) return this.renderRegister(request, reply, 400, { ...form.value, errors: form.errors });
    const { name, email, password, language } = form.value;
    const api = this.clients.forRequest(request);
    const answer = await api.POST('/auth/register', { body: { email, password, displayName: name, preferredLanguage: language } });
    if (answer.response.ok) {
      request.session.accountSentTo = email;
      await request.session.save();
      return void reply.redirect(ROUTES.accountRegisterSent, 303);
    }
    const refusal = this.refusal(request, answer, 'newPassword');
    return this.renderRegister(request, reply, refusal.status, { ...form.value, ...refusal });
  }

  private renderRegister(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    s: { name?: string; email?: string; language?: Locale; errors?: FieldErrors; tooMany?: string; refused?: string },
  ): void {
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    this.renderForm(reply, status, errorList(errors, t), {
      title: t('account.register.title'),
      action: ROUTES.accountRegister,
      intro: [t('account.register.intro')],
      fields: [
        this.input(t, errors, 'name', 'text', { value: s.name, autocomplete: 'name', hint: t('account.fields.name.hint') }),
        this.input(t, errors, 'email', 'email', { value: s.email, autocomplete: 'email' }),
        this.input(t, errors, 'newPassword', 'password', { autocomplete: 'new-password', hint: t('account.fields.newPassword.hint') }),
        this.languages(t, errors, s.language),
      ],
      submit: t('account.register.submit'),
      hidden: { [ONCE_FIELD]: randomUUID() },
      tooMany: s.tooMany,
      refused: s.refused,
      links: [{ before: t('account.register.haveAccount'), text: t('account.register.signIn'), href: ROUTES.signIn }],
    });
  }

  @Get(ROUTES.accountRegisterSent)
  registerSent(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const t = translator(request.locale);
    const email = request.session?.accountSentTo;
    reply.view('account/message.njk', {
      page: {
        title: t('account.registerSent.title'),
        paragraphs: [
          email ? t('account.registerSent.sent', { email }) : t('account.registerSent.sentNoEmail'),
          t('account.registerSent.next'),
          t('account.registerSent.notArrived'),
        ],
        links: [{ text: t('account.registerSent.signIn'), href: ROUTES.signIn }],
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The mailed links

  @Get(ROUTES.accountVerifyEmail)
  async verifyForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('token') token?: unknown): Promise<void> {
    await this.openLink(request, reply, 'verify', token);
  }

  @Post(ROUTES.accountVerifyEmail)
  async verify(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const link = this.linkOf(request, 'verify');
    if (!link) return this.renderLinkRefused(request, reply, 'verify');
    const form = readPassword(body, 'password');
    if (!form.ok) return this.renderLinkForm(request, reply, 'verify', 400, { errors: form.errors });
    const answer = await this.clients.forRequest(request).POST('/auth/verify-email', { body: { token: link, password: form.value.password } });
    if (answer.response.ok) {
      await this.sessions.adopt(request, answer.data);
      await this.setNotice(request, 'verified');
      return void reply.redirect(ROUTES.account, 303);
    }
    if (answer.response.status === 401) return this.renderLinkForm(request, reply, 'verify', 400, { errors: { password: 'account.verify.wrong' } });
    return this.linkRefusal(request, reply, 'verify', answer, 'password');
  }

  @Get(ROUTES.accountResetPassword)
  async resetForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('token') token?: unknown): Promise<void> {
    await this.openLink(request, reply, 'reset', token);
  }

  @Post(ROUTES.accountResetPassword)
  async reset(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const link = this.linkOf(request, 'reset');
    if (!link) return this.renderLinkRefused(request, reply, 'reset');
    const form = readPassword(body, 'newPassword');
    if (!form.ok) return this.renderLinkForm(request, reply, 'reset', 400, { errors: form.errors });
    const answer = await this.clients.forRequest(request).POST('/auth/password-reset/confirm', { body: { token: link, newPassword: form.value.password } });
    if (answer.response.ok) {
      // Every session of the account has ended, this browser's too if it was signed in.
      await this.sessions.forget(request);
      request.session.accountLink = undefined;
      await this.setNotice(request, 'passwordReset');
      return void reply.redirect(ROUTES.signIn, 303);
    }
    return this.linkRefusal(request, reply, 'reset', answer, 'newPassword');
  }

  @Get(ROUTES.accountInvitation)
  async invitationForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('token') token?: unknown): Promise<void> {
    await this.openLink(request, reply, 'invitation', token);
  }

  @Post(ROUTES.accountInvitation)
  async acceptInvitation(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const link = this.linkOf(request, 'invitation');
    if (!link) return this.renderLinkRefused(request, reply, 'invitation');
    const form = readPassword(body, 'newPassword');
    if (!form.ok) return this.renderLinkForm(request, reply, 'invitation', 400, { errors: form.errors });
    const answer = await this.clients.forRequest(request).POST('/auth/invitations/accept', { body: { token: link, password: form.value.password } });
    if (answer.response.ok) {
      await this.sessions.adopt(request, answer.data);
      await this.setNotice(request, 'invited');
      return void reply.redirect(ROUTES.account, 303);
    }
    return this.linkRefusal(request, reply, 'invitation', answer, 'newPassword');
  }

  /**
   * A link opened: a token in the query goes into the session and the page answers a redirect to
   * itself without it; without one, the form for the token the session holds (or, none, the page
   * saying the link does not work).
   */
  private async openLink(request: FastifyRequest, reply: FastifyReply, kind: LinkKind, token: unknown): Promise<void> {
    void reply.header('referrer-policy', 'no-referrer');
    if (token !== undefined) {
      if (typeof token === 'string' && TOKEN.test(token)) {
        request.session.accountLink = { kind, token };
        await request.session.save();
        return void reply.redirect(LINK_PATH[kind], 303);
      }
      return this.renderLinkRefused(request, reply, kind);
    }
    if (!this.linkOf(request, kind)) return this.renderLinkRefused(request, reply, kind);
    this.renderLinkForm(request, reply, kind, 200, {});
  }

  private linkOf(request: FastifyRequest, kind: LinkKind): string | null {
    const link = request.session?.accountLink;
    return link && link.kind === kind ? link.token : null;
  }

  /** What the API said of a link other than yes: a used or unknown one ends here; the rest go back to the form. */
  private async linkRefusal(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: LinkKind,
    answer: ApiAnswer,
    passwordField: 'password' | 'newPassword',
  ): Promise<void> {
    const problem = isProblem(answer.error) ? answer.error : null;
    if (answer.response.status === 400 && problem?.code === 'invalid-link') {
      request.session.accountLink = undefined;
      await request.session.save();
      return this.renderLinkRefused(request, reply, kind);
    }
    const refusal = this.refusal(request, answer, passwordField);
    this.renderLinkForm(request, reply, kind, refusal.status, refusal);
  }

  private renderLinkForm(
    request: FastifyRequest,
    reply: FastifyReply,
    kind: LinkKind,
    status: number,
    s: { errors?: FieldErrors; tooMany?: string; refused?: string },
  ): void {
    void reply.header('referrer-policy', 'no-referrer');
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    const page =
      kind === 'verify'
        ? {
            title: t('account.verify.title'),
            intro: [t('account.verify.intro')],
            field: this.input(t, errors, 'password', 'password', { autocomplete: 'current-password' }),
            submit: t('account.verify.submit'),
          }
        : kind === 'reset'
          ? { title: t('account.reset.title'), intro: [t('account.reset.intro')], field: this.newPassword(t, errors), submit: t('account.reset.submit') }
          : {
              title: t('account.invitation.title'),
              intro: [t('account.invitation.intro')],
              field: this.newPassword(t, errors),
              submit: t('account.invitation.submit'),
            };
    this.renderForm(reply, status, errorList(errors, t), {
      title: page.title,
      action: LINK_PATH[kind],
      intro: page.intro,
      fields: [page.field],
      submit: page.submit,
      tooMany: s.tooMany,
      refused: s.refused,
    });
  }

  private renderLinkRefused(request: FastifyRequest, reply: FastifyReply, kind: LinkKind): void {
    const t = translator(request.locale);
    void reply.header('referrer-policy', 'no-referrer');
    const page =
      kind === 'verify'
        ? {
            title: t('account.verify.invalidTitle'),
            paragraphs: [t('account.linkRefused'), t('account.verify.invalidRegister')],
            links: [{ text: t('account.verify.register'), href: ROUTES.accountRegister }],
          }
        : kind === 'reset'
          ? {
              title: t('account.reset.invalidTitle'),
              paragraphs: [t('account.linkRefused')],
              links: [{ text: t('account.reset.again'), href: ROUTES.accountForgotPassword }],
            }
          : { title: t('account.invitation.invalidTitle'), paragraphs: [t('account.linkRefused'), t('account.invitation.invalidText')], links: [] };
    void reply.status(400);
    reply.view('account/message.njk', { page });
  }

  // ---------------------------------------------------------------------------------------------
  // Forgot password

  @Get(ROUTES.accountForgotPassword)
  forgotForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.renderForgot(request, reply, 200, {});
  }

  @Post(ROUTES.accountForgotPassword)
  async forgot(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const form = readEmailOnly(body);
    if (!form.ok) return this.renderForgot(request, reply, 400, { email: form.value.email, errors: form.errors });
    const answer = await this.clients.forRequest(request).POST('/auth/password-reset', { body: { email: form.value.email } });
    if (answer.response.ok) {
      request.session.accountSentTo = form.value.email;
      await request.session.save();
      return void reply.redirect(ROUTES.accountForgotSent, 303);
    }
    const refusal = this.refusal(request, answer, 'newPassword');
    this.renderForgot(request, reply, refusal.status, { email: form.value.email, ...refusal });
  }

  private renderForgot(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    s: { email?: string; errors?: FieldErrors; tooMany?: string; refused?: string },
  ): void {
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    this.renderForm(reply, status, errorList(errors, t), {
      title: t('account.forgot.title'),
      action: ROUTES.accountForgotPassword,
      intro: [t('account.forgot.intro')],
      fields: [this.input(t, errors, 'email', 'email', { value: s.email, autocomplete: 'email' })],
      submit: t('account.forgot.submit'),
      tooMany: s.tooMany,
      refused: s.refused,
    });
  }

  @Get(ROUTES.accountForgotSent)
  forgotSent(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const t = translator(request.locale);
    const email = request.session?.accountSentTo;
    reply.view('account/message.njk', {
      page: {
        title: t('account.forgotSent.title'),
        paragraphs: [email ? t('account.forgotSent.sent', { email }) : t('account.forgotSent.sentNoEmail'), t('account.forgotSent.next')],
        links: [{ text: t('account.forgotSent.again'), href: ROUTES.accountForgotPassword }],
      },
    });
  }

  // ---------------------------------------------------------------------------------------------
  // The account page

  @Get(ROUTES.account)
  async home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const { data, response } = await api.GET('/me');
    if (!response.ok || !data) throw new Error(`GET /me answered ${response.status}`);
    const t = translator(request.locale);
    const notice = await this.takeNotice(request);
    const noticeText: Partial<Record<AccountNotice, MessageKey>> = {
      verified: 'account.verify.done',
      invited: 'account.invitation.done',
      detailsSaved: 'account.home.saved',
      passwordChanged: 'account.home.passwordChanged',
    };
    const text = notice ? noticeText[notice] : undefined;
    reply.view('account/home.njk', {
      me: {
        displayName: data.displayName,
        email: data.email,
        phone: data.phone,
        languageName: LOCALE_INFO[data.preferredLanguage].name,
        languageCode: data.preferredLanguage,
      },
      notice: text ? { title: t(notice === 'verified' || notice === 'invited' ? 'account.verify.doneTitle' : 'account.home.savedTitle'), text: t(text) } : null,
      // What a worker's account holds (other accounts' pages are not built here).
      sections: !data.roles.includes('worker')
        ? []
        : [
            { title: t('account.complaints.title'), text: t('account.complaints.sectionText'), href: ROUTES.accountComplaints },
            { title: t('account.placements.title'), text: t('account.placements.sectionText'), href: ROUTES.accountPlacements },
            { title: t('account.welfare.title'), text: t('account.welfare.sectionText'), href: ROUTES.accountWelfare },
          ],
    });
  }

  @Get(ROUTES.accountDetails)
  async detailsForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const { data, response } = await this.sessions.forRequest(request).client.GET('/me');
    if (!response.ok || !data) throw new Error(`GET /me answered ${response.status}`);
    this.renderDetails(request, reply, 200, { name: data.displayName, phone: data.phone ?? '', language: data.preferredLanguage });
  }

  @Post(ROUTES.accountDetails)
  async details(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const form = readDetails(body);
    if (!form.ok) return this.renderDetails(request, reply, 400, { ...form.value, errors: form.errors });
    const { name, phone, language } = form.value;
    const answer = await api.PATCH('/me', { body: { displayName: name, phone: phone || null, preferredLanguage: language } });
    if (answer.response.ok) {
      // The pages follow the language chosen for mail (the language links still change it).
      rememberLocale(reply, language, this.config.production);
      await this.setNotice(request, 'detailsSaved');
      return void reply.redirect(ROUTES.account, 303);
    }
    const refusal = this.refusal(request, answer, 'newPassword');
    this.renderDetails(request, reply, refusal.status, { ...form.value, ...refusal });
  }

  private renderDetails(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    s: { name?: string; phone?: string; language?: Locale; errors?: FieldErrors; tooMany?: string; refused?: string },
  ): void {
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    this.renderForm(reply, status, errorList(errors, t), {
      title: t('account.details.title'),
      action: ROUTES.accountDetails,
      fields: [
        this.input(t, errors, 'name', 'text', { value: s.name, autocomplete: 'name', hint: t('account.fields.name.hint') }),
        this.input(t, errors, 'phone', 'tel', { value: s.phone, autocomplete: 'tel', hint: t('account.fields.phone.hint'), width: 'govuk-input--width-20' }),
        this.languages(t, errors, s.language),
      ],
      submit: t('account.details.submit'),
      tooMany: s.tooMany,
      refused: s.refused,
      links: [{ text: t('account.cancel'), href: ROUTES.account }],
    });
  }

  @Get(ROUTES.accountPassword)
  passwordForm(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    this.sessions.forRequest(request); // signed in, or off to the sign-in page
    this.renderPassword(request, reply, 200, {});
  }

  @Post(ROUTES.accountPassword)
  async changePassword(@Body() body: unknown, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    const api = this.sessions.forRequest(request).client;
    const form = readChangePassword(body);
    if (!form.ok) return this.renderPassword(request, reply, 400, { errors: form.errors });
    const answer = await api.POST('/me/password', { body: form.value });
    if (answer.response.ok) {
      await this.setNotice(request, 'passwordChanged');
      return void reply.redirect(ROUTES.account, 303);
    }
    const problem = isProblem(answer.error) ? answer.error : null;
    if (problem?.code === 'wrong-current-password')
      return this.renderPassword(request, reply, 400, { errors: { currentPassword: 'account.fields.currentPassword.wrong' } });
    this.renderPassword(request, reply, 400, this.refusal(request, answer, 'newPassword'));
  }

  private renderPassword(
    request: FastifyRequest,
    reply: FastifyReply,
    status: number,
    s: { errors?: FieldErrors; tooMany?: string; refused?: string; status?: number },
  ): void {
    const t = translator(request.locale);
    const errors = s.errors ?? {};
    this.renderForm(reply, s.status ?? status, errorList(errors, t), {
      title: t('account.password.title'),
      action: ROUTES.accountPassword,
      fields: [this.input(t, errors, 'currentPassword', 'password', { autocomplete: 'current-password' }), this.newPassword(t, errors)],
      submit: t('account.password.submit'),
      tooMany: s.tooMany,
      refused: s.refused,
      links: [{ text: t('account.cancel'), href: ROUTES.account }],
    });
  }

  // ---------------------------------------------------------------------------------------------
  // Shared

  /**
   * An API refusal of a form as the page shows it: 429 (when to try again), 400 with the fields
   * it names; anything else is the API failing (the error page).
   */
  private refusal(
    request: FastifyRequest,
    answer: ApiAnswer,
    passwordField: 'password' | 'newPassword',
  ): { status: number; errors?: FieldErrors; tooMany?: string; refused?: string } {
    const problem = isProblem(answer.error) ? answer.error : null;
    const status = answer.response.status;
    if (status === 429) return { status, tooMany: this.tooMany(request, answer.response, problem) };
    if (status === 400) {
      const errors = fieldErrorsOf(problem, passwordField);
      if (Object.keys(errors).length) return { status, errors };
      return { status, refused: translator(request.locale)('errors.badRequest.again') };
    }
    throw new Error(`the API answered ${status}${problem ? ` (${problem.code})` : ''}`);
  }

  private tooMany(request: FastifyRequest, response: Response | null, problem: Problem | null): string {
    const t = translator(request.locale);
    return `${t('account.tooMany')} ${retryText(t, retryAfterSeconds(response?.headers.get('retry-after') ?? null, problem))}`;
  }

  private input(
    t: Translate,
    errors: FieldErrors,
    name: AccountField,
    type: FieldSpec['type'],
    o: { value?: string; autocomplete?: string; hint?: string; width?: string },
  ): FieldSpec {
    const error = errors[name];
    return {
      kind: 'input',
      name,
      type,
      label: t(`account.fields.${name}.label`),
      hint: o.hint,
      value: type === 'password' ? undefined : o.value,
      autocomplete: o.autocomplete,
      width: o.width,
      error: error ? t(error) : undefined,
    };
  }

  private newPassword(t: Translate, errors: FieldErrors): FieldSpec {
    return this.input(t, errors, 'newPassword', 'password', { autocomplete: 'new-password', hint: t('account.fields.newPassword.hint') });
  }

  private languages(t: Translate, errors: FieldErrors, current: Locale | undefined): FieldSpec {
    return {
      kind: 'radios',
      name: 'language',
      label: t('account.fields.language.legend'),
      error: errors.language ? t(errors.language) : undefined,
      items: LOCALES.map((code) => ({ value: code, text: LOCALE_INFO[code].name, checked: code === current, label: { attributes: { lang: code } } })),
    };
  }

  private renderForm(reply: FastifyReply, status: number, list: { text: string; href: string }[], page: FormPage): void {
    void reply.status(status);
    reply.view('account/form.njk', { page: { intro: [], hidden: {}, links: [], ...page }, errorList: list });
  }

  private async setNotice(request: FastifyRequest, notice: AccountNotice): Promise<void> {
    request.session.accountNotice = notice;
    await request.session.save();
  }

  private async takeNotice(request: FastifyRequest): Promise<AccountNotice | undefined> {
    return (await takeShownOnce(request, 'accountNotice')).accountNotice;
  }
}
