#!/usr/bin/env node
/**
 * `npm run check:image`: what the container image (docker/Dockerfile) assumes, checked without
 * a container engine. The image runs the built processes as an unprivileged user from a /app
 * they cannot write to, with everything they write under /data (a volume). Here:
 *
 *   1. build (`npm run build`; `--skip-build` takes dist/ as it is);
 *   2. copy what the image copies (dist/, package.json, package-lock.json) to a temporary "app"
 *      directory with only the production dependencies (the lockfile's non-dev packages, linked
 *      from node_modules/), then make it read-only (chmod -R a-w);
 *   3. a data directory elsewhere, owned by the unprivileged user, in place of /data;
 *   4. with the environment of the image's runtime stage (its ENV lines: NODE_ENV=production,
 *      HOST=0.0.0.0, DOCUMENTS_DIR under /data), production secrets made for this run, a fresh
 *      database and a Redis prefix of its own: the migrations, then the API, the worker and the
 *      web, each as `nobody` (setpriv; when not run as root, as the current user);
 *   5. check that /health/ready answers on the API and the web, that the image's HEALTHCHECK
 *      command passes for both, that the worker runs, and that an uploaded file lands in the
 *      data directory;
 *   6. SIGTERM each (each must exit 0), drop the database and the Redis keys, remove the copies.
 * Exits 0 when every check passed; otherwise 1, with the processes' last output lines.
 */
import { spawn, spawnSync } from 'node:child_process';
import { Blob } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { runOnSupportedNode } from './lib/node-runtime.mjs';
import { adminUrlFor, ensureDatabase, ensureServices, findFreePort, REPO_ROOT, which } from './lib/services.mjs';

// The built processes run on the project's Node (brought into .data/node/ when the machine's is older).
await runOnSupportedNode();

const require = createRequire(import.meta.url);
const pg = require('pg');
const Redis = require('ioredis');

const DOCKERFILE = path.join(REPO_ROOT, 'docker', 'Dockerfile');
const READY_TIMEOUT_MS = 90_000;
const STOP_TIMEOUT_MS = 20_000;
const UNPRIVILEGED = { user: 'nobody', group: 'nogroup' };

const skipBuild = process.argv.includes('--skip-build');
const say = (msg) => console.log(`[check:image] ${msg}`);
class CheckFailed extends Error {}
const fail = (msg) => {
  throw new CheckFailed(msg);
};

// ---------------------------------------------------------------------------------------------
// What the Dockerfile says
// ---------------------------------------------------------------------------------------------

/** The runtime stage's ENV values, USER and HEALTHCHECK command (exec form), from the Dockerfile. */
function readRuntimeStage(text) {
  const lines = text.replace(/\\\r?\n/g, ' ').split(/\r?\n/);
  const start = lines.findIndex((l) => /^FROM\s+\S+\s+AS\s+runtime\b/i.test(l.trim()));
  if (start < 0) fail('docker/Dockerfile has no `FROM ... AS runtime` stage');
  const stage = { env: {}, user: null, healthcheck: null, workdir: null };
  for (const raw of lines.slice(start + 1)) {
    const line = raw.trim();
    if (/^FROM\s/i.test(line)) break;
    const [, instruction, rest] = line.match(/^(\w+)\s+(.*)$/) ?? [];
    switch (instruction?.toUpperCase()) {
      case 'ENV':
        for (const m of rest.matchAll(/(\w+)=("(?:[^"\\]|\\.)*"|\S+)/g)) stage.env[m[1]] = m[2].startsWith('"') ? JSON.parse(m[2]) : m[2];
        break;
      case 'USER':
        stage.user = rest.trim();
        break;
      case 'WORKDIR':
        stage.workdir = rest.trim();
        break;
      case 'HEALTHCHECK': {
        const cmd = rest.match(/\bCMD\s+(\[.*\])\s*$/);
        if (cmd) stage.healthcheck = JSON.parse(cmd[1]);
        break;
      }
    }
  }
  return stage;
}

// ---------------------------------------------------------------------------------------------
// The read-only copy
// ---------------------------------------------------------------------------------------------

/** Top-level packages `npm ci --omit=dev` installs: the lockfile's entries not marked dev. */
function productionPackages() {
  const lock = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package-lock.json'), 'utf8'));
  return Object.entries(lock.packages ?? {})
    .filter(([key, entry]) => /^node_modules\/(@[^/]+\/)?[^/]+$/.test(key) && !entry.dev)
    .map(([key]) => key.slice('node_modules/'.length));
}

/** The image's /app: dist, package files and the production dependencies, made read-only. */
function makeAppCopy(appDir) {
  fs.mkdirSync(appDir, { recursive: true });
  fs.cpSync(path.join(REPO_ROOT, 'dist'), path.join(appDir, 'dist'), { recursive: true });
  for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(REPO_ROOT, f), path.join(appDir, f));
  const modules = path.join(appDir, 'node_modules');
  let linked = 0;
  for (const name of productionPackages()) {
    const target = path.join(REPO_ROOT, 'node_modules', name);
    if (!fs.existsSync(target)) continue; // an optional package for another platform
    fs.mkdirSync(path.dirname(path.join(modules, name)), { recursive: true });
    fs.symlinkSync(target, path.join(modules, name), 'dir');
    linked++;
  }
  const chmod = spawnSync('chmod', ['-R', 'a-w', appDir]);
  if (chmod.status !== 0) fail(`chmod -R a-w ${appDir} failed: ${chmod.stderr}`);
  fs.chmodSync(path.dirname(appDir), 0o755); // the temporary parent: passable for the unprivileged user
  return linked;
}

