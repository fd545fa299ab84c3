import type { INestApplication } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { NestContainer } from '@nestjs/core/injector/container';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import type { OperationObject, ParameterObject, ResponseObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { AccessDeclaration, RouteAccess, listRouteAccess } from '@app/auth';
import { PROBLEM_CODES_EXTENSION, ProblemCodes, ProblemStatus } from './api-problems.decorator';
import { FieldProblem, Problem } from './problem.schema';
import { API_TAGS } from './tags';

export const API_VERSION = '0.2.0';

const GUIDE = `Recruitment agency licensing, fee-cap enforcement, migrant workers' complaints and welfare-fund claims,
as one labour ministry runs them. This document is generated from the code, committed as \`docs/openapi.json\`,
and every response of the test suite is checked against it. A guide for integrators is in \`docs/api.md\`.

**Authentication.** Sign in with \`POST /auth/login\`; send the \`accessToken\` as \`Authorization: Bearer <token>\`.
Operations whose security is empty are public; every other operation says which roles may call it.

**Errors** are \`application/problem+json\` (RFC 9457). Switch on \`code\` (or \`type\`, its URN), never on \`title\`
or \`detail\`. Each error response below lists the codes it can carry; \`docs/errors.md\` explains each code.

**Money** is integer minor units (\`...Minor\`) with an ISO 4217 currency code; never floating point.
**Dates** are ISO 8601: \`date\` for civil days, \`date-time\` (UTC) for instants.
**Concurrency:** records officers edit carry a \`version\`; send it back with a change, a stale one answers 409 \`stale-version\`.
**Retries:** operations that create money or cases accept an \`Idempotency-Key\` header.`;

/** `PublicComplaintsController.file` -> `publicComplaints_file`: stable as long as the code's names are. */
export const operationIdOf = (controllerKey: string, methodKey: string) =>
  `${controllerKey.replace(/Controller$/, '').replace(/^./, (c) => c.toLowerCase())}_${methodKey}`;

const STATUS_TEXT: Record<ProblemStatus, string> = {
  400: 'The request is malformed, or a field, parameter or header is invalid (`errors` names each one).',
  401: 'No valid access token was sent.',
  403: 'The caller is signed in, but their role may not do this.',
  404: 'No such record, or one the caller may not see (the two are never told apart).',
  409: "The request conflicts with the record's current state.",
  413: 'The body (or the uploaded file) is larger than the limit.',
  415: 'The body is in a content type this operation does not accept.',
  422: 'The request is well-formed but cannot be processed as sent.',
  429: 'Too many requests; wait for `Retry-After` seconds.',
  503: 'The service cannot take the request now: overload or shutdown (nothing was done), or Postgres or Redis unreachable (a change whose commit was cut off may have landed: check before repeating it). Retry after `Retry-After` seconds.',
};

const RETRY_AFTER = { 'Retry-After': { description: 'Seconds to wait before retrying.', schema: { type: 'integer' } } } as const;

const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

function accessLine(access: AccessDeclaration | undefined): string {
  if (!access || access.kind === 'public') return '**Access:** public, no token needed.';
  if (access.kind === 'authenticated') return '**Access:** any signed-in user.';
  return `**Access:** ${access.roles.map((r) => `\`${r}\``).join(', ')}.`;
}

/** Methods whose requests Fastify reads a body of, whether or not the operation takes one. */
const BODY_METHODS = new Set(['post', 'put', 'patch', 'delete']);

/** The generic problems every operation can give, from its method, what it takes and who may call it. */
function genericProblems(method: string, op: OperationObject, access: AccessDeclaration | undefined): ProblemCodes {
  const codes: Record<number, string[]> = {};
  const add = (status: ProblemStatus, ...c: string[]) => (codes[status] = [...(codes[status] ?? []), ...c]);
  const params = (op.parameters ?? []) as ParameterObject[];
  const content = op.requestBody && 'content' in op.requestBody ? Object.keys(op.requestBody.content) : [];
  // Every request's query, path and body pass the edge check (apps/api/src/http/input-safety.ts): text
  // that cannot be stored (NUL, a lone surrogate), even in a parameter the operation does not take, is a 400.
  add(400, 'validation-failed');
  if (content.length) add(400, 'bad-request');
  // Any body is read by the parser of the type it says it is, also where the operation takes another
  // type (a JSON body to an upload) or none: broken JSON, too large, or a type no parser takes.
  if (content.length || BODY_METHODS.has(method)) {
    add(400, 'malformed-json');
    add(413, 'payload-too-large');
    add(415, 'unsupported-media-type');
  }
  // A malformed id in the path (ParseUUIDPipe) answers `bad-request`.
  if (params.some((p) => p.in === 'path')) add(400, 'bad-request');
  if (params.some((p) => p.in === 'path')) add(404, 'not-found');
  if (access && access.kind !== 'public') add(401, 'unauthenticated');
  if (access?.kind === 'roles') add(403, 'forbidden');
  add(503, 'service-unavailable');
  return codes;
}

function problemResponse(status: ProblemStatus, codes: string[]): ResponseObject {
  const list = codes.map((c) => `\`${c}\``).join(', ');
  return {
    description: `${STATUS_TEXT[status]} Codes: ${list}.`,
    ...(status === 429 || status === 503 ? { headers: RETRY_AFTER } : {}),
    content: {
      'application/problem+json': {
        schema: { allOf: [{ $ref: '#/components/schemas/Problem' }, { type: 'object', properties: { code: { type: 'string', enum: codes } } }] },
      },
    },
  };
}

