#!/usr/bin/env node
/**
 * `npm start`: everything needed to try the system on one machine, in one command.
 *
 *   1. find or start Postgres and Redis (scripts/lib/services.mjs), creating the database and,
 *      on a server it found or started itself, the login role the apps run as (lcs_app, a member
 *      of lcs_runtime: it owns nothing and cannot alter the audit log; docs/audit.md);
 *   2. in development without SMTP_URL, start a mail catcher with a web inbox (MailDev,
 *      scripts/lib/mail-catcher.mjs) and send the apps' mail to it;
 *   3. build (`npm run build`; skipped with --skip-build or LCS_SKIP_BUILD=1);
 *   4. apply migrations (as the owner: DATABASE_MIGRATION_URL, else the superuser or DATABASE_URL)
 *      and the demo seed (as the apps' role), both idempotent;
 *   5. run the API, the worker and the web app, their output prefixed [api] / [worker] / [web]
 *      (outside production one short line each, without Nest's start-up chatter:
 *      scripts/lib/log-format.mjs);
 *   6. wait for /health/ready of the API and the web, then print the URLs (the web's first: open
 *      it in a browser, then the mail inbox) and the demo logins.
 * Everything listens on 127.0.0.1 unless HOST (and WEB_HOST) say otherwise.
 * Ctrl-C (or SIGTERM) stops the web, API and worker, then the mail catcher and the services this
 * script started. A second Ctrl-C exits at once.
 *
 * Plain `node`, no build step: Node built-ins plus what services.mjs uses (pg, ioredis), and
 * pino-pretty when installed.
 */
import { spawn, execFile } from 'node:child_process';
import fs from 'node:fs';
import { existsSync } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { createLineFormatter, isVerbose, logFormatFor } from './lib/log-format.mjs';
import { startMailCatcher, wantsMailCatcher } from './lib/mail-catcher.mjs';
import { runOnSupportedNode } from './lib/node-runtime.mjs';
import { ensureServices, maskUrl, prepareDataDir, REPO_ROOT, resolveDataDir } from './lib/services.mjs';

// Settings from .env (when present) apply here too; the environment wins.
if (existsSync(path.join(REPO_ROOT, '.env'))) process.loadEnvFile(path.join(REPO_ROOT, '.env'));

// On a Node older than the project's, run again on one brought into .data/node (lib/node-runtime.mjs).
await runOnSupportedNode();

const DIST = path.join(REPO_ROOT, 'dist', 'apps');
const CLI = path.join(DIST, 'api', 'apps', 'api', 'src', 'cli.js');
const API_MAIN = path.join(DIST, 'api', 'apps', 'api', 'src', 'main.js');
const WORKER_MAIN = path.join(DIST, 'worker', 'apps', 'worker', 'src', 'main.js');
const WEB_MAIN = path.join(DIST, 'web', 'apps', 'web', 'src', 'main.js');

const READY_TIMEOUT_MS = 60_000;
const STOP_GRACE_MS = 15_000;
// Under `npm start` the terminal signals our process group and npm's run-script also forwards
// the signals it gets, so depending on the npm version and shell one Ctrl-C can arrive twice
// within milliseconds. Only a later one means "again".
const SECOND_SIGNAL_MIN_GAP_MS = 1_000;

const skipBuild = process.argv.includes('--skip-build') || ['1', 'true'].includes(process.env.LCS_SKIP_BUILD ?? '');
const useColor = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code, text) => (useColor ? `\x1b[${code}m${text}\x1b[0m` : text);

const say = (msg) => console.log(`${paint('1', '[start]')} ${msg}`);
// Each output line of the apps (and of the migrate and seed steps) goes through this.
const formatLine = createLineFormatter({ format: logFormatFor(process.env), verbose: isVerbose(process.env), color: useColor });
const complain = (msg) => console.error(`${paint('1;31', '[start]')} ${msg}`);

// ---------------------------------------------------------------------------------------------
// State: what is running, so that any exit path can stop it in the right order.
// ---------------------------------------------------------------------------------------------
const children = new Set(); // every child process still running
let servicesPromise = null; // ensureServices() in progress or done
let mailCatcher = null; // the running mail catcher, when this script started one
let shutdownPromise = null; // set once we are stopping
let firstSignalAt = 0;

/** An expected failure: print the message only, no stack trace. */
class StartError extends Error {}

// ---------------------------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------------------------

/**
 * Spawns a tracked child in its own process group (detached): a Ctrl-C in the terminal then
 * reaches only this script, which stops the children itself, in order and exactly once.
 * (Nest treats a second signal during its shutdown as "die now".)
 */
