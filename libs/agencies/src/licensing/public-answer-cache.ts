import { Injectable } from '@nestjs/common';
import { ConfigService } from '@app/common';
import { PublicRegistryChanges } from './public-registry-changes';

const MAX_ENTRIES = 20_000;

/**
 * Public verification answers this process built, kept for LICENSING_PUBLIC_CACHE_SECONDS (0:
 * off), and dropped as soon as the registry changes, whoever changes it: this process clears it
 * after its own commits, and every process hears the others' through Postgres
 * (PublicRegistryChanges). Nothing is kept while this process cannot hear. The scorecard's counts
 * (complaints and findings) are not registry changes: they may lag by up to the seconds above.
 *
 * Keeping an answer takes the `generation` read before the query that built it: a change heard in
 * between means the answer may predate it, and it is not kept.
 */
@Injectable()
export class PublicAnswerCache {
  private readonly entries = new Map<string, { body: string; until: number }>();
  private readonly ttlMs: number;

  constructor(
    config: ConfigService,
    private readonly changes: PublicRegistryChanges,
  ) {
    this.ttlMs = config.get('licensing').LICENSING_PUBLIC_CACHE_SECONDS * 1000;
    changes.subscribe(() => this.entries.clear());
  }

  /** What to pass to `set` with the answer built from a read that starts now. */
  generation(): number {
    return this.changes.generation;
  }

  get(key: string): string | undefined {
    if (!this.ttlMs || !this.changes.heard()) return undefined;
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Real time on purpose, not the injectable Clock: this is about serving, not a domain rule.
    if (hit.until < Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.body;
  }

  set(key: string, body: string, generation: number): void {
    if (!this.ttlMs || !this.changes.heard() || generation !== this.changes.generation) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(key, { body, until: Date.now() + this.ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}
