import { FieldError, ValidationFailedException } from '@app/common';

/**
 * How deep a JSON body may nest (objects and arrays, the top level counting as 1). No request
 * schema needs more than a few levels; a deeper body is refused before anything recurses over it
 * (class-transformer and class-validator walk bodies recursively and overflow the stack at ~2,000).
 */
export const MAX_JSON_DEPTH = 32;

/** More field errors than this say nothing more to the caller: the list stops there. */
const MAX_REPORTED = 20;

const NUL = '\u0000';
/** With the `u` flag a surrogate pair is one code point, so only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Why a piece of text cannot be stored: Postgres refuses U+0000 in text and jsonb, and a lone
 * UTF-16 surrogate is not Unicode at all (it would be stored as U+FFFD, silently changing the text).
 */
export function unstorableText(text: string): { rule: string; message: string } | null {
  if (text.includes(NUL)) return { rule: 'noNulCharacter', message: 'must not contain the NUL character (U+0000)' };
  if (LONE_SURROGATE.test(text)) return { rule: 'wellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone surrogate)' };
  return null;
}

const childPath = (parent: string, key: string | number) => (typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key);

/**
 * Every string (values and member names) of a parsed request part that cannot be stored, by its
 * path. Walks without recursion, so no input can overflow the stack here.
 */
export function unstorableTextErrors(value: unknown, root = ''): FieldError[] {
  const errors: FieldError[] = [];
  // A member whose name cannot be stored is kept on the stack as its error, so errors come in document order.
  const stack: { value: unknown; path: string; badName?: FieldError }[] = [{ value, path: root }];
  while (stack.length && errors.length < MAX_REPORTED) {
    const { value: v, path, badName } = stack.pop()!;
    if (badName) errors.push(badName);
    else if (typeof v === 'string') {
      const why = unstorableText(v);
      if (why) errors.push({ field: path, ...why });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: childPath(path, i) });
    } else if (v !== null && typeof v === 'object') {
      for (const [key, member] of Object.entries(v).reverse()) {
        const why = unstorableText(key);
        // The name itself is unreadable, so the error names where it sits and shows it escaped.
        const field = childPath(path, why ? JSON.stringify(key) : key);
        stack.push(
          why
            ? { value: undefined, path: field, badName: { field, rule: why.rule, message: `has a member name that ${why.message}` } }
            : { value: member, path: field },
        );
      }
    }
  }
  return errors;
}

/** The path of the first object or array nested deeper than `max` levels, or null when there is none. */
export function tooDeepPath(value: unknown, max = MAX_JSON_DEPTH): string | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 1 }];
  while (stack.length) {
    const { value: v, path, depth } = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return path;
    const entries: [string | number, unknown][] = Array.isArray(v) ? v.map((item, i) => [i, item]) : Object.entries(v);
    for (const [key, member] of entries) stack.push({ value: member, path: childPath(path, key), depth: depth + 1 });
  }
  return null;
}

export const tooDeepError = (path: string): ValidationFailedException =>
  new ValidationFailedException(
    [{ field: path || '(body)', rule: 'maxDepth', message: `nests objects and arrays deeper than ${MAX_JSON_DEPTH} levels` }],
    `The request body nests deeper than ${MAX_JSON_DEPTH} levels.`,
  );

/**
 * Fastify preValidation hook: refuses text that cannot be stored in the query, the path parameters
 * and the parsed body of every route, before guards, pipes or handlers see it.
 */
// (The request's parts only: Nest's Fastify instance and the top-level `fastify` types are separate copies.)
export async function refuseUnstorableText(request: { params: unknown; query: unknown; body: unknown }): Promise<void> {
  const errors = [...unstorableTextErrors(request.params), ...unstorableTextErrors(request.query), ...unstorableTextErrors(request.body)].slice(
    0,
    MAX_REPORTED,
  );
  if (errors.length) throw new ValidationFailedException(errors);
}
