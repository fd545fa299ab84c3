/**
 * Finds, or starts, the Postgres and Redis the application needs. Used by `npm start`
 * (scripts/start.mjs) and meant for the test runner as well.
 *
 * Order of preference, for each service:
 *   1. DATABASE_URL / REDIS_URL from the environment, used exactly as given (they must answer;
 *      when the Postgres server answers but the database it names is missing, it is created);
 *   2. a server already running on the default port of 127.0.0.1 (5432 / 6379);
 *   3. a project-local instance started from the system's binaries, with its data under
 *      <dataDir> (default <repo>/.data), installed first with apt-get or brew when missing.
 * Only what this module starts is stopped again by stop().
 *
 * With `runtimeRole: true` (npm start), when this module found or started the server itself (steps
 * 2 and 3, where it connects as the superuser), it also makes sure of the login role the apps run
 * as: `lcs_app`, a member of the NOLOGIN group `lcs_runtime` that the migrations grant the app's
 * rights to (docs/audit.md, "Database roles"), with a password kept in <dataDir>/runtime-db-password.
 * The superuser URL is then the owner's, for migrations; `runtimeDatabaseUrl` is the apps'.
 *
 * Options for tests and special set-ups (each also readable from the environment):
 *   defaultPgPort    / LCS_DEFAULT_PG_PORT     port probed in step 2 for Postgres (5432)
 *   defaultRedisPort / LCS_DEFAULT_REDIS_PORT  port probed in step 2 for Redis (6379)
 *   forceLocal       / LCS_FORCE_LOCAL=1       skip step 2 and always use local instances
 *   dataDir          / LCS_DATA_DIR            where local instances keep their data
 * Pointing a default port at one nothing listens on (e.g. 1) makes the defaults look busy.
 *
 * Only Node built-ins plus `pg` and `ioredis` from node_modules; runs with plain `node`.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const pg = require('pg');
const Redis = require('ioredis');

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_DATA_DIR = path.join(REPO_ROOT, '.data');
export const DATABASE_NAME = 'labour_cases';
/** The login role `npm start` runs the apps as, and the group role the migrations grant to. */
export const RUNTIME_LOGIN_ROLE = 'lcs_app';
export const RUNTIME_GROUP_ROLE = 'lcs_runtime';

const HOST = '127.0.0.1';
const PG_SUPERUSER = 'postgres';
// Ports tried for local instances, first free one wins (then any port the OS hands out).
// Deliberately independent of the probed default ports, which tests may point anywhere.
const PG_LOCAL_PORTS = [5432, 54329, 54330, 54331, 54332, 54333];
const REDIS_LOCAL_PORTS = [6379, 6380, 6381, 6382, 6383, 6384];
const PROBE_TIMEOUT_MS = 3_000;
const REDIS_START_TIMEOUT_MS = 30_000;
const PG_START_TIMEOUT_S = 60;

/** An error whose message is meant for the person running the command (no stack needed). */
export class ServiceError extends Error {
  constructor(message) {
    super(message);
    this.name = 'ServiceError';
  }
}

// ---------------------------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------------------------

/** The URL with its password replaced by "****", safe to print. */
export function maskUrl(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '****';
    return u.toString();
  } catch {
    // Not parseable: still hide anything that looks like user:password@.
    return String(url).replace(/\/\/([^:/@]*):[^@/]*@/, '//$1:****@');
  }
}

/** Best readable text for an error; Node's AggregateError (several addresses) has no message. */
function describeError(e) {
  if (!e) return 'unknown error';
  if (e.message) return e.message;
  if (Array.isArray(e.errors) && e.errors.length) return e.errors.map(describeError).join('; ');
  return e.code || String(e);
}

function errorCode(e) {
  return e?.code ?? (Array.isArray(e?.errors) ? e.errors[0]?.code : undefined);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(Object.assign(new Error(`${what}: no answer within ${ms} ms`), { code: 'ETIMEDOUT' })), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Path for log lines: relative to the working directory when that is shorter. */
function shown(p) {
  const rel = path.relative(process.cwd(), p);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : p;
}

function shellQuote(s) {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${String(s).replace(/'/g, `'\\''`)}'`;
}

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Like `which`: the first executable called `name` on PATH, or null. */
export function which(name, env = process.env) {
  for (const dir of (env.PATH ?? '').split(path.delimiter)) {
    if (dir && isExecutable(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** Is the process with this pid alive? (EPERM: alive but someone else's.) */
function pidAlive(pid) {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return e.code === 'EPERM';
  }
}

/**
 * Runs a command to completion. Output is captured (and returned) unless `inherit` is set,
 * in which case the user sees it as it happens (used for package installs).
 */
function run(cmd, args, { env = process.env, cwd, inherit = false } = {}) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(cmd, args, { env, cwd, stdio: inherit ? 'inherit' : ['ignore', 'pipe', 'pipe'] });
    child.stdout?.on('data', (d) => (output += d));
    child.stderr?.on('data', (d) => (output += d));
    child.on('error', (e) => resolve({ code: -1, output: `${cmd}: ${e.message}` }));
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), output }));
  });
}

