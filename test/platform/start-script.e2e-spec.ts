/**
 * The pieces of `npm start` (scripts/lib/*.mjs) against the real Postgres, Redis and MailDev:
 * creating the database DATABASE_URL names, a data directory every mode can use after another,
 * the development mail catcher, and the log lines. The scripts are ES modules run by plain
 * `node`, so each case runs them in a child process, as `npm start` does.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from 'pg';
import { TEST_DATABASE_URL, TEST_REDIS_URL, databaseUrl } from '../support/env';

const ROOT = join(__dirname, '..', '..');
const lib = (name: string) => JSON.stringify(pathToFileURL(join(ROOT, 'scripts', 'lib', name)).href);
const isRoot = process.getuid?.() === 0;
const asRoot = isRoot ? it : it.skip;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs an ES module snippet with plain node from the repository root; `user` runs it as that user (root only). */
function runModule(code: string, { env = {}, user }: { env?: Record<string, string>; user?: string } = {}): Promise<Result> {
  const node = [process.execPath, '--input-type=module', '-e', code];
  const [cmd, ...args] = user ? ['setpriv', `--reuid=${user}`, `--regid=${user === 'nobody' ? 'nogroup' : user}`, '--clear-groups', '--', ...node] : node;
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (c) => resolve({ code: c, stdout, stderr }));
  });
}

