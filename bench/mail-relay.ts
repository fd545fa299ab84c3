/**
 * `npm run bench -- mail-relay`: how fast the worker's mail relay empties the outbox into a local
 * SMTP server, beside the least a relay can do (a bare nodemailer pool sending the same number of
 * messages to the same server) and the peak filing rate it has to keep up with.
 *
 * Creates a scratch database (migrated from zero), starts an SMTP server in this process (the
 * `smtp-server` package: it accepts every message and counts it by Message-ID), then, one after
 * the other:
 *   1. bare: bench/mail-relay-bare.mjs sends N copies of a rendered acknowledgement over a
 *      nodemailer pool with the relay's pool size and messages in flight (no database, no
 *      sealing, no rendering per message);
 *   2. before (with --before-root <checkout>): the worker of another checkout of this repository
 *      (e.g. the commit before a relay change) relays --before-count messages;
 *   3. relay: this checkout's worker (apps/worker/src/main.ts, the real process) relays N messages.
 * Each relay run starts from an outbox holding N acknowledgements as filing writes them: enqueued
 * with the app's own `Notifications.enqueueMany` (address and data sealed with the run's field
 * keys, dedup key digested), in the four languages. Measured from the first message the server
 * accepted to the last row marked sent. Then checked: every row sent, each Message-ID received
 * exactly once, nothing else received, nothing left pending or failed.
 *
 *   npm run bench -- mail-relay [--count 20000] [--filing-rps <req/s>] [--before-root <dir>]
 *                               [--before-count 3000] [--connections <n>] [--concurrency <n>]
 *
 * --filing-rps: the app's req/s from `npm run bench -- file-complaint` in the same session; the
 * target is relay msgs/s >= 2 x that (one or two mails per filing). Without it the rate is
 * reported only. --connections / --concurrency set SMTP_POOL_CONNECTIONS / MAIL_RELAY_CONCURRENCY
 * for the worker and the bare sender (default: the app's defaults).
 *
 * Exit status 0 when every check holds and the target (if given) is met, 1 otherwise.
 * Uses DATABASE_URL's server and REDIS_URL; writes .bench/mail-relay-<timestamp>.json.
 */
import 'reflect-metadata';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import Redis from 'ioredis';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';
import { DataSource } from 'typeorm';
import { admin, urlFor } from './lib/scratch-databases';
import { FieldEncryption, MailEnv, SystemClock } from '@app/common';
import { buildDataSourceOptions } from '@app/database';
import { NotificationMessage, Notifications, RecipientDirectory, renderTemplate } from '@app/notifications';

const ROOT = resolve(__dirname, '..');
const REDIS_URL = process.env.REDIS_URL || 'redis://127.0.0.1:6379';
const LANGUAGES = ['en', 'en', 'en', 'en', 'en', 'fil', 'fil', 'id', 'id', 'ne'] as const;
/** The longest a relay run may take before it is called failed (the relay of old ran at ~60 msgs/s). */
const RUN_TIMEOUT_MS = 15 * 60_000;

function options() {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '20000' },
      'filing-rps': { type: 'string' },
      'before-root': { type: 'string' },
      'before-count': { type: 'string', default: '3000' },
      connections: { type: 'string' },
      concurrency: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const usage =
    'usage: npm run bench -- mail-relay [--count 20000] [--filing-rps <req/s>] [--before-root <dir>] [--before-count 3000] [--connections <n>] [--concurrency <n>]';
  if (values.help) throw Object.assign(new Error(usage), { usage: true });
  const int = (name: string, v: string | undefined, min: number) => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min) throw Object.assign(new Error(`--${name} must be an integer >= ${min}\n${usage}`), { usage: true });
    return n;
  };
  const filingRps = values['filing-rps'] === undefined ? undefined : Number(values['filing-rps']);
  if (filingRps !== undefined && !(filingRps > 0)) throw Object.assign(new Error(`--filing-rps must be a positive number\n${usage}`), { usage: true });
  // The app's own defaults, where not overridden (the bare sender uses the same).
  const defaults = new MailEnv();
  return {
    count: int('count', values.count, 1)!,
    filingRps,
    beforeRoot: values['before-root'] ? resolve(values['before-root']) : undefined,
    beforeCount: int('before-count', values['before-count'], 1)!,
    connections: int('connections', values.connections, 1),
    concurrency: int('concurrency', values.concurrency, 1),
    poolConnections: int('connections', values.connections, 1) ?? defaults.SMTP_POOL_CONNECTIONS,
    inFlight: int('concurrency', values.concurrency, 1) ?? defaults.MAIL_RELAY_CONCURRENCY,
    messagesPerConnection: defaults.SMTP_POOL_MAX_MESSAGES,
  };
}
type Options = ReturnType<typeof options>;

