import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { ConfigService, REDIS } from '@app/common';
import { TooManyAttemptsException } from './login-throttle.guard';

const digest = (s: string) => createHash('sha256').update(s).digest('hex').slice(0, 32);

/**
 * Takes one attempt from a counter unless it is spent: INCR (starting the window on the first),
 * and if that passes the limit, give it back and answer how many ms the window has left.
 * 0 means the attempt was taken.
 */
const TAKE = `
local n = redis.call('INCR', KEYS[1])
if redis.call('PTTL', KEYS[1]) < 0 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if n > tonumber(ARGV[2]) then
  redis.call('DECR', KEYS[1])
  local left = redis.call('PTTL', KEYS[1])
  if left < 1 then return 1 end
  return left
end
return 0
`;

/** Gives an attempt back, unless its window has ended meanwhile (the counter is gone). */
const GIVE_BACK = `
if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('DECR', KEYS[1]) end
return 0
`;

type WithCommands = Redis & {
  lcsPasswordCheckTake(key: string, ttlMs: number, limit: number): Promise<number>;
  lcsPasswordCheckGiveBack(key: string): Promise<number>;
};

/** A reserved attempt: give it back when the password was right, keep it when it was wrong. */
export interface PasswordCheckAttempt {
  succeeded(): Promise<void>;
}

/**
 * Limits wrong current passwords (`POST /me/password`) as sign-in is limited: per account and per
 * caller address, with the sign-in limits and window (AUTH_LOGIN_LIMIT_PER_ACCOUNT,
 * AUTH_LOGIN_LIMIT_PER_IP, AUTH_LOGIN_WINDOW_SECONDS), counted in Redis so the limit holds across
 * instances, keys holding digests only. Only wrong passwords count: each check reserves an
 * attempt on both counters before the password is verified (so concurrent guesses cannot overrun
 * the limit), and a right password gives its attempt back. Past a limit every check, right or
 * wrong, is refused with 429 until the window ends, before any password is verified.
 *
 * The counters are this route's own, not sign-in's: people guessing at an account's sign-in do
 * not stop its owner from changing the password, and only someone holding one of the account's
 * sessions can spend its per-account attempts here.
 */
@Injectable()
export class PasswordCheckLimiter {
  private readonly redis: WithCommands;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: ConfigService,
  ) {
    if (!('lcsPasswordCheckTake' in redis)) {
      redis.defineCommand('lcsPasswordCheckTake', { numberOfKeys: 1, lua: TAKE });
      redis.defineCommand('lcsPasswordCheckGiveBack', { numberOfKeys: 1, lua: GIVE_BACK });
    }
    this.redis = redis as WithCommands;
  }

  /** Reserves one attempt for `userId` from `ip`, or throws TooManyAttemptsException (429, retryAfter). */
  async reserve(userId: string, ip: string): Promise<PasswordCheckAttempt> {
    const { AUTH_LOGIN_LIMIT_PER_ACCOUNT, AUTH_LOGIN_LIMIT_PER_IP, AUTH_LOGIN_WINDOW_SECONDS } = this.config.get('auth');
    const prefix = `${this.config.get('redis').REDIS_PREFIX}:throttle:password-check`;
    const ttl = AUTH_LOGIN_WINDOW_SECONDS * 1000;
    const counters = [
      { key: `${prefix}:account:${digest(userId)}`, limit: AUTH_LOGIN_LIMIT_PER_ACCOUNT },
      { key: `${prefix}:ip:${digest(ip || 'unknown')}`, limit: AUTH_LOGIN_LIMIT_PER_IP },
    ];
    const taken: string[] = [];
    const giveBack = () => Promise.all(taken.map((key) => this.redis.lcsPasswordCheckGiveBack(key))).then(() => undefined);
    for (const { key, limit } of counters) {
      const leftMs = Number(await this.redis.lcsPasswordCheckTake(key, ttl, limit));
      if (leftMs > 0) {
        await giveBack();
        throw new TooManyAttemptsException(Math.max(1, Math.ceil(leftMs / 1000)));
      }
      taken.push(key);
    }
    return { succeeded: giveBack };
  }
}
