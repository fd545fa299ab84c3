/**
 * How the web process reaches the API: only over HTTP, through the typed client generated from
 * the committed contract (`@app/api-client`), its calls sent over kept-alive connections by
 * api-transport.ts. Each page gets a client carrying the request's correlation id and the
 * reader's language; a signed-in person's client comes from ApiSessions.
 *
 * An API that cannot be reached (refused, timed out) or says it cannot serve (502/503/504) is an
 * ApiUnavailableError, which the error page answers with a localized 503; a page never has to
 * handle it.
 */
import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { ApiClient, createApiClient } from '@app/api-client';
import { WEB_CONFIG } from '../web.tokens';
import type { WebConfig } from '../config/web-config';
import { ApiRequest, ApiTransport } from './api-transport';

export class ApiUnavailableError extends Error {
  constructor(detail: string, cause?: unknown) {
    super(`the API is unavailable: ${detail}`, { cause });
    this.name = 'ApiUnavailableError';
  }
}

const UNAVAILABLE = new Set([502, 503, 504]);

type Fetch = (input: string | URL | Request | ApiRequest, init?: RequestInit) => Promise<Response>;

/** A system error's code (`ECONNREFUSED`, `UND_ERR_SOCKET`); a DOMException's legacy number is not one. */
const codeOf = (e: unknown): string | undefined => {
  const code = (e as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
};

/** `send` (which keeps the time limit), failing as ApiUnavailableError when the API cannot answer. */
export function apiFetch(send: Fetch): Fetch {
  return async (input, init) => {
    let response: Response;
    try {
      response = await send(input, init);
    } catch (e) {
      throw new ApiUnavailableError(codeOf(e) ?? codeOf((e as { cause?: unknown }).cause) ?? (e instanceof Error ? `${e.name}: ${e.message}` : String(e)), e);
    }
    if (UNAVAILABLE.has(response.status)) {
      await response.body?.cancel().catch(() => undefined);
      throw new ApiUnavailableError(`it answered ${response.status}`);
    }
    return response;
  };
}

export interface ApiClientOptionsForRequest {
  /** The signed-in person's access token, read before each call (ApiSessions supplies it). */
  accessToken?: () => Promise<string | undefined>;
}

@Injectable()
export class ApiClientFactory implements OnApplicationShutdown {
  private readonly transport: ApiTransport;
  private readonly fetch: Fetch;

  constructor(@Inject(WEB_CONFIG) private readonly config: WebConfig) {
    this.transport = new ApiTransport({ baseUrl: config.API_URL, timeoutMs: config.API_TIMEOUT_MS, cacheSeconds: config.WEB_PUBLIC_CACHE_SECONDS });
    this.fetch = apiFetch(this.transport.fetch);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.close();
  }

  /** A client for this request: public calls, or a person's when `accessToken` is given. */
  forRequest(request: FastifyRequest, options: ApiClientOptionsForRequest = {}): ApiClient {
    // The person's address, so that the API's per-address limits count people, not this process
    // (the API trusts it only from the web's address: its TRUST_PROXY, docs/web.md).
    const headers: Record<string, string> = { 'x-request-id': String(request.id), 'x-forwarded-for': request.ip };
    if (request.locale) headers['accept-language'] = request.locale;
    return createApiClient({ baseUrl: this.config.API_URL, headers, fetch: this.fetch, Request: ApiRequest, accessToken: options.accessToken });
  }

  /** A client outside any request (health checks). */
  bare(): ApiClient {
    return createApiClient({ baseUrl: this.config.API_URL, fetch: this.fetch, Request: ApiRequest });
  }
}
