import type { OpenAPIObject } from '@nestjs/swagger';
import type { OperationObject, ReferenceObject, SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

/** Answers that carry no body by nature: 204, redirects, and files (whose schema is `binary`). */
const isBodyless = (status: string) => status === '204' || status.startsWith('3');

/**
 * What the contract still lacks: operations without a summary, a description, a success
 * response with a schema, or any error response; request bodies whose schema is empty.
 */
export function contractGaps(document: OpenAPIObject): string[] {
  const gaps: string[] = [];
  const schemas = document.components?.schemas ?? {};
  const tags = new Set((document.tags ?? []).map((t) => t.name));
  const resolve = (s: SchemaObject | ReferenceObject | undefined): SchemaObject | undefined =>
    s && '$ref' in s ? (schemas[s.$ref.split('/').pop()!] as SchemaObject | undefined) : s;
  const isEmpty = (s: SchemaObject | ReferenceObject | undefined): boolean => {
    const r = resolve(s);
    if (r === undefined) return true;
    if (r.allOf || r.oneOf || r.anyOf || r.items || r.enum || (r.type && r.type !== 'object') || r.format) return false;
    return !r.properties || Object.keys(r.properties).length === 0;
  };
  for (const [path, item] of Object.entries(document.paths)) {
    for (const method of METHODS) {
      const op = item[method] as OperationObject | undefined;
      if (!op) continue;
      const where = `${method.toUpperCase()} ${path}`;
      if (!op.summary) gaps.push(`${where}: no summary`);
      if (!op.tags?.length) gaps.push(`${where}: no tag`);
      for (const tag of op.tags ?? []) if (!tags.has(tag)) gaps.push(`${where}: the tag "${tag}" is not in apps/api/src/openapi/tags.ts`);
      if (!op.description || op.description.startsWith('**Access:**')) gaps.push(`${where}: no description`);
      const responses = Object.entries(op.responses ?? {});
      const success = responses.filter(([status]) => /^[23]/.test(status));
      if (!success.length) gaps.push(`${where}: no success response`);
      for (const [status, r] of success) {
        if (isBodyless(status)) continue;
        const content = r && 'content' in r ? r.content : undefined;
        if (!content || !Object.values(content).some((c) => c.schema && !isEmpty(c.schema))) gaps.push(`${where}: ${status} has no schema`);
      }
      if (!responses.some(([status]) => /^[45]/.test(status))) gaps.push(`${where}: no error response`);
      const body = op.requestBody && 'content' in op.requestBody ? op.requestBody.content : undefined;
      for (const [type, media] of Object.entries(body ?? {})) {
        if (isEmpty(media.schema)) gaps.push(`${where}: empty ${type} request schema`);
      }
    }
  }
  return gaps;
}