/** Adds the security, access line and error responses of one operation. */
function completeOperation(method: string, op: OperationObject, route: RouteAccess | undefined): void {
  const access = route?.access;
  op.security = !access || access.kind === 'public' ? [] : [{ bearer: [] }];
  const line = accessLine(access);
  op.description = op.description ? `${op.description}\n\n${line}` : line;
  const declared = ((op as unknown as Record<string, unknown>)[PROBLEM_CODES_EXTENSION] ?? {}) as ProblemCodes;
  delete (op as unknown as Record<string, unknown>)[PROBLEM_CODES_EXTENSION];
  const generic = genericProblems(method, op, access);
  const statuses = new Set([...Object.keys(generic), ...Object.keys(declared)].map(Number) as ProblemStatus[]);
  const responses = (op.responses ??= {});
  for (const status of [...statuses].sort()) {
    const codes = [...new Set([...(generic[status] ?? []), ...(declared[status] ?? [])])];
    responses[String(status)] = problemResponse(status, codes);
  }
}

/**
 * Every route with its access declaration. Works on a preview application too (the generator's),
 * whose providers, Nest's own discovery service among them, are never instantiated.
 */
export function routesOf(app: INestApplication): RouteAccess[] {
  const modules = (app as unknown as { container: NestContainer }).container.getModules();
  return listRouteAccess(new DiscoveryService(modules), new MetadataScanner(), new Reflector());
}

/**
 * The OpenAPI document of the API: what /docs serves and what `npm run openapi` commits.
 * Security, the access line of each description and the error responses come from the route
 * declarations (`@Public`, `@Roles`) and `@ApiProblems`, so they cannot drift from the code.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Labour case system API')
    .setDescription(GUIDE)
    .setVersion(API_VERSION)
    .setLicense('AGPL-3.0-or-later', 'https://www.gnu.org/licenses/agpl-3.0.html')
    .addServer('/', 'This deployment (relative to the address the document was read from)')
    .addServer('http://127.0.0.1:3000', 'A local development start (npm start)')
    .addBearerAuth(
      { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'The `accessToken` from `POST /auth/login` or `POST /auth/refresh`.' },
      'bearer',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: operationIdOf,
    extraModels: [Problem, FieldProblem],
    autoTagControllers: false,
  });
  const routes = routesOf(app);
  const byKey = new Map(routes.map((r) => [`${r.method.toLowerCase()} ${openApiPath(r.path)}`, r]));
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method];
      if (!op) continue;
      completeOperation(method, op, byKey.get(`${method} ${path}`));
    }
  }
  document.tags = API_TAGS.map((t) => ({ ...t }));
  const problem = document.components!.schemas!.Problem as SchemaObject;
  problem.additionalProperties = true;
  problem.description =
    'RFC 9457 problem details. Members beyond those listed are extensions of a particular code (docs/errors.md), e.g. `checks`: ' +
    "on `not-ready` each dependency's check by name, on `clearance-failed` the list of renewal clearance checks.";
  return document;
}
