/**
 * The domain-event relay's fixed tuning. What an operator may change is in the `events` config
 * namespace (EVENTS_POLL_MS, EVENTS_BATCH_SIZE, EVENTS_MAX_ATTEMPTS).
 */

/** Delay before the second attempt; each next one doubles (deterministic, no jitter: one relay loop per process walks events in order anyway). */
export const EVENT_BACKOFF_BASE_MS = 5_000;

/** The longest delay between two attempts, whatever the attempt count. */
export const EVENT_BACKOFF_CAP_MS = 60 * 60 * 1000;

/** last_error keeps at most this many characters. */
export const EVENT_LAST_ERROR_MAX_LENGTH = 500;

/** A payload's JSON form is at most this many bytes: events carry ids and facts, not documents. */
export const EVENT_PAYLOAD_MAX_BYTES = 64 * 1024;

/**
 * Event types and subscriber names: dotted lowercase words with hyphens, at least two parts,
 * e.g. `fees.violation-found`, `complaints.fee-violation-intake`.
 */
export const DOTTED_NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*(\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$/;

/** The same rule as a Postgres regular expression, for the check constraint on domain_event.type. */
export const DOTTED_NAME_SQL = '^[a-z][a-z0-9]*(-[a-z0-9]+)*(\\.[a-z][a-z0-9]*(-[a-z0-9]+)*)+$';

export const DOTTED_NAME_MAX_LENGTH = 100;
