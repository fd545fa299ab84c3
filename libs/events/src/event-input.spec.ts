import { DomainEventError, PublishDomainEvent, isDottedName, prepareDomainEvent } from './event-input';
import { EVENT_PAYLOAD_MAX_BYTES } from './events.constants';

const event = (overrides: Partial<PublishDomainEvent> = {}): PublishDomainEvent => ({
  type: 'fees.violation-found',
  aggregateType: 'fee-assessment',
  aggregateId: '6f1c2d4e-1111-4a2b-9c3d-000000000001',
  payload: {
    assessmentId: '6f1c2d4e-1111-4a2b-9c3d-000000000001',
    excessMinor: '1250000',
    currency: 'PHP',
    items: [{ code: 'placement', over: true }],
    note: null,
  },
  ...overrides,
});

describe('prepareDomainEvent', () => {
  it('accepts a well-formed event and keeps its payload as JSON, correlation id null when absent', () => {
    const p = prepareDomainEvent(event());
    expect(p).toMatchObject({ type: 'fees.violation-found', aggregateType: 'fee-assessment', correlationId: null });
    expect(JSON.parse(p.payloadJson)).toEqual(event().payload);
    expect(prepareDomainEvent(event({ correlationId: 'req-42' })).correlationId).toBe('req-42');
  });

  it.each(['fees.violation-found', 'complaints.case-opened', 'a.b.c', 'fees2.x9-y'])('accepts the type %s', (type) => {
    expect(() => prepareDomainEvent(event({ type }))).not.toThrow();
  });

  it.each([
    'fees',
    'Fees.violation-found',
    'fees.violation_found',
    'fees..x',
    'fees.x-',
    '.fees.x',
    'fees.-x',
    'fees.violation found',
    '1fees.x',
    `fees.${'x'.repeat(100)}`,
  ])('refuses the type %s (dotted lowercase words only)', (type) => {
    expect(() => prepareDomainEvent(event({ type }))).toThrow(DomainEventError);
  });

  it('refuses a type that is not a string', () => {
    expect(() => prepareDomainEvent(event({ type: 42 as unknown as string }))).toThrow(/type must be dotted lowercase/);
  });

  it('refuses malformed aggregates and correlation ids', () => {
    expect(() => prepareDomainEvent(event({ aggregateType: 'FeeAssessment' }))).toThrow(/aggregateType/);
    expect(() => prepareDomainEvent(event({ aggregateType: '' }))).toThrow(/aggregateType/);
    expect(() => prepareDomainEvent(event({ aggregateId: '  ' }))).toThrow(/aggregateId/);
    expect(() => prepareDomainEvent(event({ aggregateId: 'a\nb' }))).toThrow(/aggregateId/);
    expect(() => prepareDomainEvent(event({ aggregateId: 7 as unknown as string }))).toThrow(/aggregateId/);
    expect(() => prepareDomainEvent(event({ correlationId: '' }))).toThrow(/correlationId/);
  });

  it('refuses a payload that is not a plain object', () => {
    for (const payload of [null, [], 'x', 3, new Date(), new Map()]) {
      expect(() => prepareDomainEvent(event({ payload: payload as unknown as Record<string, unknown> }))).toThrow(/payload must be a plain object/);
    }
  });

  it('accepts an object without a prototype', () => {
    const payload = Object.assign(Object.create(null) as Record<string, unknown>, { a: 1 });
    expect(JSON.parse(prepareDomainEvent(event({ payload })).payloadJson)).toEqual({ a: 1 });
  });

  it('refuses a bigint anywhere in the payload, naming where', () => {
    expect(() => prepareDomainEvent(event({ payload: { amountMinor: 125n } }))).toThrow(/payload\.amountMinor is a bigint/);
    expect(() => prepareDomainEvent(event({ payload: { lines: [{ amount: 1 }, { amount: 2n }] } }))).toThrow(/payload\.lines\[1\]\.amount is a bigint/);
  });

  it('refuses what JSON would change or drop: undefined, NaN, Infinity, functions, symbols, Dates, class instances', () => {
    class Money {
      constructor(readonly minor: number) {}
    }
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ a: undefined }, /payload\.a is undefined/],
      [{ a: NaN }, /payload\.a must be a finite number/],
      [{ a: Infinity }, /finite number/],
      [{ a: () => 1 }, /payload\.a is a function/],
      [{ a: Symbol('s') }, /payload\.a is a symbol/],
      [{ at: new Date('2026-01-01T00:00:00Z') }, /payload\.at is a Date, not plain JSON: send an ISO string/],
      [{ m: new Money(1) }, /payload\.m is a Money/],
      [{ s: new Set([1]) }, /payload\.s is a Set/],
    ];
    for (const [payload, message] of cases) expect(() => prepareDomainEvent(event({ payload }))).toThrow(message);
  });

  it('refuses a payload that refers back to itself, but accepts one object used twice', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = loop;
    expect(() => prepareDomainEvent(event({ payload: loop }))).toThrow(/refers back to itself/);
    const shared = { id: 'x' };
    expect(() => prepareDomainEvent(event({ payload: { first: shared, second: shared } }))).not.toThrow();
  });

  it('refuses a payload nested absurdly deep or too large', () => {
    let deep: Record<string, unknown> = {};
    const root = deep;
    for (let i = 0; i < 40; i++) deep = (deep.n = {}) as Record<string, unknown>;
    expect(() => prepareDomainEvent(event({ payload: root }))).toThrow(/nests deeper/);
    expect(() => prepareDomainEvent(event({ payload: { blob: 'x'.repeat(EVENT_PAYLOAD_MAX_BYTES) } }))).toThrow(/at most 65536 bytes/);
  });
});

describe('isDottedName', () => {
  it('tells subscriber names and event types apart from anything else', () => {
    expect(isDottedName('complaints.fee-violation-intake')).toBe(true);
    expect(isDottedName('complaints')).toBe(false);
    expect(isDottedName(undefined)).toBe(false);
  });
});