function spawnTracked(cmd, args, options) {
  const child = spawn(cmd, args, { cwd: REPO_ROOT, detached: process.platform !== 'win32', ...options });
  children.add(child);
  child.exited = new Promise((resolve) => {
    const done = (code, signal) => {
      children.delete(child);
      resolve({ code, signal });
    };
    child.once('exit', done);
    child.once('error', (e) => {
      child.spawnError = e;
      done(null, null);
    });
  });
  return child;
}

/** Signals the child and whatever it started (npm → sh → nest → tsc, for instance). */
function signalTree(child, signal) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  try {
    if (process.platform === 'win32') child.kill(signal);
    else process.kill(-child.pid, signal);
  } catch {
    child.kill(signal); // group already gone or not ours: at least the child itself
  }
}

/**
 * Runs a step to completion with the user seeing its output (as it is, or line by line through
 * formatLine with `formatted`); throws if it fails.
 */
async function runStep(description, cmd, args, env, { formatted = false } = {}) {
  say(description);
  const child = spawnTracked(cmd, args, { env, stdio: ['ignore', formatted ? 'pipe' : 'inherit', formatted ? 'pipe' : 'inherit'] });
  if (formatted) {
    printLines(child.stdout, '', process.stdout);
    printLines(child.stderr, '', process.stderr);
  }
  const { code, signal } = await child.exited;
  if (shutdownPromise) await shutdownPromise; // stopped by Ctrl-C: the shutdown exits for us
  if (child.spawnError) throw new StartError(`${description} failed: ${child.spawnError.message}`);
  if (code !== 0) throw new StartError(`${description} failed (${signal ? `signal ${signal}` : `exit code ${code}`}); see the output above`);
}

/** Copies a stream line by line to `out` through formatLine, each line prefixed. */
function printLines(stream, prefix, out) {
  readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
    const shown = formatLine(line);
    if (shown !== null) out.write(prefix ? `${prefix} ${shown}\n` : `${shown}\n`);
  });
}

/** Starts a long-running app (api, worker or web); if it ever exits by itself, stop everything. */
function startApp(name, file, env, color) {
  const child = spawnTracked(process.execPath, [file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const prefix = paint(color, `[${name}]`);
  printLines(child.stdout, prefix, process.stdout);
  printLines(child.stderr, prefix, process.stderr);
  child.exited.then(({ code, signal }) => {
    if (shutdownPromise) return; // expected: we asked it to stop
    const how = child.spawnError?.message ?? (signal ? `signal ${signal}` : `exit code ${code}`);
    complain(`${name} exited unexpectedly (${how}); stopping everything`);
    shutdown(1);
  });
  return child;
}

/** SIGTERM every child, wait for them, SIGKILL whatever is still there after the grace period. */
async function stopChildren() {
  const running = [...children];
  if (!running.length) return;
  for (const child of running) signalTree(child, 'SIGTERM');
  const killer = setTimeout(() => {
    complain(`still running after ${STOP_GRACE_MS / 1000} s; killing`);
    for (const child of children) signalTree(child, 'SIGKILL');
  }, STOP_GRACE_MS);
  await Promise.all(running.map((c) => c.exited));
  clearTimeout(killer);
}

// ---------------------------------------------------------------------------------------------
// Shutdown and signals
// ---------------------------------------------------------------------------------------------

/** Stops apps first (they still need the database, Redis and the mail catcher), then those; exits. */
function shutdown(exitCode) {
  shutdownPromise ??= (async () => {
    await stopChildren();
    await mailCatcher?.stop();
    const services = await servicesPromise?.catch(() => null);
    await services?.stop();
    process.exit(exitCode);
  })();
  return shutdownPromise;
}

function onSignal(signal) {
  const now = Date.now();
  if (!shutdownPromise) {
    firstSignalAt = now;
    say(`${signal}: stopping (press Ctrl-C again to force)`);
    shutdown(0);
    return;
  }
  if (now - firstSignalAt < SECOND_SIGNAL_MIN_GAP_MS) return; // the same Ctrl-C, delivered twice
  complain('forced exit');
  for (const child of children) signalTree(child, 'SIGKILL');
  process.exit(130);
}

// Last resort when exiting by any other path: do not leave the detached apps behind.
process.on('exit', () => {
  for (const child of children) signalTree(child, 'SIGKILL');
  mailCatcher?.stopSync();
});

// ---------------------------------------------------------------------------------------------
// Readiness and banner
// ---------------------------------------------------------------------------------------------

/** The addresses the API and the web listen on (their config defaults: 127.0.0.1; the web follows HOST). */
const apiHost = (env) => env.HOST || '127.0.0.1';
const webHost = (env) => env.WEB_HOST || env.HOST || '127.0.0.1';
const listensEverywhere = (host) => host === '0.0.0.0' || host === '::';

/** Where to reach a process from this machine, given the host and port it listens on. */
function localUrl(host, port) {
  let h = listensEverywhere(host) ? '127.0.0.1' : host;
  if (h.includes(':')) h = `[${h}]`;
  return `http://${h}:${port}`;
}

const apiBaseUrl = (env) => localUrl(apiHost(env), env.PORT || 3000);
const webBaseUrl = (env) => localUrl(webHost(env), env.WEB_PORT || 3001);

/** Polls the readiness endpoint until it answers 200; throws after READY_TIMEOUT_MS. */
async function waitForReady(url, what = 'the API') {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (shutdownPromise) return shutdownPromise;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      const body = await res.text().catch(() => '');
      if (res.status === 200) return;
      last = `HTTP ${res.status} ${body.slice(0, 300)}`;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new StartError(`${what} did not become ready within ${READY_TIMEOUT_MS / 1000} s at ${url} (last: ${last})`);
}

/**
 * Demo logins from `cli.js demo-logins`. The CLI boots Nest, whose log lines may share
 * stdout with the JSON, so take the last line that parses as a JSON array.
 */
function readDemoLogins(env) {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, 'demo-logins'], { cwd: REPO_ROOT, env, timeout: 60_000, maxBuffer: 10 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) return resolve({ error: (stderr || err.message).trim().split('\n').slice(-3).join(' ') });
      const lines = stdout.trim().split('\n').reverse();
      for (const line of lines) {
        try {
          const parsed = JSON.parse(line.trim());
          if (Array.isArray(parsed)) return resolve({ logins: parsed });
        } catch {
          /* a log line, keep looking */
        }
      }
      resolve({ error: 'its output contained no JSON array' });
    });
  });
}