/** The last `lines` lines of a text file, for error messages ('' when unreadable). */
function tail(file, lines = 15) {
  try {
    return fs.readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}

function indent(text, prefix = '    ') {
  return text
    .trimEnd()
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

// ---------------------------------------------------------------------------------------------
// Probes
// ---------------------------------------------------------------------------------------------

/**
 * Does a Postgres server answer `SELECT 1` at this URL?
 * Resolves { ok: true } or { ok: false, code, reason } (never rejects).
 */
export async function pgAnswers(url, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  client.on('error', () => {}); // a dropped connection must not crash the caller
  try {
    await withTimeout(
      client.connect().then(() => client.query('SELECT 1')),
      timeoutMs + 500,
      'postgres',
    );
    return { ok: true };
  } catch (e) {
    return { ok: false, code: errorCode(e), reason: describeError(e) };
  } finally {
    // end() can hang on a client that never connected; do not wait for it long.
    await withTimeout(client.end(), 1_000, 'postgres end').catch(() => {});
  }
}

/**
 * Does a Redis server answer PING with PONG at this URL (redis://, rediss://, with or
 * without password)? Resolves { ok: true } or { ok: false, code, reason } (never rejects).
 */
export async function redisAnswers(url, { timeoutMs = PROBE_TIMEOUT_MS } = {}) {
  const client = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    enableOfflineQueue: false,
    retryStrategy: () => null, // a probe: one attempt, no reconnecting
  });
  // Keep the socket error: without retries ioredis rejects with a vaguer "Connection is closed".
  let socketError = null;
  client.on('error', (e) => (socketError ??= e)); // also stops "Unhandled error event" output
  try {
    const reply = await withTimeout(
      client.connect().then(() => client.ping()),
      timeoutMs + 500,
      'redis',
    );
    return reply === 'PONG' ? { ok: true } : { ok: false, code: 'EBADREPLY', reason: `PING answered ${reply}` };
  } catch (e) {
    const cause = socketError ?? e;
    return { ok: false, code: errorCode(cause), reason: describeError(cause) };
  } finally {
    client.disconnect();
  }
}

