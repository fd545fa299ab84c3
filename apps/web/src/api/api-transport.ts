/**
 * How the typed client's calls reach the API: undici's `request()` over a pool of kept-alive
 * connections to the API's origin, instead of Node's global fetch. Every page makes one or more
 * calls, and fetch's WHATWG machinery (a Request built twice, a stream per body, an AbortSignal
 * per call) cost the agency page about twice the CPU of the call itself: profiled under load, a
 * sixth of the web's time was in fetch.
 *
 * openapi-fetch still builds each call (path, query, headers, JSON body, middleware such as the
 * access token): it is handed `ApiRequest`, a plain record of that call, in place of the WHATWG
 * Request, and `ApiTransport.fetch` sends it. The answer is read whole and given back as an
 * ApiResponse, a Response, so callers see what fetch gave them. Redirects are not followed (the
 * API's contract has none). A body other than text (a FormData upload) goes through the global
 * fetch, as before.
 *
 * The pool keeps answers the API marks as shareable (`Cache-Control: public, max-age=N`: the
 * public registry's) as any shared HTTP cache in front of the API may, but for no longer than
 * WEB_PUBLIC_CACHE_SECONDS (10 by default: as long as API instances may differ about a license
 * already): the agency page, the most visited, then costs one render, not a render and a call.
 * Everything else the API answers is `no-store` (personal, secret or an error) and is never kept;
 * see PublicAnswerStore.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { Dispatcher, Pool, cacheStores, interceptors } from 'undici';
import type CacheInterceptor from 'undici/types/cache-interceptor';

/** What openapi-fetch records of one call (its `Request` option): no stream, no signal, no URL parsing. */
export class ApiRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Headers;
  readonly body: RequestInit['body'];

  constructor(input: string | URL | ApiRequest, init: RequestInit = {}) {
    this.url = input instanceof ApiRequest ? input.url : String(input);
    this.method = (init.method ?? (input instanceof ApiRequest ? input.method : 'GET')).toUpperCase();
    this.headers = init.headers instanceof Headers ? init.headers : new Headers(init.headers ?? (input instanceof ApiRequest ? input.headers : undefined));
    this.body = init.body ?? (input instanceof ApiRequest ? input.body : null);
  }
}

/** Statuses whose Response may carry no body. */
const NULL_BODY = new Set([101, 103, 204, 205, 304]);
const utf8 = new TextDecoder();

function headersOf(raw: IncomingHttpHeaders): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(raw)) {
    if (Array.isArray(value)) for (const v of value) headers.append(name, v);
    else if (value !== undefined) headers.set(name, value);
  }
  return headers;
}

/**
 * The API's answer, read whole: a Response whose Headers is made only when asked for and whose
 * text and JSON come straight from the bytes read. A plain Response of the same bytes (a Headers
 * checked name by name, a stream for the body, promises to read it back) cost about as much CPU
 * as the call itself. Anything else a Response does (`body` as a stream, arrayBuffer(), blob(),
 * clone()...) is done by a plain Response of the same bytes, made when first needed.
 */
export class ApiResponse extends Response {
  readonly #raw: IncomingHttpHeaders;
  readonly #bytes: Uint8Array | null;
  readonly #url: string;
  #headers: Headers | undefined;
  #full: Response | undefined;
  #used = false;

  constructor(status: number, statusText: string, headers: IncomingHttpHeaders, bytes: Uint8Array | null, url: string) {
    super(null, { status, statusText });
    this.#raw = headers;
    this.#bytes = bytes && !NULL_BODY.has(status) ? bytes : null;
    this.#url = url;
  }