// ---------------------------------------------------------------------------------------------
// Processes as the unprivileged user
// ---------------------------------------------------------------------------------------------

function unprivileged() {
  if (process.getuid?.() !== 0) return null;
  const setpriv = which('setpriv') ?? ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  if (!setpriv) fail('running as root but setpriv (util-linux) is missing: cannot switch to an unprivileged user');
  const id = (flag, name) => Number(spawnSync('id', [flag, name], { encoding: 'utf8' }).stdout.trim());
  return { ...UNPRIVILEGED, uid: id('-u', UNPRIVILEGED.user), gid: id('-g', UNPRIVILEGED.user), setpriv };
}

/** Starts `node <args>` in appDir as the unprivileged user; keeps its output for error messages. */
function startNode(name, args, { appDir, env, runAs, nodeBin = process.execPath }) {
  const node = [nodeBin, ...args];
  const [cmd, ...rest] = runAs ? [runAs.setpriv, `--reuid=${runAs.uid}`, `--regid=${runAs.gid}`, '--clear-groups', '--', ...node] : node;
  const child = spawn(cmd, rest, { cwd: appDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (d) => {
    output = (output + d).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  return { name, child, exited, output: () => output, tail: (n = 25) => output.trimEnd().split('\n').slice(-n).join('\n') };
}

async function runToEnd(name, args, opts) {
  const p = startNode(name, args, opts);
  const { code } = await p.exited;
  if (code !== 0) fail(`${name} exited with code ${code}:\n${p.tail()}`);
  return p;
}

async function waitFor(proc, what, probe) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (proc.child.exitCode !== null) fail(`${proc.name} exited (code ${proc.child.exitCode}) before ${what}:\n${proc.tail()}`);
    try {
      const r = await probe();
      if (r === true) return;
      last = r;
    } catch (e) {
      last = e.cause?.code ?? e.message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  fail(`${proc.name}: no ${what} within ${READY_TIMEOUT_MS / 1000} s (last: ${last}):\n${proc.tail()}`);
}

const ready = (url) => async () => {
  const res = await fetch(url, { signal: AbortSignal.timeout(3_000) });
  return res.status === 200 || `HTTP ${res.status} ${(await res.text()).slice(0, 200)}`;
};

async function stopAll(procs) {
  const results = await Promise.all(
    procs.map(async (p) => {
      if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGTERM');
      const killer = setTimeout(() => p.child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      const r = await p.exited;
      clearTimeout(killer);
      return { p, ...r };
    }),
  );
  return results
    .filter((r) => r.code !== 0)
    .map((r) => `${r.p.name} exited with ${r.signal ? `signal ${r.signal}` : `code ${r.code}`} on SIGTERM:\n${r.p.tail()}`);
}

// ---------------------------------------------------------------------------------------------
// Checks against the running processes
// ---------------------------------------------------------------------------------------------

/** A public complaint with one PDF of evidence: the upload must land in the data directory. */
async function uploadEvidence(apiUrl) {
  const filed = await fetch(`${apiUrl}/public/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      agencyName: 'Image Check Recruitment Agency',
      allegations: [{ category: 'unpaid-wages', facts: 'Two months of salary were never paid.' }],
      complainantName: 'Image Check',
      language: 'en',
    }),
  });
  if (filed.status !== 201) fail(`POST /public/complaints answered ${filed.status}: ${(await filed.text()).slice(0, 500)}`);
  const { reference, trackingSecret } = await filed.json();
  const form = new globalThis.FormData();
  form.append('kind', 'contract');
  form.append('file', new Blob([Buffer.from('%PDF-1.4\n% check:image\n%%EOF\n')], { type: 'application/pdf' }), 'contract.pdf');
  const res = await fetch(`${apiUrl}/public/complaints/${reference}/evidence`, {
    method: 'POST',
    headers: { 'x-tracking-secret': trackingSecret },
    body: form,
  });
  if (res.status !== 201) fail(`POST /public/complaints/${reference}/evidence answered ${res.status}: ${(await res.text()).slice(0, 500)}`);
}

function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------------------------

async function dropDatabase(adminUrl, name) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await c.end();
  }
}

async function deleteRedisKeys(url, prefix) {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

function build() {
  if (skipBuild) return say('build: skipped (--skip-build): checking dist/ as it is');
  say('build: npm run build');
  const npmCli = process.env.npm_execpath;
  const [cmd, args] = npmCli && /\.c?js$/.test(npmCli) ? [process.execPath, [npmCli, 'run', 'build']] : ['npm', ['run', 'build']];
  const r = spawnSync(cmd, args, { cwd: REPO_ROOT, stdio: 'inherit' });
  if (r.status !== 0) fail(`npm run build failed (exit ${r.status})`);
}

async function main() {
  const started = Date.now();
  const stage = readRuntimeStage(fs.readFileSync(DOCKERFILE, 'utf8'));
  if (!stage.user || stage.user === 'root' || stage.user === '0')
    fail(`the runtime stage runs as ${stage.user ?? 'root (no USER)'}: it must name an unprivileged user`);
  if (!stage.healthcheck) fail('the runtime stage has no HEALTHCHECK in exec form');
  const imageDataDir = path.posix.dirname(stage.env.DOCUMENTS_DIR ?? '');
  if (!stage.env.DOCUMENTS_DIR?.startsWith('/') || imageDataDir === '/' || imageDataDir.startsWith(stage.workdir ?? '/app')) {
    fail(`the image's DOCUMENTS_DIR (${stage.env.DOCUMENTS_DIR ?? 'unset'}) must be an absolute path on a volume, outside ${stage.workdir ?? '/app'}`);
  }
  say(
    `image: user ${stage.user}, ENV ${Object.entries(stage.env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  build();

  const runAs = unprivileged();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lcs-image-'));
  const appDir = path.join(root, 'app');
  const dataDir = path.join(root, 'data'); // the image's /data volume
  const services = await ensureServices({ log: (m) => say(m) });
  const dbName = `lcs_image_${randomBytes(4).toString('hex')}`;
  const adminUrl = adminUrlFor(services.databaseUrl);
  const redisPrefix = `lcs-image-${randomBytes(4).toString('hex')}`;
  const procs = [];
  let failure = null;
  try {
    const linked = makeAppCopy(appDir);
    fs.mkdirSync(dataDir, { mode: 0o700 });
    if (runAs) fs.chownSync(dataDir, runAs.uid, runAs.gid);
    say(
      `copy: ${path.relative(os.tmpdir(), appDir)} (read-only; ${linked} production packages), data in ${path.relative(os.tmpdir(), dataDir)}, running as ${runAs ? runAs.user : `${os.userInfo().username} (not root: no other user to switch to)`}`,
    );

    await ensureDatabase(adminUrl, dbName, (m) => say(m));
    const dbUrl = new URL(services.databaseUrl);
    dbUrl.pathname = `/${dbName}`;
    const [apiPort, webPort, deadSmtpPort] = [await findFreePort([]), await findFreePort([]), await findFreePort([])];
    const apiUrl = `http://127.0.0.1:${apiPort}`;
    const webUrl = `http://127.0.0.1:${webPort}`;
    const env = {
      PATH: process.env.PATH,
      ...stage.env,
      // The image's /data is this run's data directory.
      DOCUMENTS_DIR: path.join(dataDir, path.posix.relative(imageDataDir, stage.env.DOCUMENTS_DIR)),
      DATABASE_URL: dbUrl.toString(),
      DATABASE_POOL_SIZE: '4',
      REDIS_URL: services.redisUrl,
      REDIS_PREFIX: redisPrefix,
      // Nothing listens there: no mail leaves this check.
      SMTP_URL: `smtp://127.0.0.1:${deadSmtpPort}`,
      AUTH_JWT_SECRET: randomBytes(48).toString('base64'),
      FIELD_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      FIELD_INDEX_KEY: randomBytes(32).toString('base64'),
      WEB_SESSION_SECRET: randomBytes(48).toString('base64'),
      LOG_LEVEL: 'warn',
    };
    // The Node this script runs on may be one npm test/start brought into .data/node/, which only
    // its owner can reach: the unprivileged user gets a copy (the image has its own in /usr/local).
    let nodeBin = process.execPath;
    if (runAs) {
      nodeBin = path.join(root, 'node');
      fs.copyFileSync(process.execPath, nodeBin);
      fs.chmodSync(nodeBin, 0o755);
    }
    const opts = { appDir, runAs, env, nodeBin };

    await runToEnd('migrate', ['dist/apps/api/apps/api/src/cli.js', 'migrate'], opts);
    say('migrate: ok');
    const api = startNode('api', ['dist/apps/api/apps/api/src/main.js'], { ...opts, env: { ...env, PORT: String(apiPort) } });
    const worker = startNode('worker', ['dist/apps/worker/apps/worker/src/main.js'], { ...opts, env: { ...env, LOG_LEVEL: 'info' } });
    const web = startNode('web', ['dist/apps/web/apps/web/src/main.js'], {
      ...opts,
      env: { ...env, WEB_PORT: String(webPort), PORT: String(webPort), API_URL: apiUrl },
    });
    procs.push(api, worker, web);

    await waitFor(api, 'GET /health/ready 200', ready(`${apiUrl}/health/ready`));
    say(`api: ready at ${apiUrl} (listening on ${env.HOST})`);
    await waitFor(worker, '"worker started"', async () => worker.output().includes('"worker started"') || 'not yet');
    say('worker: started');
    await waitFor(web, 'GET /health/ready 200', ready(`${webUrl}/health/ready`));
    say(`web: ready at ${webUrl}`);

    const [hcCmd, ...hcArgs] = stage.healthcheck;
    if (hcCmd !== 'node') fail(`the HEALTHCHECK runs ${hcCmd}, not node: this check cannot run it`);
    for (const [name, port] of [
      ['api', apiPort],
      ['web', webPort],
    ]) {
      await runToEnd(`HEALTHCHECK (${name})`, hcArgs, { ...opts, env: { ...env, PORT: String(port) } });
    }
    say('HEALTHCHECK: passes for the api and the web');

    await uploadEvidence(apiUrl);
    const stored = filesUnder(env.DOCUMENTS_DIR).filter((f) => !f.includes(`${path.sep}.tmp${path.sep}`));
    if (stored.length !== 1) fail(`expected the uploaded file under ${env.DOCUMENTS_DIR}, found ${stored.length} file(s)`);
    say(`upload: stored in the data directory (${path.relative(dataDir, stored[0])})`);
    if (worker.child.exitCode !== null) fail(`the worker exited (code ${worker.child.exitCode}):\n${worker.tail()}`);
  } catch (e) {
    failure = e;
  } finally {
    const unclean = await stopAll(procs);
    if (!failure && unclean.length) failure = new CheckFailed(unclean.join('\n'));
    else if (!failure && procs.length) say('stop: api, worker and web exited 0 on SIGTERM');
    await dropDatabase(adminUrl, dbName).catch((e) => say(`could not drop database ${dbName}: ${e.message}`));
    await deleteRedisKeys(services.redisUrl, redisPrefix).catch((e) => say(`could not delete Redis keys ${redisPrefix}:*: ${e.message}`));
    spawnSync('chmod', ['-R', 'u+w', root]);
    fs.rmSync(root, { recursive: true, force: true });
    await services.stop();
  }
  if (failure) throw failure;
  say(
    `ok: the image's processes run unprivileged from a read-only copy, writing only to their data directory (${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
}

main().catch((e) => {
  console.error(`[check:image] FAILED: ${e instanceof CheckFailed || e?.name === 'ServiceError' ? e.message : (e?.stack ?? e)}`);
  process.exit(1);
});
