import { FieldError } from './problem';

/**
 * Base of every error the system raises on purpose. `code` becomes the problem `type`
 * (urn:lcs:problem:<code>), so it must never change once released.
 * `extensions` are extra members of the problem document: only what the caller may see.
 */
export class DomainException extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = new.target.name;
  }
}

export class ValidationFailedException extends DomainException {
  constructor(
    readonly errors: FieldError[],
    detail = 'The request has invalid fields; see errors.',
  ) {
    super('validation-failed', 400, 'Validation failed', detail, { errors });
  }
}

export class NotFoundException extends DomainException {
  constructor(what = 'resource') {
    super('not-found', 404, 'Not found', `The ${what} does not exist or is not visible to you.`);
  }
}

export class ConflictException extends DomainException {
  constructor(code: string, detail: string, extensions: Record<string, unknown> = {}) {
    super(code, 409, 'Conflict', detail, extensions);
  }
}

export class MalformedJsonException extends DomainException {
  constructor() {
    super('malformed-json', 400, 'Malformed JSON', 'The request body is not valid JSON.');
  }
}

/** Optimistic locking: the caller sent the version it read, and the record has moved on since. */
export class StaleVersionException extends ConflictException {
  constructor(what: string, currentVersion: number) {
    super('stale-version', `Someone else changed this ${what} meanwhile; reload it and try again.`, { currentVersion });
  }
}