/** The SMTP server: accepts everything, counts messages by Message-ID, remembers when the first and last were accepted. */
class CountingSmtpServer {
  readonly byMessageId = new Map<string, number>();
  accepted = 0;
  firstAt = 0;
  lastAt = 0;
  sessions = 0;
  maxSessions = 0;
  port = 0;
  private server?: SMTPServer;

  reset(): void {
    this.byMessageId.clear();
    this.accepted = this.firstAt = this.lastAt = this.maxSessions = 0;
  }

  async start(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      closeTimeout: 200,
      onConnect: (_session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        this.sessions += 1;
        this.maxSessions = Math.max(this.maxSessions, this.sessions);
        callback();
      },
      onClose: () => {
        this.sessions -= 1;
      },
      onData: (stream: SMTPServerDataStream, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        let head = '';
        let id: string | undefined;
        stream.on('data', (chunk: Buffer) => {
          if (id !== undefined || head.length > 65_536) return;
          head += chunk.toString('latin1');
          const end = head.indexOf('\r\n\r\n');
          if (end >= 0) id = /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head.slice(0, end))?.[1] ?? '';
        });
        stream.on('end', () => {
          const key = id ?? /^Message-ID:\s*(<[^>\r\n]+>)/im.exec(head)?.[1] ?? '';
          this.byMessageId.set(key, (this.byMessageId.get(key) ?? 0) + 1);
          this.accepted += 1;
          const now = Date.now();
          if (!this.firstAt) this.firstAt = now;
          this.lastAt = now;
          callback();
        });
      },
    });
    await new Promise<void>((ok, fail) => {
      this.server!.once('error', fail);
      this.server!.listen(0, '127.0.0.1', () => ok());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }

  stop(): Promise<void> {
    return new Promise((ok) => (this.server ? this.server.close(() => ok()) : ok()));
  }
}

/** Filing's acknowledgement, as complaint intake enqueues it (one per filing that kept an address). */
function acknowledgement(tag: string, i: number): NotificationMessage {
  const reference = `CMP-2026-${String(i).padStart(6, '0')}-K`;
  return {
    to: { address: `bench.${tag}.${i}@example.org` },
    template: 'case.received',
    language: LANGUAGES[i % LANGUAGES.length],
    data: { referenceNumber: reference, trackingCode: reference, trackingUrl: `https://cases.example.gov/complaints/follow?reference=${reference}` },
    dedupKey: `case.received:bench-${tag}-${i}`,
  };
}

/** Empties the outbox and writes `count` acknowledgements through the app's enqueue, 500 per transaction. */
async function fillOutbox(ds: DataSource, crypto: FieldEncryption, count: number, tag: string): Promise<void> {
  await ds.query('TRUNCATE notification_outbox');
  // Messages to an address never ask the directory (that is for accounts).
  const noDirectory = {} as RecipientDirectory;
  const notifications = new Notifications(new SystemClock(), crypto, noDirectory);
  for (let i = 0; i < count; i += 500) {
    const batch = Array.from({ length: Math.min(500, count - i) }, (_, k) => acknowledgement(tag, i + k));
    await ds.transaction((m) => notifications.enqueueMany(m, batch));
  }
  await ds.query('ANALYZE notification_outbox');
}

interface Measured {
  target: string;
  messages: number;
  seconds: number;
  rate: number;
  /** First to last accepted at the server (the sends alone, without recording the last ones). */
  smtpRate: number;
  maxSessions: number;
  check: { ok: boolean; lines: string[] };
  loadavg: number[];
}

