/**
 * What the closed-loop benches share (bench/scale.mjs, bench/web-queue.mjs): a few clients each
 * sending its next request when the previous one is answered, every latency kept (so p50/p95/p99
 * are exact, not a histogram's), the table printed, and the run's JSON in .bench/.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A usage or setup problem: bench/run.mjs prints its message alone and exits 2. */
export class UsageError extends Error {}

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

export const pick = (list) => list[Math.floor(Math.random() * list.length)];

/** The nearest-rank percentile of ascending `sorted`. */
export const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : NaN);

/** A latency for a table: one decimal, or "-" when there is none. */
export const ms = (v) => (Number.isFinite(v) ? v.toFixed(1) : '-');

/**
 * `connections` clients in a closed loop for `seconds`. `send(client)` (client: 0..connections-1)
 * makes one request, reads its whole answer and returns what to count it as (its status, or a
 * word for an answer that is wrong in another way); a throw counts as an error. Latencies in ms.
 */
export async function closedLoop(send, connections, seconds) {
  const latencies = [];
  const statuses = {};
  let errors = 0;
  const until = performance.now() + seconds * 1000;
  const client = async (n) => {
    while (performance.now() < until) {
      const t = performance.now();
      try {
        const outcome = await send(n);
        latencies.push(performance.now() - t);
        statuses[outcome] = (statuses[outcome] ?? 0) + 1;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, n) => client(n)));
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    rps: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? NaN,
    statuses,
    errors,
  };
}

/** How many of `statuses` (closedLoop's) are not what `ok` accepts. */
export const countOther = (statuses, ok) =>
  Object.entries(statuses)
    .filter(([s]) => !ok(s))
    .reduce((n, [, c]) => n + c, 0);

/** `--<name>` of parseArgs' `values` as an integer ≥ min. */
export function intOption(values, name, min) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} must be an integer ≥ ${min}`);
  return n;
}

/** Repeated `--<flag> <label>=<url>` options as [{ label, url }] (`fallback` when none is given). */
export function labelledUrls(list, flag, fallback, usage) {
  return (list.length ? list : [fallback]).map((a) => {
    const m = /^([^=]+)=(https?:\/\/.+)$/.exec(a);
    if (!m) throw new UsageError(`--${flag} must be <label>=<url>, e.g. 1M=http://127.0.0.1:3000 (got "${a}")\n${usage}`);
    return { label: m[1], url: m[2].replace(/\/+$/, '') };
  });
}

/** A table on stdout: the first column left-aligned, the others right-aligned. */
export function printTable(header, rows) {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  console.log([line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n'));
}

/**
 * The run's figures as .bench/<scenario>-<timestamp>.json (with the machine it ran on), then the
 * verdict: "OK", or "FAIL: …" and exit status 1.
 */
export async function finish(scenario, body, failures) {
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const out = join(ROOT, '.bench', `${scenario}-${stamp}.json`);
  await mkdir(dirname(out), { recursive: true });
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg(), node: process.version };
  await writeFile(out, JSON.stringify({ scenario, at: new Date().toISOString(), ...body, machine, ok: failures.length === 0, failures }, null, 2) + '\n');
  console.log(`\nwritten ${relative(ROOT, out)}`);
  if (failures.length) {
    console.log(`FAIL: ${failures.join('; ')}`);
    process.exitCode = 1;
  } else {
    console.log('OK');
  }
}

/**
 * The table's rows, one per route: p50/p95/p99 and req/s per label, then the p95 gate (every
 * label's p95 within `targetP95`, for the routes `gated` says; "report" for the others). Every
 * route fails on a wrong answer (`wrong(result)`: how many) or an error, gated or not.
 */
export function gateRows({ routes, labels, results, targetP95, gated, wrong, wrongText }) {
  const header = ['route', ...labels.flatMap((l) => [`${l} p50`, `${l} p95`, `${l} p99`, `${l} req/s`]), 'p95 gate'];
  const failures = [];
  const rows = routes.map((route) => {
    const cells = labels.flatMap((l) => {
      const r = results[l][route.key];
      return [ms(r.p50), ms(r.p95), ms(r.p99), r.rps.toFixed(1)];
    });
    let gate = 'report';
    if (gated(route)) {
      const over = labels.filter((l) => !(results[l][route.key].p95 <= targetP95));
      gate = over.length ? `FAIL (${over.join(', ')})` : 'pass';
      if (over.length) failures.push(`${route.key}: p95 over ${targetP95} ms at ${over.join(', ')}`);
    }
    for (const l of labels) {
      const r = results[l][route.key];
      const n = wrong(r);
      if (n || r.errors) failures.push(`${route.key} at ${l}: ${n} ${wrongText} (${JSON.stringify(r.statuses)}), ${r.errors} errors`);
    }
    return [route.name, ...cells, gate];
  });
  return { header, rows, failures };
}
