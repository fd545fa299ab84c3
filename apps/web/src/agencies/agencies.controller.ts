/**
 * "Check an agency": the search (by name or licence number), each licence's permanent page (the
 * address a certificate's QR code holds), and the lists of agencies suspended now and revoked.
 * Everything comes from the API's public verification routes; nothing here is secret, so the
 * search is a GET form (its address can be shared and bookmarked).
 *
 *   GET /agencies                       the search form; ?q= a name (results) or a number (→ its page)
 *   GET /agencies/licenses/:number      one licence: may the agency recruit today, and why not
 *   GET /agencies/suspended?page=       agencies suspended now
 *   GET /agencies/revoked?page=         agencies whose licence was revoked
 *   GET /agencies/suggestions?q=        names as you type (JSON for agency-search.js only)
 */
import { Controller, Get, NotFoundException, Param, Query, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { MessageKey, translator } from '@app/i18n';
import { ApiClientFactory } from '../api/api-client.factory';
import { ROUTES } from '../routes';
import { agencyPage, summarise } from './agency-view';
import { agencyLicensePath, canonicalLicenseNumber, looksLikeLicenseNumber } from './license-number';
import { paginationFor } from './pagination';

/** The API's limits on a name search (`q`: 3 to 100 characters, trimmed). */
export const NAME_MIN = 3;
export const NAME_MAX = 100;
/** The API answers at most this many matches (LICENSING_PUBLIC_SEARCH_LIMIT). */
const SEARCH_LIMIT = 20;
const SUGGESTIONS = 6;
const PAGE_SIZE = 25;
const MAX_PAGE = 100_000;

type SearchError = 'empty' | 'tooShort' | 'tooLong' | 'invalidNumber';
const SEARCH_ERRORS = {
  empty: 'agencies.search.errors.empty',
  tooShort: 'agencies.search.errors.tooShort',
  tooLong: 'agencies.search.errors.tooLong',
  invalidNumber: 'agencies.search.errors.invalidNumber',
} as const satisfies Record<SearchError, MessageKey>;
type ListState = 'suspended' | 'revoked';

/** One value of a query parameter (the first, when it was given more than once). */
const one = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;

@Controller()
export class AgenciesController {
  constructor(private readonly apis: ApiClientFactory) {}

  @Get(ROUTES.agencies)
  async search(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('q') rawQuery?: unknown): Promise<void> {
    const given = one(rawQuery);
    if (given === undefined) return this.searchPage(reply, 200, {});
    const query = given.trim();
    if (!query) return this.searchPage(reply, 400, { query, error: 'empty' });
    if (looksLikeLicenseNumber(query)) return void reply.redirect(agencyLicensePath(canonicalLicenseNumber(query)), 303);
    if ([...query].length < NAME_MIN) return this.searchPage(reply, 400, { query, error: 'tooShort' });
    if ([...query].length > NAME_MAX) return this.searchPage(reply, 400, { query, error: 'tooLong' });

    const { data, response } = await this.apis.forRequest(request).GET('/public/agencies', { params: { query: { q: query } } });
    if (response.status === 429) return this.busy(reply, response);
    if (response.status === 400) return this.searchPage(reply, 400, { query, error: 'tooShort' });
    if (!data) throw new Error(`GET /public/agencies answered ${response.status}`);
    const results = data.items.map((a) => summarise(a, request.locale));
    return this.searchPage(reply, 200, { query, results, atLimit: results.length >= SEARCH_LIMIT });
  }

  @Get(`${ROUTES.agencyLicense}/:number`)
  async license(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Param('number') raw: string): Promise<void> {
    // One address per licence: "ph-lra-2026-00042-7" or one with spaces leads to the written form.
    const number = canonicalLicenseNumber(raw);
    if (number && number !== raw) return void reply.redirect(agencyLicensePath(number), 301);
    if (reply.sendSharedPage()) return;

    const { data, error, response } = await this.apis.forRequest(request).GET('/public/licenses/{number}', { params: { path: { number } } });
    if (response.status === 429) return this.busy(reply, response);
    if (response.status === 400) {
      // A mistyped number (the API checks its check digit): said next to the field, to correct it.
      const onNumber = !error?.errors?.length || error.errors.some((e) => e.field === 'number');
      if (!onNumber) throw new Error(`GET /public/licenses/{number} refused: ${JSON.stringify(error)}`);
      return this.searchPage(reply, 400, { query: raw, error: 'invalidNumber' });
    }
    if (response.status === 404) return void reply.status(404).view('agencies/license-not-found.njk', { number });
    if (!data) throw new Error(`GET /public/licenses/{number} answered ${response.status}`);
    reply.view('agencies/license.njk', { agency: agencyPage(data, request.locale) }, { shared: true });
  }

  @Get(ROUTES.agenciesSuspended)
  suspended(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: unknown): Promise<void> {
    return this.list('suspended', request, reply, page);
  }

  @Get(ROUTES.agenciesRevoked)
  revoked(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('page') page?: unknown): Promise<void> {
    return this.list('revoked', request, reply, page);
  }

  /**
   * Names as you type, for the search page's script (assets/js/agency-search.mjs): the first
   * matches with their status in the reader's words. Anything but a name gives no suggestion.
   */
  @Get(ROUTES.agencySuggestions)
  async suggestions(@Req() request: FastifyRequest, @Res() reply: FastifyReply, @Query('q') rawQuery?: unknown): Promise<void> {
    const query = (one(rawQuery) ?? '').trim();
    void reply.header('cache-control', 'no-store');
    const t = translator(request.locale);
    const none = { items: [], message: '' };
    if ([...query].length < NAME_MIN || [...query].length > NAME_MAX || looksLikeLicenseNumber(query)) return void reply.send(none);
    const { data, response } = await this.apis.forRequest(request).GET('/public/agencies', { params: { query: { q: query } } });
    if (!data) return void reply.status(response.status === 429 ? 429 : 502).send(none);
    const items = data.items.slice(0, SUGGESTIONS).map((a) => {
      const s = summarise(a, request.locale);
      return { name: s.legalName, href: s.href, tag: s.status.tag, summary: s.status.summary };
    });
    reply.send({ items, message: t('agencies.suggestions.count', { count: items.length }) });
  }

  private async list(state: ListState, request: FastifyRequest, reply: FastifyReply, rawPage: unknown): Promise<void> {
    const given = one(rawPage);
    const page = given === undefined ? 1 : /^\d{1,6}$/.test(given) ? Number(given) : NaN;
    if (!(page >= 1 && page <= MAX_PAGE)) throw new NotFoundException();
    const { data, response } = await this.apis.forRequest(request).GET('/public/licenses', { params: { query: { state, page, pageSize: PAGE_SIZE } } });
    if (response.status === 429) return this.busy(reply, response);
    if (!data) throw new Error(`GET /public/licenses answered ${response.status}`);
    // A page past the last one does not exist (the first always does, even when the list is empty).
    if (page > 1 && data.items.length === 0) throw new NotFoundException();
    const path = state === 'suspended' ? ROUTES.agenciesSuspended : ROUTES.agenciesRevoked;
    reply.view('agencies/list.njk', {
      state,
      results: data.items.map((a) => summarise(a, request.locale)),
      total: data.total,
      page,
      pagination: paginationFor({ path, page, pageSize: data.pageSize, total: data.total, locale: request.locale }),
    });
  }

  private searchPage(reply: FastifyReply, status: number, model: { query?: string; error?: SearchError; results?: unknown[]; atLimit?: boolean }): void {
    const t = translator(reply.request.locale);
    const errorText = model.error ? t(SEARCH_ERRORS[model.error], { min: NAME_MIN, max: NAME_MAX }) : undefined;
    reply.status(status).view('agencies/search.njk', { ...model, errorText });
  }

  /** The API asks us to slow down (its limit per address): the reader is asked to wait, in their language. */
  private busy(reply: FastifyReply, response: Response): void {
    const retryAfter = response.headers.get('retry-after');
    void reply.status(429).header('retry-after', retryAfter && /^\d{1,5}$/.test(retryAfter) ? retryAfter : '60');
    reply.view('errors/unavailable.njk', { status: 429 });
  }
}
