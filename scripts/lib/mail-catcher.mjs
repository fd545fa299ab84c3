/**
 * The development mail catcher of `npm start`: MailDev (npm `maildev`, a devDependency), an SMTP
 * server that keeps every message it receives and shows them in a web inbox. Without it the
 * demo's mail (acknowledgements, reminders, decisions) has nowhere to go: every send fails, is
 * retried, and ends `failed` unread.
 *
 * Started when SMTP_URL is not set and NODE_ENV is not production, as a child process of its own
 * on 127.0.0.1 only: SMTP on 1025 and the inbox on 1080, or the next free ports when those are
 * taken (said in the log). Messages are kept in <dataDir>/mail, so the inbox survives a restart
 * like the demo's database does (the newest MAX_EMAILS).
 *
 * Plain `node`, Node built-ins only (MailDev runs as its own process).
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { findFreePort, prepareDataDir, REPO_ROOT } from './services.mjs';

const HOST = '127.0.0.1';
export const SMTP_PORTS = [1025, 1026, 1027, 1028, 1029];
export const WEB_PORTS = [1080, 1081, 1082, 1083, 1084];
const MAX_EMAILS = 1000;
const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;

/** Should `npm start` run a mail catcher with this environment? */
export function wantsMailCatcher(env) {
  return !env.SMTP_URL && env.NODE_ENV !== 'production';
}

/** MailDev's command-line entry point in node_modules, or null when it is not installed. */
export function maildevEntry(root = REPO_ROOT) {
  const dir = path.join(root, 'node_modules', 'maildev');
  try {
    const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const bin = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.maildev;
    const entry = bin && path.join(dir, bin);
    return entry && fs.existsSync(entry) ? entry : null;
  } catch {
    return null;
  }
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A port from `candidates` (the first free), saying so when the preferred one is taken. */
async function pickPort(candidates, what, log) {
  const port = await findFreePort(candidates);
  if (port !== candidates[0]) log(`mail: port ${candidates[0]} is taken (another mail catcher?); MailDev's ${what} uses ${port}`);
  return port;
}

/**
 * Starts MailDev and waits until its inbox answers. Resolves { smtpUrl, inboxUrl, stop, stopSync };
 * rejects with an Error saying why (its last output lines included) when it cannot start.
 *   onLine  receives each line MailDev prints once it is up (it names each message it receives)
 */
export async function startMailCatcher({ dataDir, log = () => {}, onLine = () => {}, env = process.env, entry = maildevEntry() }) {
  if (!entry) throw new Error('MailDev is not installed (it is a devDependency: run `npm ci` without --omit=dev)');
  const mailDir = path.join(dataDir, 'mail');
  prepareDataDir(dataDir);
  fs.mkdirSync(mailDir, { recursive: true, mode: 0o700 });
  const smtpPort = await pickPort(SMTP_PORTS, 'SMTP server', log);
  const webPort = await pickPort(
    WEB_PORTS.filter((p) => p !== smtpPort),
    'inbox',
    log,
  );

  const args = [
    entry,
    '--smtp',
    String(smtpPort),
    '--ip',
    HOST,
    '--web',
    String(webPort),
    '--web-ip',
    HOST,
    '--mail-directory',
    mailDir,
    '--max-emails',
    String(MAX_EMAILS),
  ];
  // Detached: a Ctrl-C in the terminal must not stop it before the apps that still send to it.
  const child = spawn(process.execPath, args, { cwd: dataDir, env, stdio: ['ignore', 'pipe', 'pipe'], detached: process.platform !== 'win32' });
  child.unref();
  let ready = false;
  const early = []; // output before it is up: its banner, or why it failed
  for (const stream of [child.stdout, child.stderr]) {
    stream.unref?.();
    readline.createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      if (ready) onLine(line);
      else early.push(line);
    });
  }
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.once('exit', (code, signal) => resolve((exited = { code, signal })));
    child.once('error', (e) => resolve((exited = { code: -1, signal: null, error: e })));
  });

  const inboxUrl = `http://${HOST}:${webPort}`;
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (!exited && Date.now() < deadline) {
    try {
      const res = await fetch(`${inboxUrl}/api/healthz`, { signal: AbortSignal.timeout(1_000) });
      if (res.ok) {
        ready = true;
        break;
      }
    } catch {
      /* not listening yet */
    }
    await sleep(200);
  }
  if (!ready) {
    if (!exited) child.kill('SIGKILL');
    const why = exited ? (exited.error?.message ?? `it exited with code ${exited.code}`) : `its inbox did not answer within ${START_TIMEOUT_MS / 1000} s`;
    const output = early.slice(-10).join('\n');
    throw new Error(`MailDev did not start: ${why}${output ? `\n${output}` : ''}`);
  }

  const signal = (sig) => {
    if (!exited) child.kill(sig);
  };
  return {
    smtpUrl: `smtp://${HOST}:${smtpPort}`,
    inboxUrl,
    stop: async () => {
      signal('SIGTERM');
      const killer = setTimeout(() => signal('SIGKILL'), STOP_GRACE_MS);
      await exitPromise;
      clearTimeout(killer);
    },
    stopSync: () => signal('SIGTERM'),
  };
}
