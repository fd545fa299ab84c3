/** Injection tokens of the web process. */
export const WEB_CONFIG = Symbol('WEB_CONFIG');
/** The ioredis client (sessions, refresh locks). */
export const WEB_REDIS = Symbol('WEB_REDIS');