  #text(): Promise<string> {
    if (this.#full) return this.#full.text();
    if (this.#used) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    this.#used = true;
    return Promise.resolve(this.#bytes ? utf8.decode(this.#bytes) : '');
  }

  /** The plain Response of the same answer (its body already read if ours was). */
  #plain(): Response {
    if (!this.#full) {
      const full = new Response(this.#bytes, { status: this.status, statusText: this.statusText, headers: this.headers });
      if (this.#used) full.arrayBuffer().catch(() => undefined);
      this.#full = full;
    }
    return this.#full;
  }

  // Response declares these as read-only properties, which TypeScript will not let a subclass
  // redefine as accessors and methods: they are put on the prototype here.
  static {
    const method = (value: (this: ApiResponse) => unknown): PropertyDescriptor => ({ value, writable: true, configurable: true });
    Object.defineProperties(ApiResponse.prototype, {
      headers: {
        get: function (this: ApiResponse) {
          return (this.#headers ??= headersOf(this.#raw));
        },
        configurable: true,
      },
      url: {
        get: function (this: ApiResponse) {
          return this.#url;
        },
        configurable: true,
      },
      body: {
        get: function (this: ApiResponse) {
          return this.#plain().body;
        },
        configurable: true,
      },
      bodyUsed: {
        get: function (this: ApiResponse) {
          return this.#full ? this.#full.bodyUsed : this.#used;
        },
        configurable: true,
      },
      text: method(function () {
        return this.#text();
      }),
      json: method(function () {
        return this.#text().then((text) => JSON.parse(text) as unknown);
      }),
      arrayBuffer: method(function () {
        return this.#plain().arrayBuffer();
      }),
      blob: method(function () {
        return this.#plain().blob();
      }),
      formData: method(function () {
        return this.#plain().formData();
      }),
      bytes: method(function () {
        return (this.#plain() as Response & { bytes(): Promise<Uint8Array> }).bytes();
      }),
      clone: method(function () {
        if (this.#full) return this.#full.clone();
        if (this.#used) throw new TypeError('Response.clone: Body has already been consumed.');
        return new ApiResponse(this.status, this.statusText, this.#raw, this.#bytes, this.#url);
      }),
    });
  }
}

/**
 * Where the pool keeps shareable answers: in this process's memory, bounded in count and size, each
 * for at most `maxAgeMs`. Only successful answers are kept (the HTTP rules would let a cache keep a
 * 404 marked public; the API never marks one so, and a page must not go on saying "no such
 * license" once one is issued should that change).
 */
export class PublicAnswerStore extends cacheStores.MemoryCacheStore {
  constructor(
    private readonly maxAgeMs: number,
    limits: { maxCount: number; maxSize: number },
  ) {
    super(limits);
  }

  override createWriteStream(key: CacheInterceptor.CacheKey, value: CacheInterceptor.CacheValue) {
    if (value.statusCode !== 200) return undefined;
    const until = value.cachedAt + this.maxAgeMs;
    return super.createWriteStream(key, { ...value, staleAt: Math.min(value.staleAt, until), deleteAt: Math.min(value.deleteAt, until) });
  }
}

/** What AbortSignal.timeout() fails with, so that a timed-out call reads as it did with fetch. */
const timeoutError = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');

export interface ApiTransportOptions {
  /** The API's base URL (its origin gets the pool; a path after it is kept in every call's URL). */
  baseUrl: string;
  /** The whole call, from sending to the last byte of the answer, must take no longer than this. */
  timeoutMs: number;
  /** How long a shareable answer is kept at most (0: none is). */
  cacheSeconds?: number;
}

/**
 * How many shareable answers are kept at most, and the most memory they may take together: a whole
 * national registry's licence answers (~3 KB each; a large one has a few thousand licences).
 */
const CACHE_ENTRIES = 20_000;
const CACHE_BYTES = 32 * 1024 * 1024;

export class ApiTransport {
  /** The base URL's scheme and authority as written (openapi-fetch puts it in front of every path). */
  private readonly prefix: string;
  private readonly pool: Pool;
  /** The pool, through the shared HTTP cache when one is kept. */
  private readonly dispatcher: Dispatcher;

  constructor(private readonly options: ApiTransportOptions) {
    const { origin, protocol } = new URL(options.baseUrl);
    const pathStart = options.baseUrl.indexOf('/', protocol.length + 2);
    this.prefix = pathStart === -1 ? options.baseUrl : options.baseUrl.slice(0, pathStart);
    this.pool = new Pool(origin);
    const maxAgeMs = (options.cacheSeconds ?? 0) * 1000;
    const store = new PublicAnswerStore(maxAgeMs, { maxCount: CACHE_ENTRIES, maxSize: CACHE_BYTES });
    this.dispatcher = maxAgeMs > 0 ? this.pool.compose(interceptors.cache({ store, methods: ['GET'], type: 'shared' })) : this.pool;
  }

  /**
   * A fetch for openapi-fetch: an ApiRequest (or anything fetch takes) in, a Response out. A call
   * that outlasts the time limit fails as fetch's did, with a TimeoutError; a refused connection
   * with an error whose `code` is ECONNREFUSED (fetch put it in `cause`).
   */
  readonly fetch = (input: string | URL | Request | ApiRequest, init?: RequestInit): Promise<Response> => {
    const request = input instanceof ApiRequest && init === undefined ? input : null;
    if (!request || (request.body != null && typeof request.body !== 'string') || !request.url.startsWith(`${this.prefix}/`)) return this.viaFetch(input, init);
    return this.send(request);
  };

  /** Closes the kept-alive connections (the app is stopping). */
  close(): Promise<void> {
    return this.pool.close();
  }

  private async send(request: ApiRequest): Promise<Response> {
    const headers: Record<string, string> = {};
    request.headers.forEach((value, name) => (headers[name] = value));
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(timeoutError()), this.options.timeoutMs);
    try {
      const answer = await this.dispatcher.request({
        path: request.url.slice(this.prefix.length),
        method: request.method as 'GET',
        headers,
        body: request.body as string | null,
        signal: abort.signal,
      });
      const body = await answer.body.bytes();
      return new ApiResponse(answer.statusCode, answer.statusText, answer.headers, body, request.url);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A call this pool cannot send (another origin, a FormData body): the global fetch, with the same time limit. */
  private viaFetch(input: string | URL | Request | ApiRequest, init?: RequestInit): Promise<Response> {
    if (input instanceof ApiRequest) {
      init = { method: input.method, headers: input.headers, body: input.body, ...init };
      input = input.url;
    }
    return fetch(input, { ...init, signal: AbortSignal.timeout(this.options.timeoutMs) });
  }
}
