import fc from 'fast-check';
import type { OpenApiDocument } from './contract';
import { HOSTILE_STRINGS, RAW_URL_PIECES, headerSafe, hostileText, hostileValue, percentEncode } from './hostile-values';

/**
 * fast-check arbitraries built from the committed OpenAPI document: for one operation, requests
 * shaped like its parameters and request body, with valid values (at their bounds too) and, in
 * the hostile half of the runs, hostile leaves (hostile-values.ts), missing required members,
 * members the schema does not know, and raw bodies that are not JSON at all.
 */
export type Schema = Record<string, unknown> & {
  $ref?: string;
  type?: string;
  format?: string;
  pattern?: string;
  enum?: unknown[];
  example?: unknown;
  nullable?: boolean;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}

export interface Operation {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  /** The document's path template (`/placements/{id}`). */
  path: string;
  parameters: Parameter[];
  /** Media type -> schema of the request body (none: the operation takes no body). */
  body: Record<string, Schema>;
  bodyRequired: boolean;
}

export type Where = 'path' | 'query' | 'header' | 'body' | 'multipart';

/** Real values (ids of records that exist, emails of accounts, ...) for a field or parameter, by name. */
export type ValuePools = (name: string | undefined, schema: Schema, where: Where, op: Operation) => readonly string[];

export interface UploadedFile {
  field: string;
  filename: string;
  content: Buffer;
  contentType?: string;
}

export type GeneratedBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'raw'; contentType: string; payload: string }
  | { kind: 'multipart'; fields: [string, string][]; files: UploadedFile[]; filesFirst: boolean };

export interface GeneratedRequest {
  caller: string;
  method: Operation['method'];
  /** The URL as sent: path parameters and query already percent-encoded. */
  url: string;
  headers: Record<string, string>;
  body?: GeneratedBody;
}

type Mode = 'valid' | 'hostile';
interface Ctx {
  op: Operation;
  where: Where;
  mode: Mode;
  depth: number;
}

const DAY = 86_400_000;
/** Dates are drawn around a fixed day, not today, so that a seed gives the same requests on any day. */
const ANCHOR = Date.UTC(2026, 0, 1);
// (Date.UTC maps years 0-99 to 1900-1999: parse the text instead.)
const YEAR_1 = Date.parse('0001-01-01T00:00:00Z');
const YEAR_9999 = Date.parse('9999-12-31T00:00:00Z');
const INT32 = { min: -(2 ** 31), max: 2 ** 31 - 1 };
const MAX_URL_TEXT = 4_000;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const dateArb = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -4 * 365, max: 6 * 365 }).map((d) => isoDay(ANCHOR + d * DAY)) },
    { weight: 1, arbitrary: fc.integer({ min: Math.ceil(YEAR_1 / DAY), max: Math.floor(YEAR_9999 / DAY) }).map((d) => isoDay(d * DAY)) },
    { weight: 1, arbitrary: fc.constantFrom('0001-01-01', '1900-01-01', '1970-01-01', '2028-02-29', '2099-12-31', '9999-12-31') },
  );

const dateTimeArb = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: -4 * 365 * 24, max: 6 * 365 * 24 }).map((h) => new Date(ANCHOR + h * 3_600_000).toISOString()) },
    { weight: 1, arbitrary: fc.date({ min: new Date(YEAR_1), max: new Date(YEAR_9999), noInvalidDate: true }).map((d) => d.toISOString()) },
    { weight: 1, arbitrary: fc.constantFrom('0001-01-01T00:00:00.000Z', '1970-01-01T00:00:00Z', '9999-12-31T23:59:59.999Z', '2026-03-29T02:30:00+02:00') },
  );

const textArb = (min = 0, max = Number.POSITIVE_INFINITY): fc.Arbitrary<string> => {
  const cap = Math.max(min, Math.min(max, 40));
  const alts: fc.WeightedArbitrary<string>[] = [
    { weight: 5, arbitrary: fc.string({ minLength: min, maxLength: cap, unit: 'grapheme-ascii' }) },
    { weight: 2, arbitrary: fc.string({ minLength: min, maxLength: cap, unit: 'grapheme' }) },
  ];
  if (Number.isFinite(max) && max <= 100_000) {
    // At the bound, in one-, two- and four-byte characters (the database may count differently from the validator), and past it.
    alts.push({ weight: 2, arbitrary: fc.constantFrom('x'.repeat(max), '\u00e9'.repeat(max), '\ud83d\ude00'.repeat(max), 'x'.repeat(max + 1)) });
  }
  return fc.oneof(...alts);
};

