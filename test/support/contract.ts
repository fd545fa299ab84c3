import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2019, { ValidateFunction } from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * Contract tests: every response the e2e suite receives is checked against the committed OpenAPI
 * document (docs/openapi.json). The status must be declared for the operation, the content type too,
 * and a JSON body must match its schema. Named schemas are closed: a member the document does not
 * describe is a violation (Problem alone allows extensions). A problem's `code` must be one the
 * response lists.
 */
type Schema = Record<string, unknown>;
interface Operation {
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

export const COMMITTED_OPENAPI = join(__dirname, '..', '..', 'docs', 'openapi.json');

export const loadCommittedDocument = (): OpenApiDocument => JSON.parse(readFileSync(COMMITTED_OPENAPI, 'utf8')) as OpenApiDocument;

/** OpenAPI 3.0 schema -> JSON Schema 2019-09: `nullable` becomes a null alternative; refs point into one document. */
function toJsonSchema(node: unknown, closeObject = false): unknown {
  if (Array.isArray(node)) return node.map((n) => toJsonSchema(n));
  if (!node || typeof node !== 'object') return node;
  const out: Schema = {};
  for (const [k, v] of Object.entries(node as Schema)) {
    if (k === '$ref' && typeof v === 'string') out.$ref = v.replace('#/components/schemas/', 'openapi#/definitions/');
    else if (k === 'properties' && v && typeof v === 'object') out.properties = Object.fromEntries(Object.entries(v).map(([p, s]) => [p, toJsonSchema(s)]));
    else if (k === 'example' || k === 'examples' || k === 'nullable' || k === 'xml' || k === 'externalDocs' || k === 'discriminator') continue;
    else out[k] = toJsonSchema(v);
  }
  if (closeObject && out.properties && out.additionalProperties === undefined) out.unevaluatedProperties = false;
  if (out.format === 'binary') delete out.format;
  return (node as Schema).nullable ? { anyOf: [out, { type: 'null' }] } : out;
}

const mediaType = (header: unknown) =>
  String(header ?? '')
    .split(';')[0]
    .trim()
    .toLowerCase();
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export class ContractChecker {
  readonly violations: string[] = [];
  private readonly ajv = new Ajv2019({ strict: false, allErrors: true, validateFormats: true });
  private readonly cache = new Map<string, ValidateFunction>();

  constructor(
    private readonly document: OpenApiDocument = loadCommittedDocument(),
    /** Routes the document does not know are let through (test probes mounted beside the real modules). */
    private readonly allowUndocumentedRoutes = false,
  ) {
    addFormats(this.ajv);
    const definitions = Object.fromEntries(Object.entries(document.components.schemas).map(([name, s]) => [name, toJsonSchema(s, true)]));
    this.ajv.addSchema({ $id: 'openapi', definitions });
  }

  /** Checks one answer; returns what is wrong with it ('' when it keeps the contract). */
  check(method: string, routeUrl: string | undefined, status: number, contentType: unknown, body: string | undefined): string {
    if (!routeUrl || method === 'HEAD' || method === 'OPTIONS' || routeUrl.startsWith('/docs')) return '';
    const path = openApiPath(routeUrl);
    const op = this.document.paths[path]?.[method.toLowerCase()];
    if (!op) return this.allowUndocumentedRoutes ? '' : `${method} ${path}: the route is not in the document`;
    const where = `${method} ${path} -> ${status}`;
    const response = op.responses?.[String(status)] ?? op.responses?.[`${String(status)[0]}XX`] ?? op.responses?.default;
    if (!response) return `${where}: status not declared (declared: ${Object.keys(op.responses ?? {}).join(', ')})`;
    const type = mediaType(contentType);
    if (!response.content) return body && body.length > 0 && status !== 204 ? `${where}: a body was sent where the document declares none` : '';
    const media = response.content[type] ?? response.content['*/*'];
    if (!media) return `${where}: content type "${type}" not declared (declared: ${Object.keys(response.content).join(', ')})`;
    if (!type.endsWith('json') || !media.schema) return '';
    let value: unknown;
    try {
      value = JSON.parse(body ?? '');
    } catch {
      return `${where}: the body is not JSON`;
    }
    const key = `${method} ${path} ${status} ${type}`;
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(toJsonSchema(media.schema) as Schema);
      this.cache.set(key, validate);
    }
    if (validate(value)) return '';
    const errors = (validate.errors ?? []).map(
      (e) =>
        `${e.instancePath || '/'} ${e.message}${e.params && 'unevaluatedProperty' in e.params ? ` (${String(e.params.unevaluatedProperty)})` : ''}${e.params && 'allowedValues' in e.params ? ` (${JSON.stringify(e.params.allowedValues)})` : ''}`,
    );
    return `${where}: the body does not match the schema: ${errors.slice(0, 8).join('; ')}`;
  }

  /** Checks every answer the Fastify instance sends; violations are collected (and logged at once). */
  attach(fastify: FastifyInstance): void {
    fastify.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : undefined;
      const streamed = payload !== null && payload !== undefined && body === undefined;
      const violation = this.check(request.method, request.routeOptions?.url, reply.statusCode, reply.getHeader('content-type'), streamed ? undefined : body);
      if (violation) {
        this.violations.push(violation);
        process.stderr.write(`contract violation: ${violation}\n`);
      }
      return payload;
    });
  }

  /** Throws when any answer broke the contract (called when a test app closes). */
  assertKept(): void {
    if (this.violations.length) {
      const unique = [...new Set(this.violations)];
      throw new Error(`${unique.length} answer(s) broke the OpenAPI contract (docs/openapi.json):\n  ${unique.join('\n  ')}`);
    }
  }
}
