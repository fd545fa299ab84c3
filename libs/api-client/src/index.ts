/**
 * The typed client of the API, generated from the committed contract (docs/openapi.json):
 * `schema.d.ts` is written by `npm run openapi` (openapi-typescript) and checked by `npm test`;
 * requests go through openapi-fetch, so a path, a parameter or a body the contract does not
 * have is a compile error, and every answer is typed by its status.
 *
 *   const api = createApiClient({ baseUrl: 'http://127.0.0.1:3000', accessToken: () => session.token });
 *   const { data, error } = await api.GET('/public/agencies', { params: { query: { q: 'bayanihan' } } });
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { components, operations, paths } from './schema';

export type { components, operations, paths };
/** Every named schema of the contract: `ApiSchemas['Problem']`, `ApiSchemas['StaffComplaintView']`... */
export type ApiSchemas = components['schemas'];
export type ApiClient = Client<paths>;
export type Problem = components['schemas']['Problem'];

export interface ApiClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:3000`. */
  baseUrl: string;
  /** The caller's access token, read before each request (none: public calls only). */
  accessToken?: () => string | undefined | Promise<string | undefined>;
  /** Headers sent with every request (e.g. `X-Request-Id`, `Accept-Language`). */
  headers?: Record<string, string>;
  /** A fetch of one's own (tests, instrumentation); the global fetch otherwise. */
  fetch?: typeof globalThis.fetch;
  /**
   * What each call is recorded in before `fetch` gets it, when that fetch takes something leaner
   * than the WHATWG Request (the web's undici transport); the global Request otherwise. Middleware
   * sees it as the call's `request`: it needs `url`, `method`, `headers` and `body`.
   */
  Request?: new (input: string, init: RequestInit) => ApiCall;
}

/** The part of a Request that openapi-fetch and our middleware use. */
export interface ApiCall {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'];
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const client = createClient<paths>({
    baseUrl: options.baseUrl,
    headers: options.headers,
    fetch: options.fetch,
    Request: options.Request as unknown as typeof Request | undefined,
  });
  const { accessToken } = options;
  if (accessToken) {
    const auth: Middleware = {
      async onRequest({ request }) {
        const token = await accessToken();
        if (token) request.headers.set('Authorization', `Bearer ${token}`);
        return request;
      },
    };
    client.use(auth);
  }
  return client;
}

/** An error answer of the API (application/problem+json, RFC 9457). */
export const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as { code?: unknown }).code === 'string' &&
  typeof (value as { status?: unknown }).status === 'number';