const intArb = (name: string | undefined, min?: number, max?: number): fc.Arbitrary<number> => {
  const lo = Math.max(min ?? INT32.min, INT32.min);
  const hi = Math.min(max ?? INT32.max, INT32.max);
  const edges = [min ?? INT32.min, max ?? INT32.max];
  if (max === undefined) edges.push(2 ** 31, Number.MAX_SAFE_INTEGER);
  if (min === undefined) edges.push(-(2 ** 31) - 1, Number.MIN_SAFE_INTEGER);
  const small = fc.integer({ min: Math.max(lo, 0) > hi ? lo : Math.max(lo, 0), max: Math.min(hi, Math.max(lo, 0) + 5) });
  // A version or revision is mostly small: the current one (1, 2, ...) lets a request through.
  const versionLike = name === 'version' || name === 'revision';
  return fc.oneof(
    { weight: versionLike ? 8 : 2, arbitrary: small },
    { weight: 3, arbitrary: fc.integer({ min: lo, max: hi }) },
    { weight: 1, arbitrary: fc.constantFrom(...edges) },
  );
};

export class OpenApiArbitraries {
  constructor(
    private readonly document: OpenApiDocument,
    private readonly pools: ValuePools,
  ) {}

  /** Every operation of the document, in its order. */
  operations(): Operation[] {
    const ops: Operation[] = [];
    for (const [path, methods] of Object.entries(this.document.paths)) {
      for (const [method, raw] of Object.entries(methods)) {
        const op = raw as { parameters?: Parameter[]; requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> } };
        const body = Object.fromEntries(Object.entries(op.requestBody?.content ?? {}).map(([type, media]) => [type, media.schema ?? {}]));
        ops.push({ method: method as Operation['method'], path, parameters: op.parameters ?? [], body, bodyRequired: op.requestBody?.required ?? false });
      }
    }
    return ops;
  }

  /** A `$ref` followed, an `allOf` merged into one schema (siblings such as `nullable` kept). */
  resolve(schema: Schema | undefined): Schema {
    let s: Schema = schema ?? {};
    for (let hops = 0; s.$ref && hops < 20; hops++) {
      const { $ref, ...rest } = s;
      s = { ...(this.document.components.schemas[$ref.replace('#/components/schemas/', '')] as Schema), ...rest };
    }
    if (s.allOf) {
      const { allOf, ...rest } = s;
      const parts = allOf.map((p) => this.resolve(p));
      const merged: Schema = Object.assign({}, ...parts, rest);
      const props = parts.filter((p) => p.properties);
      if (props.length > 1) {
        merged.properties = Object.assign({}, ...props.map((p) => p.properties));
        merged.required = props.flatMap((p) => p.required ?? []);
      }
      return merged;
    }
    return s;
  }

  /** The whole request of one operation, for a caller drawn from `caller`. */
  request(op: Operation, caller: fc.Arbitrary<string>): fc.Arbitrary<GeneratedRequest> {
    const mode = fc.constantFrom<Mode>('valid', 'hostile');
    return mode.chain((m) => {
      const ctx = (where: Where): Ctx => ({ op, where, mode: m, depth: 0 });
      const pathParams = op.parameters.filter((p) => p.in === 'path');
      const queryParams = op.parameters.filter((p) => p.in === 'query');
      const headerParams = op.parameters.filter((p) => p.in === 'header');
      return fc
        .record({
          caller,
          path: fc.tuple(...pathParams.map((p) => this.pathValue(p, ctx('path')))),
          query: this.query(queryParams, ctx('query')),
          headers: fc.tuple(...headerParams.map((p) => this.headerValue(p, ctx('header')))),
          body: this.body(op, m),
        })
        .map(({ caller, path, query, headers, body }) => {
          let url = op.path;
          pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, path[i])));
          if (query.length) url += `?${query.join('&')}`;
          const hs: Record<string, string> = {};
          headerParams.forEach((p, i) => {
            if (headers[i] !== undefined) hs[p.name] = headers[i]!;
          });
          return { caller, method: op.method, url, headers: hs, ...(body === undefined ? {} : { body }) };
        });
    });
  }

  /** One value for a schema: a real one, a valid one, its example, null where allowed, or (hostile runs) a hostile one. */
  value(schema: Schema | undefined, name: string | undefined, ctx: Ctx): fc.Arbitrary<unknown> {
    const s = this.resolve(schema);
    const composite = s.type === 'object' || s.type === 'array' || !!s.properties;
    const alts: fc.WeightedArbitrary<unknown>[] = [{ weight: 6, arbitrary: this.shaped(s, name, ctx) }];
    const pool = composite ? [] : this.pools(name, s, ctx.where, ctx.op);
    if (pool.length) alts.push({ weight: 5, arbitrary: fc.constantFrom(...pool) });
    if (s.example !== undefined && !composite) alts.push({ weight: 1, arbitrary: fc.constant(s.example) });
    if (s.nullable) alts.push({ weight: 1, arbitrary: fc.constant(null) });
    if (ctx.mode === 'hostile') alts.push({ weight: composite ? 1 : 2, arbitrary: hostileValue() });
    return fc.oneof(...alts);
  }

  private shaped(s: Schema, name: string | undefined, ctx: Ctx): fc.Arbitrary<unknown> {
    const deeper = { ...ctx, depth: ctx.depth + 1 };
    if (ctx.depth > 8) return hostileValue();
    if (s.enum?.length) return fc.constantFrom(...s.enum);
    const alternatives = s.oneOf ?? s.anyOf;
    if (alternatives) return fc.oneof(...alternatives.map((alt) => this.value(alt, name, deeper)));
    if (s.type === 'object' || s.properties) return this.object(s, deeper);
    switch (s.type) {
      case 'array':
        return fc.array(this.value(s.items, name, deeper), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
      case 'integer':
        return intArb(name, s.minimum, s.maximum);
      case 'number':
        return fc.oneof(
          fc.double({ min: s.minimum ?? -1e12, max: s.maximum ?? 1e12, noNaN: true, noDefaultInfinity: true }),
          fc.constantFrom(...[s.minimum, s.maximum].filter((v): v is number => v !== undefined), 0),
        );
      case 'boolean':
        return fc.boolean();
      case 'string':
        return this.text(s);
      default:
        return fc.jsonValue({ maxDepth: 2 });
    }
  }

  private text(s: Schema): fc.Arbitrary<string> {
    if (s.pattern) {
      const pattern = new RegExp(s.pattern);
      return fc.oneof({ weight: 4, arbitrary: fc.stringMatching(pattern) }, { weight: 1, arbitrary: textArb(s.minLength, s.maxLength) });
    }
    switch (s.format) {
      case 'uuid':
        return fc.uuid();
      case 'date':
        return dateArb();
      case 'date-time':
        return dateTimeArb();
      case 'email':
        return fc.oneof({ weight: 4, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: textArb(s.minLength, s.maxLength) });
      default:
        return textArb(s.minLength, s.maxLength);
    }
  }

  private object(s: Schema, ctx: Ctx): fc.Arbitrary<unknown> {
    const props = s.properties ?? {};
    const keys = Object.keys(props);
    const required = (s.required ?? []).filter((k) => keys.includes(k));
    const members = Object.fromEntries(keys.map((k) => [k, this.value(props[k], k, ctx)]));
    const record = fc.record(members, { requiredKeys: required });
    const extra =
      typeof s.additionalProperties === 'object'
        ? fc.dictionary(fc.string({ maxLength: 12 }), this.value(s.additionalProperties, undefined, ctx), { maxKeys: 3 })
        : fc.constant({});
    if (ctx.mode === 'valid') return fc.tuple(record, extra).map(([r, e]) => ({ ...e, ...r }));
    // Hostile: a required member left out now and then, and members the schema does not have.
    const unknownMember = fc.dictionary(
      fc.oneof(
        fc.constantFrom('isAdmin', 'roles', 'id', 'agencyId', 'userId', 'version', 'state', '__proto__', 'constructor', ''),
        fc.string({ unit: 'binary', maxLength: 12 }),
      ),
      hostileValue(),
      { maxKeys: 2 },
    );
    return fc
      .tuple(record, extra, fc.subarray(required, { maxLength: Math.min(1, required.length) }), fc.option(unknownMember, { freq: 3 }))
      .map(([r, e, drop, unknown]) => {
        const out: Record<string, unknown> = { ...e, ...(r as Record<string, unknown>) };
        for (const k of drop) delete out[k];
        if (unknown)
          for (const [k, v] of Object.entries(unknown)) Object.defineProperty(out, k, { value: v, enumerable: true, configurable: true, writable: true });
        return out;
      });
  }

  private pathValue(p: Parameter, ctx: Ctx): fc.Arbitrary<string> {
    const s = this.resolve(p.schema);
    const pool = this.pools(p.name, s, 'path', ctx.op);
    const alts: fc.WeightedArbitrary<string>[] = [{ weight: 3, arbitrary: this.shaped(s, p.name, ctx).map((v) => percentEncode(String(v))) }];
    if (pool.length) alts.push({ weight: 6, arbitrary: fc.constantFrom(...pool).map(percentEncode) });
    if (ctx.mode === 'hostile') {
      alts.push({
        weight: 3,
        arbitrary: hostileText(MAX_URL_TEXT)
          .filter((v) => v !== '')
          .map(percentEncode),
      });
      alts.push({ weight: 1, arbitrary: fc.constantFrom(...RAW_URL_PIECES) });
    }
    return fc.oneof(...alts);
  }

  private query(params: Parameter[], ctx: Ctx): fc.Arbitrary<string[]> {
    const one = (p: Parameter): fc.Arbitrary<string[]> => {
      const s = this.resolve(p.schema);
      const v = this.value(s, p.name, ctx).map((value) => queryPairs(p.name, value));
      return p.required ? v : fc.option(v, { nil: [] as string[], freq: 2 }).map((x) => x ?? []);
    };
    const declared = fc.tuple(...params.map(one)).map((parts) => parts.flat());
    if (ctx.mode === 'valid') return declared;
    const extra = fc.array(
      fc.oneof(
        // The same parameter twice (an array where one value is expected), one the route does not know, raw bytes.
        fc
          .tuple(fc.constantFrom(...(params.length ? params.map((p) => p.name) : ['q'])), hostileText(MAX_URL_TEXT))
          .map(([n, v]) => `${encodeURIComponent(n)}=${percentEncode(v)}`),
        fc
          .tuple(fc.constantFrom('admin', '__proto__', 'constructor[prototype][x]', 'page[]', '', 'a'.repeat(200)), hostileText(MAX_URL_TEXT))
          .map(([n, v]) => `${percentEncode(n)}=${percentEncode(v)}`),
        fc.constantFrom(...RAW_URL_PIECES).map((raw) => (params.length ? `${params[0].name}=${raw}` : raw)),
      ),
      { maxLength: 2 },
    );
    return fc.tuple(declared, extra).map(([d, e]) => [...d, ...e]);
  }

  private headerValue(p: Parameter, ctx: Ctx): fc.Arbitrary<string | undefined> {
    const s = this.resolve(p.schema);
    const pool = this.pools(p.name, s, 'header', ctx.op);
    const alts: fc.WeightedArbitrary<string>[] = [{ weight: 3, arbitrary: this.shaped(s, p.name, ctx).map((v) => headerSafe(String(v))) }];
    if (pool.length) alts.push({ weight: 5, arbitrary: fc.constantFrom(...pool) });
    if (ctx.mode === 'hostile') alts.push({ weight: 3, arbitrary: hostileText(8_000).map(headerSafe) });
    return fc.option(fc.oneof(...alts), { nil: undefined, freq: p.required ? 8 : 3 });
  }

  private body(op: Operation, mode: Mode): fc.Arbitrary<GeneratedBody | undefined> {
    const ctx: Ctx = { op, where: 'body', mode, depth: 0 };
    const json = op.body['application/json'];
    const multipart = op.body['multipart/form-data'];
    const alts: fc.WeightedArbitrary<GeneratedBody | undefined>[] = [];
    if (json) alts.push({ weight: 12, arbitrary: this.value(json, undefined, ctx).map((value) => ({ kind: 'json' as const, value })) });
    if (multipart) alts.push({ weight: 12, arbitrary: this.multipart(this.resolve(multipart), ctx) });
    if (!json && !multipart) alts.push({ weight: 12, arbitrary: fc.constant(undefined) });
    if (mode === 'hostile') {
      alts.push({ weight: 2, arbitrary: fc.constantFrom(...RAW_BODIES).map(([contentType, payload]) => ({ kind: 'raw' as const, contentType, payload })) });
      alts.push({ weight: 1, arbitrary: hostileValue().map((value) => ({ kind: 'json' as const, value })) });
      if (multipart) alts.push({ weight: 1, arbitrary: this.value(multipart, undefined, ctx).map((value) => ({ kind: 'json' as const, value })) });
    }
    return fc.oneof(...alts);
  }

  private multipart(s: Schema, ctx: Ctx): fc.Arbitrary<GeneratedBody> {
    const props = Object.entries(s.properties ?? {});
    const fileFields = props.filter(([, p]) => this.resolve(p).format === 'binary').map(([k]) => k);
    const textFields = props.filter(([, p]) => this.resolve(p).format !== 'binary');
    const fieldArb = textFields.map(([name, p]) =>
      fc.option(
        this.value(p, name, ctx).map((v): [string, string] => [name, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
        { nil: undefined, freq: (s.required ?? []).includes(name) && ctx.mode === 'valid' ? 20 : 3 },
      ),
    );
    const file = fc.record({
      field:
        ctx.mode === 'valid'
          ? fc.constantFrom(...(fileFields.length ? fileFields : ['file']))
          : fc.constantFrom(...(fileFields.length ? fileFields : ['file']), 'other', ''),
      filename: ctx.mode === 'valid' ? fc.constantFrom(...FILE_NAMES.slice(0, 3)) : fc.constantFrom(...FILE_NAMES),
      content: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...FILE_CONTENTS) },
        { weight: 1, arbitrary: fc.uint8Array({ maxLength: 2_000 }).map((a) => Buffer.from(a)) },
      ),
      contentType: fc.option(fc.constantFrom('application/pdf', 'image/png', 'text/html', 'application/x-msdownload', 'multipart/mixed'), { nil: undefined }),
    });
    const files = ctx.mode === 'valid' ? fc.array(file, { minLength: 1, maxLength: 1 }) : fc.array(file, { minLength: 0, maxLength: 3 });
    return fc
      .record({ fields: fc.tuple(...fieldArb), files, filesFirst: ctx.mode === 'valid' ? fc.constant(false) : fc.boolean() })
      .map(({ fields, files: f, filesFirst }) => ({
        kind: 'multipart' as const,
        fields: fields.filter((x): x is [string, string] => x !== undefined),
        files: f,
        filesFirst,
      }));
  }
}

