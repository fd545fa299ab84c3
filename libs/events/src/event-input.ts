import { DOTTED_NAME, DOTTED_NAME_MAX_LENGTH, EVENT_PAYLOAD_MAX_BYTES } from './events.constants';

/** What a module publishes. */
export interface PublishDomainEvent {
  /** Dotted lowercase, `<module>.<what-happened>`: 'fees.violation-found'. */
  type: string;
  /** What the event is about: 'fee-assessment'. Lowercase words with `-`, `_` or `.`. */
  aggregateType: string;
  /** Its id (a uuid, a reference number). */
  aggregateId: string;
  /**
   * Plain JSON: objects, arrays, strings, finite numbers, booleans, null. No bigint (send minor
   * units as decimal strings), no Date (send ISO strings), no undefined, no class instances:
   * a subscriber receives exactly what was published. Ids and facts, not personal data.
   */
  payload: Record<string, unknown>;
  /** The request or job that published it (its X-Request-Id or job id). */
  correlationId?: string;
}

/** A programming error in a call to `DomainEvents.publish` (never user input): the caller's transaction should roll back. */
export class DomainEventError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DomainEventError';
  }
}

const AGGREGATE_TYPE = /^[a-z][a-z0-9]*([-_.][a-z0-9]+)*$/;
const hasControlCharacter = (s: string) => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const MAX_DEPTH = 32;

/** True for an event type or subscriber name: 'fees.violation-found', 'complaints.fee-violation-intake'. */
export function isDottedName(name: unknown): name is string {
  return typeof name === 'string' && name.length <= DOTTED_NAME_MAX_LENGTH && DOTTED_NAME.test(name);
}

/** An event ready to insert: validated, payload as its JSON text. */
export interface PreparedDomainEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payloadJson: string;
  correlationId: string | null;
}

/**
 * Validates an event before anything touches the database, so a wrong one fails in the caller's
 * code path and its transaction rolls back. Throws DomainEventError.
 */
export function prepareDomainEvent(e: PublishDomainEvent): PreparedDomainEvent {
  if (!e || typeof e !== 'object') throw new DomainEventError('event must be an object');
  if (!isDottedName(e.type)) {
    throw new DomainEventError(`type must be dotted lowercase words, e.g. 'fees.violation-found' (got ${describe(e.type)})`);
  }
  if (typeof e.aggregateType !== 'string' || e.aggregateType.length > 100 || !AGGREGATE_TYPE.test(e.aggregateType)) {
    throw new DomainEventError(`aggregateType must be lowercase words, e.g. 'fee-assessment' (got ${describe(e.aggregateType)})`);
  }
  if (typeof e.aggregateId !== 'string' || e.aggregateId.trim() === '' || e.aggregateId.length > 200 || hasControlCharacter(e.aggregateId)) {
    throw new DomainEventError('aggregateId must be a non-empty string of at most 200 characters');
  }
  if (e.correlationId !== undefined && e.correlationId !== null) {
    if (typeof e.correlationId !== 'string' || e.correlationId === '' || e.correlationId.length > 200 || hasControlCharacter(e.correlationId)) {
      throw new DomainEventError('correlationId must be a non-empty string of at most 200 characters');
    }
  }
  if (!isPlainObject(e.payload)) throw new DomainEventError('payload must be a plain object');
  assertPlainJson(e.payload, 'payload', 0, new Set());
  const payloadJson = JSON.stringify(e.payload);
  if (Buffer.byteLength(payloadJson, 'utf8') > EVENT_PAYLOAD_MAX_BYTES) {
    throw new DomainEventError(`payload must be at most ${EVENT_PAYLOAD_MAX_BYTES} bytes as JSON (carry ids, not documents)`);
  }
  return { type: e.type, aggregateType: e.aggregateType, aggregateId: e.aggregateId, payloadJson, correlationId: e.correlationId ?? null };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/** Throws unless `v` survives JSON.stringify and JSON.parse unchanged. */
function assertPlainJson(v: unknown, path: string, depth: number, ancestors: Set<object>): void {
  if (depth > MAX_DEPTH) throw new DomainEventError(`${path} nests deeper than ${MAX_DEPTH} levels`);
  switch (typeof v) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(v)) throw new DomainEventError(`${path} must be a finite number (JSON has no NaN or Infinity)`);
      return;
    case 'bigint':
      throw new DomainEventError(`${path} is a bigint, which JSON cannot carry: send it as a decimal string`);
    case 'undefined':
      throw new DomainEventError(`${path} is undefined (JSON would drop it): leave the key out or use null`);
    case 'function':
    case 'symbol':
      throw new DomainEventError(`${path} is a ${typeof v}, which JSON cannot carry`);
    case 'object': {
      if (v === null) return;
      if (ancestors.has(v)) throw new DomainEventError(`${path} refers back to itself`);
      if (Array.isArray(v)) {
        ancestors.add(v);
        v.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`, depth + 1, ancestors));
        ancestors.delete(v);
        return;
      }
      if (!isPlainObject(v)) {
        const name = (v as object).constructor?.name ?? 'object';
        throw new DomainEventError(`${path} is a ${name}, not plain JSON${name === 'Date' ? ': send an ISO string' : ''}`);
      }
      ancestors.add(v);
      for (const [key, value] of Object.entries(v)) assertPlainJson(value, `${path}.${key}`, depth + 1, ancestors);
      ancestors.delete(v);
      return;
    }
  }
}

function describe(v: unknown): string {
  return typeof v === 'string' ? `'${v.slice(0, 60)}'` : typeof v;
}
