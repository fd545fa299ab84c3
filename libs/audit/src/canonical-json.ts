/**
 * Canonical JSON, after RFC 8785 (JCS): object members sorted by key (UTF-16 code units, as
 * `Array.prototype.sort` compares), no whitespace, arrays in order, strings and numbers as
 * `JSON.stringify` writes them (which is what RFC 8785 prescribes for both). Like JSON.stringify,
 * `undefined` members are dropped (and become `null` in arrays) and `toJSON()` is honoured, so a
 * Date is its ISO string. Unlike it, values that JSON cannot represent faithfully throw instead
 * of being silently changed: NaN and ±Infinity, bigint, Map and Set, cycles.
 */
export function canonicalJson(value: unknown): string {
  const text = serialise(value, new Set());
  if (text === undefined) throw new TypeError(`canonicalJson: ${typeof value} is not serialisable`);
  return text;
}

function serialise(value: unknown, ancestors: Set<object>): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    if (value instanceof Date && Number.isNaN(value.getTime())) throw new TypeError('canonicalJson: invalid Date');
    return serialise((value as { toJSON: () => unknown }).toJSON(), ancestors);
  }
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} has no JSON form`);
      return JSON.stringify(value);
    case 'undefined':
    case 'function':
    case 'symbol':
      return undefined;
    case 'bigint':
      throw new TypeError('canonicalJson: bigint has no JSON form; pass it as a string');
  }
  const object = value as object;
  if (object instanceof Map || object instanceof Set) throw new TypeError('canonicalJson: Map and Set have no JSON form');
  if (ancestors.has(object)) throw new TypeError('canonicalJson: cyclic structure');
  ancestors.add(object);
  try {
    if (Array.isArray(object)) return `[${object.map((item) => serialise(item, ancestors) ?? 'null').join(',')}]`;
    const members: string[] = [];
    for (const key of Object.keys(object).sort()) {
      const member = serialise((object as Record<string, unknown>)[key], ancestors);
      if (member !== undefined) members.push(`${JSON.stringify(key)}:${member}`);
    }
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(object);
  }
}