/** `name=value` pieces of a query string: an array repeats the name, an object is sent as JSON text. */
function queryPairs(name: string, value: unknown): string[] {
  const one = (v: unknown) =>
    `${encodeURIComponent(name)}=${percentEncode(v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).slice(0, 3 * MAX_URL_TEXT)}`;
  return Array.isArray(value) ? value.slice(0, 5).map(one) : [one(value)];
}

export const FILE_NAMES: readonly string[] = [
  'document.pdf',
  'photo.png',
  'scan.jpg',
  '',
  '../../../etc/passwd',
  '..\\..\\boot.ini',
  'r\u00e9sum\u00e9 \ud83d\ude00.pdf',
  `${'x'.repeat(300)}.pdf`,
  'quote".pdf',
  'no-extension',
  '.pdf',
  'evil.pdf.exe',
  'a;b=c.pdf',
  HOSTILE_STRINGS.find((s) => s.includes('\u202e'))!,
];

const pdf = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n', 'latin1');
const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');
export const FILE_CONTENTS: readonly Buffer[] = [
  pdf,
  png,
  Buffer.alloc(0),
  Buffer.from('%PDF-'),
  Buffer.from('<html><script>alert(1)</script></html>'),
  Buffer.from('MZ\x90\x00', 'latin1'),
  Buffer.concat([pdf, Buffer.alloc(4_096, 0)]),
  Buffer.from('ffd8ffe000104a464946', 'hex'),
];

