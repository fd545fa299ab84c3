/**
 * How `npm start` shows the output of the processes it runs. The apps always write JSON lines
 * (pino), as in production; in development this turns each into one short readable line and
 * leaves out Nest's start-up chatter (a line per module initialised, per controller and per route:
 * about 200 lines before anything useful), unless LOG_LEVEL asks for debug or trace.
 * LOG_FORMAT=json keeps the lines exactly as the apps wrote them.
 *
 * Plain `node`; pino-pretty (a devDependency) does the formatting when it is installed, otherwise
 * the JSON lines pass through unchanged (still without the chatter).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Nest contexts that only narrate start-up: modules initialised, controllers and routes mapped. */
export const STARTUP_CHATTER = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer']);
// The same chatter from Nest's plain console logger (the seed command): `[Nest] 123  - <date>  LOG [InstanceLoader] …`.
const CONSOLE_CHATTER = new RegExp(`^\\[Nest\\] \\d+\\s+-.*\\s(LOG|DEBUG|VERBOSE)\\s+\\[(${[...STARTUP_CHATTER].join('|')})\\]`);
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-9;]*m/g;

/**
 * Which format to use, from the environment: `json` (as written) or `pretty`. LOG_FORMAT wins;
 * otherwise pretty except in production, whose logs stay JSON for whatever reads them.
 */
export function logFormatFor(env) {
  const asked = (env.LOG_FORMAT ?? '').toLowerCase();
  if (asked === 'json' || asked === 'pretty') return asked;
  return env.NODE_ENV === 'production' ? 'json' : 'pretty';
}

/** One pino line parsed, or null when the line is not a JSON object. */
function parseJsonLine(line) {
  if (!line.startsWith('{')) return null;
  try {
    const value = JSON.parse(line);
    return value && typeof value === 'object' && !Array.isArray(value) ? value : null;
  } catch {
    return null;
  }
}

/** The message part of a pretty line: `Context: message`, or `GET /path 200 (12 ms)` for a request line. */
export function shortMessage(log) {
  const msg = log.msg ?? '';
  if (log.req && log.res && typeof log.responseTime === 'number') {
    return `${log.req.method} ${log.req.url} ${log.res.statusCode} (${Math.round(log.responseTime)} ms)`;
  }
  return log.context ? `${log.context}: ${msg}` : msg;
}

function loadPrettyFactory() {
  try {
    return require('pino-pretty').prettyFactory;
  } catch {
    return null;
  }
}

/**
 * A function from one output line to what to print: the line itself, a pretty version of it
 * (no trailing newline), or null to leave it out.
 *   format   'pretty' or 'json' (see logFormatFor)
 *   verbose  keep Nest's start-up chatter (LOG_LEVEL debug or trace)
 *   color    ANSI colours in pretty lines
 */
export function createLineFormatter({ format = 'pretty', verbose = false, color = false } = {}) {
  if (format === 'json') return (line) => line;
  const prettyFactory = loadPrettyFactory();
  const pretty = prettyFactory?.({
    colorize: color,
    translateTime: 'SYS:HH:MM:ss',
    singleLine: true,
    // Said by the message already (context, request line), or the same on every line.
    ignore: 'pid,hostname,context,reqId,req,res,responseTime',
    messageFormat: (log) => shortMessage(log),
  });
  return (line) => {
    const log = parseJsonLine(line);
    if (!log) {
      if (!verbose && CONSOLE_CHATTER.test(line.replace(ANSI, ''))) return null;
      return line;
    }
    if (!verbose && STARTUP_CHATTER.has(log.context)) return null;
    return pretty ? pretty(log).replace(/\r?\n$/, '') : line;
  };
}

/** Is LOG_LEVEL asking for Nest's start-up chatter too? */
export function isVerbose(env) {
  return ['debug', 'trace'].includes((env.LOG_LEVEL ?? '').toLowerCase());
}
