import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import { DataSource } from 'typeorm';

/** The channel the registry's triggers notify (migration 1796453400000-PublicRegistryNotify). */
export const PUBLIC_REGISTRY_CHANNEL = 'lcs_public_registry';

/** How long to wait before listening again after the connection was lost. */
const RETRY_MS = 1_000;

/**
 * Hears every change to the public registry, whoever makes it: Postgres notifies
 * `lcs_public_registry` at the commit of any statement that wrote an agency, a branch, a license
 * or a license event, and this holds one connection LISTENing there.
 *
 * Lazy: the connection opens on the first `heard()`, so only a process that keeps public answers
 * (the API) holds one; the worker and the CLI never ask. While it is not connected (starting,
 * lost, reconnecting every second) `heard()` is false and nothing may be kept, so an answer is
 * never staler than the change that made it. Every change, and every loss of the connection, moves
 * `generation` on: an answer built from a read that began before it is not kept.
 */
@Injectable()
export class PublicRegistryChanges implements OnModuleDestroy {
  private readonly log = new Logger(PublicRegistryChanges.name);
  private client: Client | null = null;
  private connecting = false;
  private listening = false;
  private closed = false;
  private retry?: NodeJS.Timeout;
  private readonly subscribers: (() => void)[] = [];
  /** Moves on at every change heard and every loss of hearing. */
  generation = 0;

  constructor(private readonly db: DataSource) {}

  /** Whether changes are heard now (starts listening when not yet). */
  heard(): boolean {
    if (!this.listening) this.listen();
    return this.listening;
  }

  /** `fn` runs at every change heard and when hearing is lost. */
  subscribe(fn: () => void): void {
    this.subscribers.push(fn);
  }

  async onModuleDestroy(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    const client = this.client;
    this.client = null;
    this.listening = false;
    await client?.end().catch(() => undefined);
  }

  private listen(): void {
    if (this.connecting || this.closed || this.retry) return;
    this.connecting = true;
    const options = this.db.options as { url?: string };
    const client = new Client({
      connectionString: options.url,
      application_name: 'labour-case-system public-registry listener',
      connectionTimeoutMillis: 3_000,
    });
    client.on('notification', (n) => {
      if (n.channel === PUBLIC_REGISTRY_CHANNEL) this.changed();
    });
    client.on('error', (e) => this.lost(client, e));
    client.on('end', () => this.lost(client));
    client
      .connect()
      .then(() => client.query(`LISTEN ${PUBLIC_REGISTRY_CHANNEL}`))
      .then(
        () => {
          this.connecting = false;
          if (this.closed) return void client.end().catch(() => undefined);
          this.client = client;
          this.listening = true;
        },
        (e: unknown) => {
          this.connecting = false;
          this.lost(client, e);
        },
      );
  }

  private changed(): void {
    this.generation++;
    for (const fn of this.subscribers) fn();
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client !== null && this.client !== client) return;
    const wasListening = this.listening;
    this.client = null;
    this.listening = false;
    this.changed();
    client.end().catch(() => undefined);
    if (this.closed || this.retry) return;
    if (wasListening)
      this.log.warn(
        `stopped hearing public registry changes (${error instanceof Error ? error.message : 'connection ended'}); keeping no public answers until heard again`,
      );
    this.retry = setTimeout(() => {
      this.retry = undefined;
      this.listen();
    }, RETRY_MS);
    this.retry.unref();
  }
}