/** Can we listen on host:port right now? */
export function isPortFree(port, host = HOST) {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The first free port of `candidates`, else one the OS picks. */
export async function findFreePort(candidates, host = HOST) {
  for (const port of candidates) {
    if (await isPortFree(port, host)) return port;
  }
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen({ port: 0, host }, () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function pgUrl(port, database = DATABASE_NAME, host = HOST) {
  return `postgres://${PG_SUPERUSER}@${host}:${port}/${database}`;
}

export function redisUrl(port, host = HOST) {
  return `redis://${host}:${port}`;
}

/** SQLSTATE 3D000 (invalid_catalog_name): the server answered, the database does not exist. */
const PG_UNKNOWN_DATABASE = '3D000';

/** The database a postgres:// URL names ('' when it names none: the server then uses the user's name). */
export function databaseNameOf(url) {
  try {
    return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  } catch {
    return '';
  }
}

/** The same server, user and options, connected to the `postgres` maintenance database. */
export function adminUrlFor(url) {
  const u = new URL(url);
  u.pathname = '/postgres';
  return u.toString();
}

/** Creates `name` through the admin connection (to the `postgres` database) when missing. */
export async function ensureDatabase(adminUrl, name = DATABASE_NAME, log = () => {}) {
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`);
    } catch (e) {
      if (e.code === '42P04') return false; // created meanwhile by a concurrent run
      throw e;
    }
    log(`postgres: created database ${name}`);
    return true;
  } catch (e) {
    throw new ServiceError(`postgres: could not create database ${name} via ${maskUrl(adminUrl)}: ${describeError(e)}`);
  } finally {
    await withTimeout(client.end(), 1_000, 'postgres end').catch(() => {});
  }
}

/** The password of the runtime login role, kept (0600) in the data directory; made on first use. */
function runtimePassword(dataDir) {
  const file = path.join(dataDir, 'runtime-db-password');
  try {
    const kept = fs.readFileSync(file, 'utf8').trim();
    if (/^[A-Za-z0-9_-]{20,}$/.test(kept)) return kept;
  } catch {
    /* not made yet */
  }
  const made = randomBytes(24).toString('base64url');
  fs.mkdirSync(dataDir, { recursive: true });
  fs.writeFileSync(file, `${made}\n`, { mode: 0o600 });
  return made;
}

/**
 * Creates (or updates) the runtime login role through the admin (superuser) connection and returns
 * the URL the apps connect with: `url` with that role and its password. Null, with a line saying
 * why, when the admin may not create roles: the apps then use `url` as it is (one role, as before).
 */
export async function ensureRuntimeRole(adminUrl, url, { dataDir, log = () => {}, role = RUNTIME_LOGIN_ROLE }) {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) throw new ServiceError(`postgres: ${role} is not a plain role name`);
  const password = runtimePassword(dataDir);
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: PROBE_TIMEOUT_MS });
  client.on('error', () => {});
  try {
    await client.connect();
    const exists = async (name) => (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount > 0;
    const createIfMissing = async (name, sql) => {
      if (await exists(name)) return false;
      try {
        await client.query(sql);
        return true;
      } catch (e) {
        if (e.code === '42710' || e.code === '23505') return false; // made meanwhile by a concurrent run
        throw e;
      }
    };
    await createIfMissing(RUNTIME_GROUP_ROLE, `CREATE ROLE ${RUNTIME_GROUP_ROLE} NOLOGIN`);
    if (await createIfMissing(role, `CREATE ROLE ${role} LOGIN`)) log(`postgres: created role ${role} for the apps`);
    // The password is base64url: nothing to escape. Set each time, so it follows the kept file.
    await client.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD '${password}'`);
    await client.query(`GRANT ${RUNTIME_GROUP_ROLE} TO ${role}`);
  } catch (e) {
    log(`postgres: the apps run as ${new URL(adminUrl).username || "the URL's role"}, not ${role}: could not set up the role (${describeError(e)})`);
    return null;
  } finally {
    await withTimeout(client.end(), 1_000, 'postgres end').catch(() => {});
  }
  const runtime = new URL(url);
  runtime.username = role;
  runtime.password = password;
  return runtime.toString();
}

// ---------------------------------------------------------------------------------------------
// Binaries and installing them
// ---------------------------------------------------------------------------------------------

/** Directory holding both `initdb` and `pg_ctl` (PATH, Debian, PGDG RPM, Homebrew), or null. */
export function findPostgresBinDir(env = process.env) {
  const dirs = (env.PATH ?? '').split(path.delimiter).filter(Boolean);
  const versionsIn = (root) => {
    try {
      return fs
        .readdirSync(root)
        .filter((v) => /^\d+(\.\d+)?$/.test(v))
        .sort((a, b) => Number(b) - Number(a));
    } catch {
      return [];
    }
  };
  // Debian/Ubuntu keep the server binaries out of PATH, one directory per major version.
  for (const v of versionsIn('/usr/lib/postgresql')) dirs.push(`/usr/lib/postgresql/${v}/bin`);
  // PGDG packages on Fedora/RHEL: /usr/pgsql-<ver>/bin.
  try {
    const pgdg = fs.readdirSync('/usr').filter((d) => /^pgsql-\d+$/.test(d));
    pgdg.sort((a, b) => Number(b.slice(6)) - Number(a.slice(6)));
    for (const d of pgdg) dirs.push(`/usr/${d}/bin`);
  } catch {
    /* no /usr listing: nothing to add */
  }
  // Homebrew's postgresql@N formulae are keg-only (not linked into PATH).
  for (const prefix of ['/opt/homebrew', '/usr/local']) {
    for (const v of [17, 16, 15, 14]) dirs.push(`${prefix}/opt/postgresql@${v}/bin`);
  }
  return dirs.find((d) => isExecutable(path.join(d, 'initdb')) && isExecutable(path.join(d, 'pg_ctl'))) ?? null;
}

/** Path of `redis-server` (PATH or the usual places), or null. */
export function findRedisServer(env = process.env) {
  const onPath = which('redis-server', env);
  if (onPath) return onPath;
  return ['/usr/bin', '/usr/sbin', '/usr/local/bin', '/opt/homebrew/bin'].map((d) => path.join(d, 'redis-server')).find(isExecutable) ?? null;
}

function installInstructions(missing) {
  const names = missing.join(' and ');
  return [
    `${names} ${missing.length > 1 ? 'are' : 'is'} not installed, and DATABASE_URL / REDIS_URL do not point at running servers.`,
    'Install them, then run this command again:',
    '  Debian/Ubuntu:  sudo apt-get install -y postgresql redis-server',
    '  Fedora:         sudo dnf install -y postgresql-server redis',
    '  macOS:          brew install postgresql@16 redis',
    'Or set DATABASE_URL and REDIS_URL to servers you already run.',
  ].join('\n');
}

/**
 * Installs the missing server packages when we can do so without asking: apt-get as root, or
 * brew as a normal user. Otherwise stops with the exact commands to run.
 * `missing` holds 'postgres' and/or 'redis'.
 */
async function installServers(missing, { log, env }) {
  const isRoot = process.getuid?.() === 0;
  if (isRoot && which('apt-get', env)) {
    const pkgs = missing.map((m) => (m === 'postgres' ? 'postgresql' : 'redis-server'));
    log(`${missing.join(', ')}: not installed; running apt-get update && apt-get install -y ${pkgs.join(' ')}`);
    const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = await run('apt-get', ['update'], { env: aptEnv, inherit: true });
    if (update.code !== 0) throw new ServiceError(`apt-get update failed (exit ${update.code}).\n${installInstructions(missing)}`);
    const install = await run('apt-get', ['install', '-y', ...pkgs], { env: aptEnv, inherit: true });
    if (install.code !== 0) throw new ServiceError(`apt-get install failed (exit ${install.code}).\n${installInstructions(missing)}`);
    return;
  }
  if (!isRoot && which('brew', env)) {
    const formulae = missing.map((m) => (m === 'postgres' ? 'postgresql@16' : 'redis'));
    log(`${missing.join(', ')}: not installed; running brew install ${formulae.join(' ')}`);
    const install = await run('brew', ['install', ...formulae], { env, inherit: true });
    if (install.code !== 0) throw new ServiceError(`brew install failed (exit ${install.code}).\n${installInstructions(missing)}`);
    return;
  }
  throw new ServiceError(installInstructions(missing));
}

// ---------------------------------------------------------------------------------------------
// Running Postgres tools as the right user
// ---------------------------------------------------------------------------------------------

/** uid/gid of a system user, or null when there is no such user. */
function lookupUser(name) {
  const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
  const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
  if (uid.status !== 0 || gid.status !== 0) return null;
  return { name, uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
}

/**
 * Postgres refuses to run as root, so as root every initdb/pg_ctl call goes through the
 * `postgres` system user. Returns null when we are not root (run the tools directly).
 */
function postgresRunAs(env) {
  if (process.getuid?.() !== 0) return null;
  const user = lookupUser(PG_SUPERUSER);
  if (!user) {
    throw new ServiceError(
      'postgres: refusing to start a local instance as root and there is no "postgres" user to run it as.\n' +
        'Create one (useradd --system --create-home postgres), run as a normal user, or set DATABASE_URL.',
    );
  }
  const runuser = which('runuser', env) ?? ['/usr/sbin/runuser', '/sbin/runuser'].find(isExecutable);
  return {
    ...user,
    wrap: (cmd, args) =>
      runuser
        ? { cmd: runuser, args: ['-u', user.name, '--', cmd, ...args] }
        : { cmd: 'su', args: [user.name, '-s', '/bin/sh', '-c', [cmd, ...args].map(shellQuote).join(' ')] },
  };
}

function asPgUser(runAs, cmd, args) {
  return runAs ? runAs.wrap(cmd, args) : { cmd, args };
}

/** Major version of the binaries in binDir, e.g. "15" (null when unknown). */
function pgBinMajor(binDir) {
  const r = spawnSync(path.join(binDir, 'pg_ctl'), ['--version'], { encoding: 'utf8' });
  return r.stdout?.match(/\(PostgreSQL\)\s+(\d+)/)?.[1] ?? null;
}

/**
 * Unix socket paths are limited to ~107 bytes; for a deep data directory fall back to a
 * short per-project directory under the system temp dir.
 */
function pgSocketDir(dataDir) {
  const preferred = path.join(dataDir, 'pg-socket');
  if (Buffer.byteLength(path.join(preferred, '.s.PGSQL.65535.lock')) < 100) return preferred;
  const hash = createHash('sha1').update(dataDir).digest('hex').slice(0, 8);
  return path.join(os.tmpdir(), `lcs-pg-${hash}`);
}

/**
 * Creates the data directory (0755), or makes an existing one usable. Others create it too: the
 * API makes its documents directory (`.data/documents`) like `mkdir -p -m 0700`, so a `.data` it
 * created first is closed to everyone but its owner, while a local Postgres started as root runs
 * as the postgres user, who must pass through it. Only search permission is added (not read), and
 * only on a directory of our own; one we cannot write to stops with what to do.
 */
export function prepareDataDir(dataDir, { runAs = null, log = () => {} } = {}) {
  const fix = `Give it back to your user (sudo chown -R "$(id -u):$(id -g)" ${shellQuote(dataDir)}), or use another directory (LCS_DATA_DIR=/some/dir).`;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o755 });
    fs.accessSync(dataDir, fs.constants.W_OK | fs.constants.X_OK);
  } catch (e) {
    throw new ServiceError(`${shown(dataDir)} cannot be used by this user (${describeError(e)}); another user (root?) probably created it.\n${fix}`);
  }
  if (!runAs) return;
  const { mode, uid } = fs.statSync(dataDir);
  if ((mode & 0o001) === 0 && uid === process.getuid?.()) {
    fs.chmodSync(dataDir, (mode & 0o777) | 0o011);
    log(
      `postgres: ${shown(dataDir)} was closed to other users (mode ${(mode & 0o777).toString(8)}); let the "${runAs.name}" user pass through it (mode ${((mode & 0o777) | 0o011).toString(8)})`,
    );
  }
}

