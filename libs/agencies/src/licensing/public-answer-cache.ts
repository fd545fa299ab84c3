import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/common';

const MAX_ENTRIES = 20_000;

/**
 * Public verification answers this process built, kept for LICENSING_PUBLIC_CACHE_SECONDS (0:
 * off). Any license, profile or branch change made through this process clears it after commit;
 * a change made elsewhere (another API instance, the worker lifting a suspension) shows within
 * that many seconds, well inside the `max-age` public caches are already allowed to keep it.
 */
@Injectable()
export class PublicAnswerCache {
  private readonly entries = new Map<string, { body: string; until: number }>();
  private readonly ttlMs: number;

  constructor(config: ConfigService) {
    this.ttlMs = config.get('licensing').LICENSING_PUBLIC_CACHE_SECONDS * 1000;
  }

  get(key: string): string | undefined {
    if (!this.ttlMs) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Real time on purpose, not the injectable Clock: this is about serving, not a domain rule.
    if (hit.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.body;
  }

  set(key: string, body: string): void {
    if (!this.ttlMs) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { body, until: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