/** Rows of cells as left-aligned columns separated by two spaces. */
function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i] ?? '').length)));
  return rows.map((r) =>
    r
      .map((c, i) => String(c ?? '').padEnd(widths[i]))
      .join('  ')
      .trimEnd(),
  );
}

/** What the banner says of mail: the inbox to open, or where mail goes instead. */
function mailLine(env, mail) {
  if (mail.inboxUrl) return `   Mail      ${paint('1', mail.inboxUrl)}   (the inbox: every mail the system sends)`;
  if (mail.error) return `   Mail      not caught (${mail.error}); set SMTP_URL to send it somewhere`;
  return `   Mail      sent to ${maskUrl(env.SMTP_URL || 'smtp://127.0.0.1:1025')}`;
}

/** Said of a process listening on every interface: the demo's published logins are reachable from the network. */
const exposure = (host) => (listensEverywhere(host) ? `   (listening on ${host}: reachable from other machines)` : '');

function printBanner({ env, webUrl, baseUrl, services, mail, demo }) {
  const rule = '─'.repeat(64);
  const lines = [
    '',
    rule,
    paint('1;32', ' Labour case system is running'),
    '',
    `   Web       ${paint('1', webUrl)}   (open this in your browser)${exposure(webHost(env))}`,
    mailLine(env, mail),
    `   API       ${baseUrl}${exposure(apiHost(env))}`,
    `   API docs  ${baseUrl}/docs`,
    `   Postgres  ${maskUrl(env.DATABASE_URL)}`,
    `   Redis     ${maskUrl(services.redisUrl)}`,
    '',
  ];
  if (demo.error) {
    lines.push(` Demo logins: could not be read (${demo.error})`);
  } else if (!demo.logins.length) {
    lines.push(' Demo logins: none yet (the seed created no users).');
  } else {
    lines.push(' Demo logins:');
    const rows = [['ROLE', 'EMAIL', 'PASSWORD'], ...demo.logins.map((l) => [l.role, l.email, l.password])];
    for (const row of table(rows)) lines.push(`   ${row}`);
  }
  lines.push('', ' Press Ctrl-C to stop.', rule, '');
  console.log(lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

/** `npm run build`, through the same npm that runs us when there is one. */
function buildCommand() {
  const npmCli = process.env.npm_execpath;
  if (npmCli && /\.c?js$/.test(npmCli)) return [process.execPath, [npmCli, 'run', 'build']];
  return [process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build']];
}

function requireBuilt(file) {
  if (!fs.existsSync(file)) {
    throw new StartError(
      `${path.relative(REPO_ROOT, file)} is missing: the build did not produce it${skipBuild ? ' (build skipped; run without --skip-build)' : ''}`,
    );
  }
}

async function main() {
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  // One data directory for everything this script runs, created here with its usual mode: the
  // API would otherwise create it, for its documents, closed to every other user.
  const dataDir = resolveDataDir(process.env);
  prepareDataDir(dataDir);
  servicesPromise = ensureServices({ log: say, runtimeRole: true });
  const services = await servicesPromise;
  // Everything else in the environment passes through (PORT, HOST, LOG_LEVEL, ...), except the
  // owner's URL: only the migrations get it.
  const appDatabaseUrl = services.runtimeDatabaseUrl ?? services.databaseUrl;
  const env = { ...process.env, DATABASE_URL: appDatabaseUrl, REDIS_URL: services.redisUrl };
  delete env.DATABASE_MIGRATION_URL;
  const migrationUrl = process.env.DATABASE_MIGRATION_URL || services.databaseUrl;
  if (services.runtimeDatabaseUrl)
    say(`postgres: the apps connect as ${new URL(appDatabaseUrl).username}; migrations run as ${new URL(services.databaseUrl).username}`);
  env.DOCUMENTS_DIR ||= path.join(dataDir, 'documents');
  // Links sent to people lead to the web app unless PUBLIC_URL says otherwise.
  env.PUBLIC_URL ||= webBaseUrl(env);
  env.COMPLAINTS_TRACKING_URL ||= `${webBaseUrl(env)}/complaints/follow`;
  // Verification, password-reset and invitation links open the web's /account pages.
  env.AUTH_LINK_BASE_URL ||= env.PUBLIC_URL;
  // The web app calls the API from this machine on behalf of people: the API takes their address
  // from X-Forwarded-For when it comes from loopback, so its per-address limits count people.
  env.TRUST_PROXY ||= '127.0.0.1';

  const mail = {};
  if (wantsMailCatcher(env)) {
    try {
      mailCatcher = await startMailCatcher({ dataDir, log: say, onLine: (line) => line.trim() && console.log(`${paint('32', '[mail]')} ${line}`) });
      if (shutdownPromise) return mailCatcher.stop();
      env.SMTP_URL = mailCatcher.smtpUrl;
      mail.inboxUrl = mailCatcher.inboxUrl;
      say(`mail: MailDev catches it at ${mailCatcher.smtpUrl}; inbox at ${mailCatcher.inboxUrl}`);
    } catch (e) {
      // The system runs without it; its mail is retried and finally marked failed.
      mail.error = e.message.split('\n')[0];
      complain(`mail: ${e.message}\n  Mail will not be delivered; set SMTP_URL to a server that takes it.`);
    }
  }

  if (skipBuild) say('build: skipped');
  else await runStep('build: npm run build', ...buildCommand(), env);
  for (const file of [CLI, API_MAIN, WORKER_MAIN, WEB_MAIN]) requireBuilt(file);

  await runStep('database: applying migrations', process.execPath, [CLI, 'migrate'], { ...env, DATABASE_MIGRATION_URL: migrationUrl }, { formatted: true });
  await runStep('database: seeding demo data', process.execPath, [CLI, 'seed'], env, { formatted: true });

  const baseUrl = apiBaseUrl(env);
  const webUrl = webBaseUrl(env);
  say('starting the API, the worker and the web app');
  startApp('api', API_MAIN, env, '36');
  startApp('worker', WORKER_MAIN, env, '35');
  // The web reaches the API over HTTP only (API_URL), at the address the API listens on.
  startApp('web', WEB_MAIN, { ...env, API_URL: env.API_URL || baseUrl }, '33');

  await waitForReady(`${baseUrl}/health/ready`);
  if (shutdownPromise) return;
  await waitForReady(`${webUrl}/health/ready`, 'the web app');
  if (shutdownPromise) return;
  const demo = await readDemoLogins(env);
  if (shutdownPromise) return;
  printBanner({ env, webUrl, baseUrl, services, mail, demo });
}

main().catch(async (e) => {
  if (shutdownPromise) return; // already stopping (Ctrl-C, or an app died)
  complain(e instanceof StartError || e?.name === 'ServiceError' ? e.message : (e?.stack ?? String(e)));
  await shutdown(1);
});