/** Port of a postmaster already running on this data directory, or null. */
function runningPostmasterPort(pgDir) {
  try {
    const lines = fs.readFileSync(path.join(pgDir, 'postmaster.pid'), 'utf8').split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    return pidAlive(pid) && port > 0 ? port : null;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------
// Local Postgres
// ---------------------------------------------------------------------------------------------

async function initdbCluster({ binDir, pgDir, runAs, env, cwd, log }) {
  log(`postgres: initialising a local cluster in ${shown(pgDir)}`);
  const base = ['-D', pgDir, '-U', PG_SUPERUSER, '--auth=trust', '-E', 'UTF8'];
  // The environment's locale first (as a system install would); if initdb rejects it (for
  // instance LANG names a locale the container lacks), fall back to C.UTF-8, then plain C.
  let last;
  for (const extra of [[], ['--locale=C.UTF-8'], ['--no-locale']]) {
    const { cmd, args } = asPgUser(runAs, path.join(binDir, 'initdb'), [...base, ...extra]);
    last = await run(cmd, args, { env, cwd });
    if (last.code === 0) return;
    if (!/locale/i.test(last.output)) break;
  }
  throw new ServiceError(`postgres: initdb failed for ${pgDir}:\n${indent(last.output)}`);
}

/**
 * Starts (initialising first when needed) the project-local cluster in <dataDir>/pg.
 * Returns { port, stop } where stop is null when the instance was already running (left over
 * from another run, which may still be using it).
 */
async function startLocalPostgres({ dataDir, log, env }) {
  if (process.platform === 'win32') {
    throw new ServiceError('postgres: starting a local instance is not supported on Windows; set DATABASE_URL.');
  }
  let binDir = findPostgresBinDir(env);
  if (!binDir) {
    await installServers(['postgres'], { log, env });
    binDir = findPostgresBinDir(env);
    if (!binDir) throw new ServiceError(`postgres: installed, but initdb/pg_ctl are still not found.\n${installInstructions(['postgres'])}`);
  }
  const runAs = postgresRunAs(env);
  const pgDir = path.join(dataDir, 'pg');
  const socketDir = pgSocketDir(dataDir);
  const logFile = path.join(dataDir, 'pg.log');

  const leftover = runningPostmasterPort(pgDir);
  if (leftover && (await pgAnswers(pgUrl(leftover, 'postgres'))).ok) {
    log(`postgres: using local instance on ${HOST}:${leftover} (already running from ${shown(pgDir)})`);
    return { port: leftover, stop: null };
  }

  // Directories: the data dir must be 0700 and, as root, everything Postgres writes belongs
  // to the postgres user (data, socket directory, log file).
  prepareDataDir(dataDir, { runAs, log });
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  fs.mkdirSync(socketDir, { recursive: true, mode: 0o755 });
  fs.closeSync(fs.openSync(logFile, 'a'));
  if (runAs) {
    for (const p of [pgDir, socketDir, logFile]) fs.chownSync(p, runAs.uid, runAs.gid);
    // A parent directory closed to the postgres user (e.g. a home directory) fails late and
    // obscurely inside initdb; check up front.
    const probe = asPgUser(runAs, 'test', ['-w', pgDir, '-a', '-w', logFile]);
    const reach = await run(probe.cmd, probe.args, { env, cwd: '/' });
    if (reach.code !== 0) {
      throw new ServiceError(
        `postgres: the "${runAs.name}" user cannot write to ${pgDir} (a parent directory is closed to it).\n` +
          'Use a data directory it can reach (LCS_DATA_DIR=/some/dir), or set DATABASE_URL.',
      );
    }
  }

  if (!fs.existsSync(path.join(pgDir, 'PG_VERSION'))) {
    await initdbCluster({ binDir, pgDir, runAs, env, cwd: dataDir, log });
  } else {
    const dataMajor = fs.readFileSync(path.join(pgDir, 'PG_VERSION'), 'utf8').trim();
    const binMajor = pgBinMajor(binDir);
    if (binMajor && dataMajor !== binMajor) {
      throw new ServiceError(
        `postgres: ${shown(pgDir)} was created by PostgreSQL ${dataMajor}, but the binaries found are PostgreSQL ${binMajor} (${binDir}).\n` +
          `Install PostgreSQL ${dataMajor}, or delete ${shown(pgDir)} to start over (its local data is lost).`,
      );
    }
  }

  const port = await findFreePort(PG_LOCAL_PORTS);
  log(`postgres: starting local instance on ${HOST}:${port} (data in ${shown(pgDir)})`);
  const serverOpts = `-p ${port} -k ${shellQuote(socketDir)} -c listen_addresses=${HOST}`;
  const pgCtl = path.join(binDir, 'pg_ctl');
  const start = asPgUser(runAs, pgCtl, ['-D', pgDir, '-o', serverOpts, '-l', logFile, '-t', String(PG_START_TIMEOUT_S), 'start', '-w']);
  const started = await run(start.cmd, start.args, { env, cwd: dataDir });
  if (started.code !== 0) {
    throw new ServiceError(
      `postgres: pg_ctl start failed (exit ${started.code}):\n${indent(started.output)}\n  last lines of ${shown(logFile)}:\n${indent(tail(logFile))}`,
    );
  }

  const stopArgs = ['-D', pgDir, '-m', 'fast', '-t', '30', 'stop', '-w'];
  return {
    port,
    stop: async () => {
      const s = asPgUser(runAs, pgCtl, stopArgs);
      const r = await run(s.cmd, s.args, { env, cwd: dataDir });
      if (r.code !== 0 && runningPostmasterPort(pgDir)) throw new Error(`pg_ctl stop failed: ${r.output.trim()}`);
      log(`postgres: stopped local instance on ${HOST}:${port}`);
    },
    // For the process-exit safety net: the same, synchronously.
    stopSync: () => {
      const s = asPgUser(runAs, pgCtl, stopArgs);
      spawnSync(s.cmd, s.args, { env, cwd: dataDir, stdio: 'ignore', timeout: 30_000 });
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Local Redis
// ---------------------------------------------------------------------------------------------

/**
 * Starts a project-local redis-server with its data in <dataDir>/redis (append-only file,
 * noeviction so queued jobs are never dropped). Returns { port, stop } (stop null when a
 * leftover instance of an earlier run is reused).
 */
async function startLocalRedis({ dataDir, log, env }) {
  let bin = findRedisServer(env);
  if (!bin) {
    await installServers(['redis'], { log, env });
    bin = findRedisServer(env);
    if (!bin) throw new ServiceError(`redis: installed, but redis-server is still not found.\n${installInstructions(['redis'])}`);
  }
  const redisDir = path.join(dataDir, 'redis');
  const stateFile = path.join(redisDir, 'lcs-instance.json'); // { pid, port } of the running instance
  const logFile = path.join(dataDir, 'redis.log');
  prepareDataDir(dataDir, { log });
  fs.mkdirSync(redisDir, { recursive: true, mode: 0o755 });

  // Two redis-servers sharing one append-only file would corrupt it: reuse a live leftover.
  try {
    const { pid, port } = JSON.parse(fs.readFileSync(stateFile, 'utf8'));
    if (pidAlive(pid) && (await redisAnswers(redisUrl(port))).ok) {
      log(`redis: using local instance on ${HOST}:${port} (already running from ${shown(redisDir)})`);
      return { port, stop: null };
    }
  } catch {
    /* no state file, or a stale one: start a new instance */
  }

  const port = await findFreePort(REDIS_LOCAL_PORTS);
  log(`redis: starting local instance on ${HOST}:${port} (data in ${shown(redisDir)})`);
  const logFd = fs.openSync(logFile, 'a');
  // detached: own process group, so a Ctrl-C in the terminal does not stop Redis before the
  // app that still needs it; stop() terminates it in order.
  const child = spawn(
    bin,
    [
      '--port',
      String(port),
      '--bind',
      HOST,
      '--dir',
      redisDir,
      '--appendonly',
      'yes',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'no',
      '--pidfile',
      path.join(redisDir, 'redis.pid'),
    ],
    { stdio: ['ignore', logFd, logFd], detached: true, env },
  );
  fs.closeSync(logFd);
  child.unref(); // never keep the caller's process alive by itself; stop() ends it
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((exited = { code, signal })));
    child.once('error', (e) => resolve((exited = { code: -1, signal: null, error: e })));
  });
  fs.writeFileSync(stateFile, JSON.stringify({ pid: child.pid, port }));

  // Wait for PONG (Redis answers -LOADING while it replays a large append-only file).
  const url = redisUrl(port);
  const deadline = Date.now() + REDIS_START_TIMEOUT_MS;
  let last = { reason: 'not started' };
  while (!exited && Date.now() < deadline) {
    last = await redisAnswers(url, { timeoutMs: 1_000 });
    if (last.ok) break;
    await sleep(100);
  }
  if (!last.ok) {
    if (!exited) child.kill('SIGKILL');
    fs.rmSync(stateFile, { force: true });
    const why = exited
      ? `redis-server exited (${exited.error?.message ?? `code ${exited.code}`})`
      : `no PONG within ${REDIS_START_TIMEOUT_MS / 1000} s (${last.reason})`;
    throw new ServiceError(`redis: local instance did not start: ${why}\n  last lines of ${shown(logFile)}:\n${indent(tail(logFile))}`);
  }

  return {
    port,
    stop: async () => {
      if (!exited) {
        child.kill('SIGTERM'); // Redis flushes the append-only file and exits
        const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        await exitPromise;
        clearTimeout(killer);
      }
      fs.rmSync(stateFile, { force: true });
      log(`redis: stopped local instance on ${HOST}:${port}`);
    },
    stopSync: () => {
      if (!exited) child.kill('SIGTERM');
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Deciding per service
// ---------------------------------------------------------------------------------------------

/** A default-port probe failed: say why unless nothing listens there at all. */
function explainUnusableDefault(service, port, probe, log) {
  if (probe.code === 'ECONNREFUSED') return;
  log(`${service}: ${HOST}:${port} cannot be used (${probe.reason}); starting a local instance instead`);
}

/** The server's URL for the apps and for migrations: { url, runtimeUrl } (runtimeUrl null: the apps use url). */
async function resolvePostgres(opts) {
  const url = await findPostgres(opts);
  // Only where this module chose the server, and so connects as its superuser.
  if (!opts.runtimeRole || opts.env.DATABASE_URL) return { url, runtimeUrl: null };
  return { url, runtimeUrl: await ensureRuntimeRole(adminUrlFor(url), url, { dataDir: opts.dataDir, log: opts.log }) };
}

async function findPostgres({ env, defaultPgPort, forceLocal, dataDir, log, onStarted }) {
  if (env.DATABASE_URL) {
    const url = env.DATABASE_URL;
    let probe = await pgAnswers(url);
    // The server answers but the database is not there yet: create it, as for the default one.
    if (!probe.ok && probe.code === PG_UNKNOWN_DATABASE) {
      const name = databaseNameOf(url);
      if (name) {
        await ensureDatabase(adminUrlFor(url), name, log);
        probe = await pgAnswers(url);
      }
    }
    if (!probe.ok) throw new ServiceError(`postgres: DATABASE_URL=${maskUrl(url)} does not answer: ${probe.reason}`);
    log(`postgres: using DATABASE_URL ${maskUrl(url)}`);
    return url;
  }
  if (!forceLocal) {
    const adminUrl = pgUrl(defaultPgPort, 'postgres');
    const probe = await pgAnswers(adminUrl);
    if (probe.ok) {
      log(`postgres: using ${HOST}:${defaultPgPort} (already running)`);
      await ensureDatabase(adminUrl, DATABASE_NAME, log);
      return pgUrl(defaultPgPort);
    }
    explainUnusableDefault('postgres', defaultPgPort, probe, log);
  }
  const local = await startLocalPostgres({ dataDir, log, env });
  if (local.stop) onStarted('postgres', local);
  await ensureDatabase(pgUrl(local.port, 'postgres'), DATABASE_NAME, log);
  return pgUrl(local.port);
}

async function resolveRedis({ env, defaultRedisPort, forceLocal, dataDir, log, onStarted }) {
  if (env.REDIS_URL) {
    const url = env.REDIS_URL;
    const probe = await redisAnswers(url);
    if (!probe.ok) throw new ServiceError(`redis: REDIS_URL=${maskUrl(url)} does not answer: ${probe.reason}`);
    log(`redis: using REDIS_URL ${maskUrl(url)}`);
    return url;
  }
  if (!forceLocal) {
    const url = redisUrl(defaultRedisPort);
    const probe = await redisAnswers(url);
    if (probe.ok) {
      log(`redis: using ${HOST}:${defaultRedisPort} (already running)`);
      return url;
    }
    explainUnusableDefault('redis', defaultRedisPort, probe, log);
  }
  const local = await startLocalRedis({ dataDir, log, env });
  if (local.stop) onStarted('redis', local);
  return redisUrl(local.port);
}

/** Where local instances keep their data: LCS_DATA_DIR, else <repo>/.data. */
export function resolveDataDir(env = process.env) {
  return path.resolve(env.LCS_DATA_DIR || DEFAULT_DATA_DIR);
}

/**
 * Makes sure Postgres and Redis are available; see the top of this file for the rules.
 * Resolves { databaseUrl, runtimeDatabaseUrl, redisUrl, started, stop }:
 *   databaseUrl         as given in DATABASE_URL, else the superuser's (the owner: for migrations)
 *   runtimeDatabaseUrl  with `runtimeRole`, the apps' role (lcs_app); null when there is none
 *   started  names of the local instances this call started ('postgres', 'redis')
 *   stop()   stops exactly those (Redis first, then Postgres); idempotent, never rejects.
 * If the process exits without stop(), a synchronous safety net still stops them.
 * Rejects with a ServiceError whose message is meant for the user.
 */
export async function ensureServices({ log = console.log, dataDir, env = process.env, defaultPgPort, defaultRedisPort, forceLocal, runtimeRole = false } = {}) {
  const opts = {
    log,
    env,
    dataDir: dataDir ? path.resolve(dataDir) : resolveDataDir(env),
    defaultPgPort: Number(defaultPgPort ?? env.LCS_DEFAULT_PG_PORT ?? 5432),
    defaultRedisPort: Number(defaultRedisPort ?? env.LCS_DEFAULT_REDIS_PORT ?? 6379),
    forceLocal: forceLocal ?? ['1', 'true', 'yes'].includes(String(env.LCS_FORCE_LOCAL ?? '').toLowerCase()),
    runtimeRole,
  };

  const started = [];
  const instances = []; // { name, stop, stopSync } in start order
  const safetyNet = () => {
    for (const i of [...instances].reverse()) {
      try {
        i.stopSync();
      } catch {
        /* best effort while exiting */
      }
    }
  };
  opts.onStarted = (name, instance) => {
    if (!instances.length) process.on('exit', safetyNet);
    started.push(name);
    instances.push({ name, ...instance });
  };

  let stopping = null;
  const stop = () =>
    (stopping ??= (async () => {
      for (const i of [...instances].reverse()) {
        try {
          await i.stop();
        } catch (e) {
          log(`${i.name}: could not stop cleanly: ${describeError(e)}`);
        }
      }
      process.removeListener('exit', safetyNet);
    })());

  try {
    const postgres = await resolvePostgres(opts);
    const redisUrlResolved = await resolveRedis(opts);
    return { databaseUrl: postgres.url, runtimeDatabaseUrl: postgres.runtimeUrl, redisUrl: redisUrlResolved, started, stop };
  } catch (e) {
    await stop(); // do not leave a half-started set behind
    throw e;
  }
}