/** Bodies that are not what the route takes: broken JSON, JSON with tricks, other media types, one over the body limit. */
export const RAW_BODIES: readonly [string, string][] = [
  ['application/json', '{'],
  ['application/json', ''],
  ['application/json', ' '],
  ['application/json', 'null'],
  ['application/json', 'true'],
  ['application/json', '12'],
  ['application/json', '"text"'],
  ['application/json', '[]'],
  ['application/json', '{"a":1,"a":2}'],
  ['application/json', '{"__proto__":{"polluted":true}}'],
  ['application/json', '{"constructor":{"prototype":{"polluted":true}}}'],
  ['application/json', '\ufeff{}'],
  ['application/json', '{"x":1e999999}'],
  ['application/json', '{"x":-1e999999}'],
  ['application/json', '{"x":"\\ud800"}'],
  ['application/json', '{"x":"\\u0000"}'],
  ['application/json', `{"x":${'['.repeat(50_000)}${']'.repeat(50_000)}}`],
  ['application/json; charset=utf-16', '{}'],
  ['application/json; charset=latin1', '{}'],
  ['application/json', `{"x":"${'a'.repeat(1_100_000)}"}`],
  ['text/plain', 'hello'],
  ['application/x-www-form-urlencoded', 'a=1&b=2'],
  ['application/xml', '<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><a>&x;</a>'],
  ['multipart/form-data; boundary=x', '--x--'],
  ['multipart/form-data', 'no boundary'],
  ['application/octet-stream', '\u0000\u0001\u0002'],
  ['application/merge-patch+json', '{}'],
  ['', '{}'],
];