/** The last stdout line, parsed (each snippet ends by printing its findings as JSON). */
const findings = <T>(r: Result): T => {
  if (r.code !== 0) throw new Error(`exit ${r.code}:\n${r.stdout}\n${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop()!) as T;
};

async function databaseExists(name: string): Promise<boolean> {
  const c = new Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    return (await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
  } finally {
    await c.end();
  }
}

async function dropDatabase(name: string): Promise<void> {
  const c = new Client({ connectionString: TEST_DATABASE_URL });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

describe('npm start: finding the services (scripts/lib/services.mjs)', () => {
  it('creates the database DATABASE_URL names when its server answers and the database is missing', async () => {
    const name = `lcs_start_${randomBytes(4).toString('hex')}`;
    const url = databaseUrl(name);
    try {
      expect(await databaseExists(name)).toBe(false);
      const run = () =>
        runModule(
          `import { ensureServices, pgAnswers } from ${lib('services.mjs')};
           const lines = [];
           const s = await ensureServices({ log: (m) => lines.push(m) });
           const answers = (await pgAnswers(s.databaseUrl)).ok;
           await s.stop();
           console.log(JSON.stringify({ lines, databaseUrl: s.databaseUrl, answers }));`,
          { env: { DATABASE_URL: url, REDIS_URL: TEST_REDIS_URL } },
        );
      const first = findings<{ lines: string[]; databaseUrl: string; answers: boolean }>(await run());
      expect(first).toMatchObject({ databaseUrl: url, answers: true });
      expect(first.lines).toContain(`postgres: created database ${name}`);
      expect(await databaseExists(name)).toBe(true);
      // Once there, it is used as it is.
      const second = findings<{ lines: string[] }>(await run());
      expect(second.lines.join('\n')).not.toMatch(/created database/);
    } finally {
      await dropDatabase(name);
    }
  });

  // The API creates its documents directory like `mkdir -p -m 0700`: a `.data` it creates first is
  // closed to others, and a local Postgres started as root runs as the postgres user.
  asRoot(
    'starts a local Postgres in a data directory the API created closed (0700), letting the postgres user through',
    async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'lcs-data-')); // 0700, owned by root
      try {
        mkdirSync(join(dataDir, 'documents', '.tmp'), { recursive: true, mode: 0o700 });
        expect(statSync(dataDir).mode & 0o777).toBe(0o700);
        const r = await runModule(
          `import { ensureServices, pgAnswers } from ${lib('services.mjs')};
           const lines = [];
           const s = await ensureServices({ dataDir: ${JSON.stringify(dataDir)}, forceLocal: true, log: (m) => lines.push(m) });
           const answers = (await pgAnswers(s.databaseUrl)).ok;
           await s.stop();
           console.log(JSON.stringify({ lines, started: s.started, answers }));`,
          { env: { REDIS_URL: TEST_REDIS_URL } },
        );
        const out = findings<{ lines: string[]; started: string[]; answers: boolean }>(r);
        expect(out).toMatchObject({ started: ['postgres'], answers: true });
        expect(out.lines.join('\n')).toMatch(/closed to other users \(mode 700\); let the "postgres" user pass through it \(mode 711\)/);
        expect(statSync(dataDir).mode & 0o777).toBe(0o711);
        // Search permission only: its listing and the documents stay closed.
        expect(statSync(join(dataDir, 'documents')).mode & 0o777).toBe(0o700);
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );

  asRoot('stops with what to do when the data directory belongs to another user', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lcs-data-'));
    chmodSync(dataDir, 0o755); // root's, readable by all, writable by root only
    try {
      const r = await runModule(
        `import { prepareDataDir } from ${lib('services.mjs')};
         try { prepareDataDir(${JSON.stringify(dataDir)}); console.log(JSON.stringify({ ok: true })); }
         catch (e) { console.log(JSON.stringify({ name: e.name, message: e.message })); }`,
        { user: 'nobody' },
      );
      const out = findings<{ name: string; message: string }>(r);
      expect(out.name).toBe('ServiceError');
      expect(out.message).toContain(`${dataDir} cannot be used by this user`);
      expect(out.message).toContain(`sudo chown -R "$(id -u):$(id -g)" ${dataDir}`);
      expect(out.message).toContain('LCS_DATA_DIR=');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start: the development mail catcher (scripts/lib/mail-catcher.mjs)', () => {
  it('runs only without SMTP_URL and outside production', async () => {
    const r = await runModule(
      `import { wantsMailCatcher } from ${lib('mail-catcher.mjs')};
       console.log(JSON.stringify([{}, { NODE_ENV: 'test' }, { SMTP_URL: 'smtp://mail.example:25' }, { NODE_ENV: 'production' }, { SMTP_URL: '' }].map(wantsMailCatcher)));`,
    );
    expect(findings<boolean[]>(r)).toEqual([true, true, false, false, true]);
  });

  it('starts MailDev on 127.0.0.1: mail sent to its SMTP port is in its inbox and kept on disk; stop() ends it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'lcs-mail-'));
    // Anything else on this machine sending to the default port may land in the same inbox: look for this mail only.
    const subject = `Complaint received ${randomBytes(4).toString('hex')}`;
    try {
      const r = await runModule(
        `import { createRequire } from 'node:module';
         import { startMailCatcher } from ${lib('mail-catcher.mjs')};
         const require = createRequire(${JSON.stringify(join(ROOT, 'package.json'))});
         const nodemailer = require('nodemailer');
         const m = await startMailCatcher({ dataDir: ${JSON.stringify(dataDir)} });
         await nodemailer.createTransport(m.smtpUrl).sendMail({ from: 'no-reply@lcs.test', to: 'maria@example.com', subject: ${JSON.stringify(subject)}, text: 'We have received your complaint.' });
         let inbox = [];
         for (let i = 0; i < 50 && !inbox.length; i++) {
           inbox = (await (await fetch(m.inboxUrl + '/api/email')).json()).filter((e) => e.subject === ${JSON.stringify(subject)});
           if (!inbox.length) await new Promise((r) => setTimeout(r, 100));
         }
         const page = await fetch(m.inboxUrl + '/', { headers: { accept: 'text/html' } });
         await m.stop();
         const afterStop = await fetch(m.inboxUrl + '/api/healthz').then(() => 'answers', (e) => e.cause?.code ?? e.message);
         console.log(JSON.stringify({ smtpUrl: m.smtpUrl, inboxUrl: m.inboxUrl, inbox: inbox.map((e) => ({ to: e.to[0].address, subject: e.subject, text: e.text })), page: [page.status, page.headers.get('content-type')], afterStop }));`,
      );
      const out = findings<{
        smtpUrl: string;
        inboxUrl: string;
        inbox: { to: string; subject: string; text: string }[];
        page: [number, string];
        afterStop: string;
      }>(r);
      expect(out.smtpUrl).toMatch(/^smtp:\/\/127\.0\.0\.1:\d+$/);
      expect(out.inboxUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(out.inbox).toEqual([{ to: 'maria@example.com', subject, text: 'We have received your complaint.\n' }]);
      expect(out.page[0]).toBe(200);
      expect(out.page[1]).toMatch(/^text\/html/);
      expect(out.afterStop).toBe('ECONNREFUSED');
      const kept = readdirSync(join(dataDir, 'mail')).filter((f) => f.endsWith('.eml') && readFileSync(join(dataDir, 'mail', f), 'utf8').includes(subject));
      expect(kept).toHaveLength(1);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('npm start: log lines (scripts/lib/log-format.mjs)', () => {
  const t = 1_796_426_405_672;
  const lines = [
    { level: 30, time: t, pid: 1, hostname: 'h', context: 'InstanceLoader', msg: 'WebModule dependencies initialized' },
    { level: 30, time: t, pid: 1, hostname: 'h', context: 'RoutesResolver', msg: 'HomeController {/}:' },
    { level: 30, time: t, pid: 1, hostname: 'h', context: 'RouterExplorer', msg: 'Mapped {/, GET} route' },
    { level: 30, time: t, pid: 1, hostname: 'h', context: 'NotificationRelay', msg: 'notifications relayed', claimed: 2, sent: 2 },
    {
      level: 30,
      time: t,
      pid: 1,
      hostname: 'h',
      reqId: 'r1',
      req: { id: 'r1', method: 'POST', url: '/public/complaints' },
      res: { statusCode: 201 },
      responseTime: 246.8,
      msg: 'request completed',
    },
  ]
    .map((l) => JSON.stringify(l))
    .concat([
      'migrations: up to date',
      '\u001b[32m[Nest] 14093  - \u001b[39m12/04/2026, 11:29:23 PM \u001b[32m    LOG\u001b[39m \u001b[38;5;3m[InstanceLoader] \u001b[39m\u001b[32mSeedAppModule dependencies initialized\u001b[39m',
      '[Nest] 14093  - 12/04/2026, 11:29:24 PM     LOG [Seed] DemoUsersSeeder: 9 added',
    ]);
  const format = (env: Record<string, string>) =>
    runModule(
      `import { createLineFormatter, isVerbose, logFormatFor } from ${lib('log-format.mjs')};
       const env = ${JSON.stringify(env)};
       const f = createLineFormatter({ format: logFormatFor(env), verbose: isVerbose(env), color: false });
       console.log(JSON.stringify(${JSON.stringify(lines)}.map(f)));`,
      { env: { TZ: 'UTC' } },
    ).then((r) => findings<(string | null)[]>(r));

  it('in development: one short line per log line, without Nest\u2019s module and route chatter', async () => {
    expect(await format({ NODE_ENV: 'development' })).toEqual([
      null,
      null,
      null,
      '[23:20:05] INFO: NotificationRelay: notifications relayed {"claimed":2,"sent":2}',
      '[23:20:05] INFO: POST /public/complaints 201 (247 ms)',
      'migrations: up to date',
      null,
      '[Nest] 14093  - 12/04/2026, 11:29:24 PM     LOG [Seed] DemoUsersSeeder: 9 added',
    ]);
  });

  it('keeps the chatter at LOG_LEVEL=debug, and every line as written in production or with LOG_FORMAT=json', async () => {
    const debug = await format({ LOG_LEVEL: 'debug' });
    expect(debug.slice(0, 3)).toEqual([
      '[23:20:05] INFO: InstanceLoader: WebModule dependencies initialized',
      '[23:20:05] INFO: RoutesResolver: HomeController {/}:',
      '[23:20:05] INFO: RouterExplorer: Mapped {/, GET} route',
    ]);
    expect(await format({ NODE_ENV: 'production' })).toEqual(lines);
    expect(await format({ LOG_FORMAT: 'json' })).toEqual(lines);
    expect((await format({ NODE_ENV: 'production', LOG_FORMAT: 'pretty' }))[4]).toBe('[23:20:05] INFO: POST /public/complaints 201 (247 ms)');
  });
});