/** Waits until `done()` or the timeout; polls every `everyMs`. */
async function until(what: string, done: () => Promise<boolean>, timeoutMs: number, everyMs = 100) {
  const end = Date.now() + timeoutMs;
  while (!(await done())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

function measuredFrom(target: string, messages: number, smtp: CountingSmtpServer, endAt: number, check: Measured['check']): Measured {
  const seconds = (endAt - smtp.firstAt) / 1000;
  const smtpSeconds = Math.max(0.001, (smtp.lastAt - smtp.firstAt) / 1000);
  return { target, messages, seconds, rate: messages / seconds, smtpRate: messages / smtpSeconds, maxSessions: smtp.maxSessions, check, loadavg: os.loadavg() };
}

/** The bare sender: a child process, so that it does not share a core with the SMTP server any more than the worker does. */
async function runBare(o: Options, smtp: CountingSmtpServer): Promise<Measured> {
  smtp.reset();
  const sample = renderTemplate('case.received', 'en', acknowledgement('bare', 1).data);
  const child = spawn(process.execPath, [join(ROOT, 'bench', 'mail-relay-bare.mjs')], {
    env: {
      ...process.env,
      BARE_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      BARE_COUNT: String(o.count),
      BARE_CONNECTIONS: String(o.poolConnections),
      BARE_IN_FLIGHT: String(o.inFlight),
      BARE_MESSAGES_PER_CONNECTION: String(o.messagesPerConnection),
      BARE_MESSAGE: JSON.stringify(sample),
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error(`the bare sender exited with ${code}`);
  const endAt = smtp.lastAt;
  const dup = [...smtp.byMessageId.values()].filter((n) => n > 1).length;
  const ok = smtp.accepted === o.count && smtp.byMessageId.size === o.count && dup === 0;
  return measuredFrom('bare nodemailer pool', o.count, smtp, endAt, {
    ok,
    lines: [`accepted ${smtp.accepted} of ${o.count}, ${smtp.byMessageId.size} distinct Message-IDs`],
  });
}

/** One relay run: fill, start the worker of `root`, wait until every row is sent, stop it (SIGTERM), check. */
async function runRelay(
  label: string,
  root: string,
  count: number,
  o: Options,
  smtp: CountingSmtpServer,
  ds: DataSource,
  crypto: FieldEncryption,
  env: NodeJS.ProcessEnv,
): Promise<Measured> {
  const tag = randomBytes(3).toString('hex');
  process.stderr.write(`${label}: writing ${count} acknowledgements to the outbox...\n`);
  await fillOutbox(ds, crypto, count, tag);
  smtp.reset();
  const prefix = `${env.REDIS_PREFIX}-${tag}`;
  process.stderr.write(`${label}: starting the worker (${relative(ROOT, root) || '.'})...\n`);
  let output = '';
  const child: ChildProcess = spawn(process.execPath, ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', 'apps/worker/src/main.ts'], {
    cwd: root,
    env: { ...env, REDIS_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (d) => (output = (output + d).slice(-20_000)));
  child.stderr!.on('data', (d) => (output = (output + d).slice(-20_000)));
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  let endAt = 0;
  let lastProgress = Date.now();
  try {
    await until(
      `${label}: every message sent`,
      async () => {
        if (child.exitCode !== null) throw new Error(`${label}: the worker exited (${child.exitCode}):\n${output}`);
        const [{ sent, at }] = (await ds.query(`SELECT count(*)::int AS sent, max(sent_at) AS at FROM notification_outbox WHERE state = 'sent'`)) as {
          sent: number;
          at: Date | null;
        }[];
        if (Date.now() - lastProgress > 5_000) {
          lastProgress = Date.now();
          process.stderr.write(`${label}: ${sent} of ${count} sent\n`);
        }
        if (sent < count) return false;
        endAt = at!.getTime();
        return true;
      },
      RUN_TIMEOUT_MS,
      100,
    );
  } finally {
    child.kill('SIGTERM');
    const code = await exited;
    if (code !== 0) process.stderr.write(`${label}: the worker exited with ${code} on SIGTERM\n${output}\n`);
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}:*`);
    if (keys.length) await redis.del(...keys);
    redis.disconnect();
  }
  const rows = (await ds.query(`SELECT id, state, message_id FROM notification_outbox`)) as { id: string; state: string; message_id: string | null }[];
  const states = new Map<string, number>();
  for (const r of rows) states.set(r.state, (states.get(r.state) ?? 0) + 1);
  const expected = new Set(rows.map((r) => `<${r.id}@lcs>`));
  const once = rows.filter((r) => smtp.byMessageId.get(`<${r.id}@lcs>`) === 1).length;
  const twice = rows.filter((r) => (smtp.byMessageId.get(`<${r.id}@lcs>`) ?? 0) > 1).length;
  const missing = rows.filter((r) => !smtp.byMessageId.has(`<${r.id}@lcs>`)).length;
  const strangers = [...smtp.byMessageId.keys()].filter((k) => !expected.has(k)).length;
  const recordedId = rows.filter((r) => r.message_id === `<${r.id}@lcs>`).length;
  const ok = rows.length === count && states.get('sent') === count && once === count && twice === 0 && missing === 0 && strangers === 0 && recordedId === count;
  return measuredFrom(label, count, smtp, endAt, {
    ok,
    lines: [
      `outbox rows ${rows.length}: ${[...states].map(([s, n]) => `${n} ${s}`).join(', ')}`,
      `received by Message-ID: ${once} exactly once, ${twice} more than once, ${missing} never; ${strangers} unknown; ${smtp.accepted} accepted in all`,
      `rows whose recorded Message-ID is theirs: ${recordedId}`,
    ],
  });
}

async function main(): Promise<number> {
  const o = options();
  const db = `lcs_bench_mail_${randomBytes(4).toString('hex')}`;
  const keys = { FIELD_ENCRYPTION_KEYS: `bench:${randomBytes(32).toString('base64')}`, FIELD_INDEX_KEY: randomBytes(32).toString('base64') };
  const crypto = FieldEncryption.fromSettings({ NODE_ENV: 'production', ...keys });
  const smtp = new CountingSmtpServer();
  await smtp.start();
  await admin(`CREATE DATABASE "${db}"`);
  const ds = new DataSource({ ...buildDataSourceOptions({ DATABASE_URL: urlFor(db), DATABASE_POOL_SIZE: 4, DATABASE_LOG_SQL: 'false' }), entities: [] });
  await ds.initialize();
  const results: Measured[] = [];
  const loadBefore = os.loadavg();
  try {
    await ds.runMigrations({ transaction: 'each' });
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      // Production refuses the development secrets and keys: fresh ones per run.
      AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
      ...keys,
      DATABASE_URL: urlFor(db),
      REDIS_URL,
      REDIS_PREFIX: process.env.REDIS_PREFIX || `lcs-bench-mail-${randomBytes(3).toString('hex')}`,
      LOG_LEVEL: 'warn',
      SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
      ...(o.connections ? { SMTP_POOL_CONNECTIONS: String(o.connections) } : {}),
      ...(o.concurrency ? { MAIL_RELAY_CONCURRENCY: String(o.concurrency) } : {}),
    };
    process.stderr.write(`bare: ${o.count} messages over ${o.poolConnections} pooled connections, ${o.inFlight} in flight...\n`);
    results.push(await runBare(o, smtp));
    if (o.beforeRoot) results.push(await runRelay('relay before', o.beforeRoot, o.beforeCount, o, smtp, ds, crypto, env));
    results.push(await runRelay('relay', ROOT, o.count, o, smtp, ds, crypto, env));
  } finally {
    await ds.destroy();
    await admin(`DROP DATABASE IF EXISTS "${db}" WITH (FORCE)`);
    await smtp.stop();
  }

  const bare = results[0];
  const relay = results[results.length - 1];
  const ratio = relay.rate / bare.rate;
  const target = o.filingRps !== undefined ? 2 * o.filingRps : undefined;
  const pass = target === undefined ? null : relay.rate >= target;
  const header = ['target', 'messages', 'seconds', 'msgs/s', 'msgs/s at SMTP', 'max sessions', 'check'];
  const body = results.map((r) => [
    r.target,
    String(r.messages),
    r.seconds.toFixed(1),
    r.rate.toFixed(0),
    r.smtpRate.toFixed(0),
    String(r.maxSessions),
    r.check.ok ? 'PASS' : 'FAIL',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log(`\nmail-relay: the outbox emptied into a local SMTP server (pool ${o.poolConnections} connections, ${o.inFlight} messages in flight)\n`);
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...body.map(line)].join('\n'));
  for (const r of results)
    console.log(`\n${r.target}:\n  ${r.check.lines.join('\n  ')}\n  load average after: ${r.loadavg.map((l) => l.toFixed(2)).join(' ')}`);
  console.log(`\nratio relay/bare (msgs/s): ${ratio.toFixed(3)}`);
  if (results.length === 3) console.log(`relay now / before: ${(relay.rate / results[1].rate).toFixed(1)}x`);
  console.log(
    target === undefined
      ? 'target: relay msgs/s >= 2 x filing req/s: not checked (give --filing-rps from `npm run bench -- file-complaint` in this session)'
      : `target: relay msgs/s >= 2 x filing req/s (${o.filingRps} req/s) = ${target.toFixed(0)}, got ${relay.rate.toFixed(0)}  ${pass ? 'PASS' : 'FAIL'}`,
  );
  const failures = [...results.filter((r) => !r.check.ok).map((r) => `${r.target}: check failed`), ...(pass === false ? ['target not met'] : [])];
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, '.bench', `mail-relay-${stamp}.json`);
  await mkdir(join(ROOT, '.bench'), { recursive: true });
  await writeFile(
    out,
    JSON.stringify(
      {
        scenario: 'mail-relay',
        at: new Date().toISOString(),
        options: o,
        machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavgBefore: loadBefore, loadavgAfter: os.loadavg(), node: process.version },
        results,
        ratio,
        target: target === undefined ? null : { filingRps: o.filingRps, minRate: target, pass },
        ok: failures.length === 0,
        failures,
      },
      null,
      2,
    ) + '\n',
  );
  console.log(`\nwritten ${relative(ROOT, out)}`);
  console.log(failures.length ? `FAIL: ${failures.join('; ')}` : 'OK');
  return failures.length ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: Error & { usage?: boolean }) => {
    console.error(e.usage ? e.message : e);
    process.exit(e.usage ? 2 : 1);
  },
);
