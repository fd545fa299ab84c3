/**
 * The little markup of mail messages (libs/i18n/src/messages/mail/<language>.json), enough for
 * what mail needs and nothing a translator can break silently:
 *
 *   {name}        a variable of the message's data
 *   **text**      emphasis: <strong> in the HTML part, plain in the text part (pairs in one line)
 *   a line break  a new line: <br> in HTML
 *   "- " at the start of a line: an item of a bulleted list (<ul><li>); consecutive items form one list
 *
 * Everything else is text: in the HTML part it is escaped, like every value.
 */

/** A piece of a line: text of the message, or a variable; emphasised or not. */
export type Segment = { text: string; strong: boolean } | { variable: string; strong: boolean };

export interface Line {
  item: boolean;
  segments: Segment[];
}

export class MailMarkupError extends Error {}

const TOKEN = /\*\*|\{([A-Za-z][A-Za-z0-9_]*)\}/g;

/** A message's lines, parsed. Throws MailMarkupError on an unpaired `**`. */
export function parseMessage(message: string): Line[] {
  return message.split('\n').map((raw) => {
    const item = raw.startsWith('- ');
    const source = item ? raw.slice(2) : raw;
    const segments: Segment[] = [];
    let strong = false;
    let at = 0;
    for (const m of source.matchAll(TOKEN)) {
      if (m.index > at) segments.push({ text: source.slice(at, m.index), strong });
      if (m[0] === '**') strong = !strong;
      else segments.push({ variable: m[1], strong });
      at = m.index + m[0].length;
    }
    if (at < source.length) segments.push({ text: source.slice(at), strong });
    if (strong) throw new MailMarkupError(`unpaired ** in "${raw}"`);
    return { item, segments };
  });
}

/** The variables a message uses. */
export const variablesOf = (lines: readonly Line[]): string[] => lines.flatMap((l) => l.segments.flatMap((s) => ('variable' in s ? [s.variable] : [])));

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]);

// A value that is one web address becomes a link in the HTML part (the text part shows it as it is).
const URL = /^https?:\/\/[^\s<>"']+$/;

/** The value of each variable, already written for the reader. */
export type Values = (name: string) => string;

const lineText = (line: Line, value: Values) => (line.item ? '- ' : '') + line.segments.map((s) => ('text' in s ? s.text : value(s.variable))).join('');

/** A paragraph as plain text: its lines one under the other. */
export const paragraphText = (lines: readonly Line[], value: Values): string => lines.map((l) => lineText(l, value)).join('\n');

function lineHtml(line: Line, value: Values): string {
  let html = '';
  let open = false;
  for (const s of line.segments) {
    if (s.strong !== open) {
      html += s.strong ? '<strong>' : '</strong>';
      open = s.strong;
    }
    if ('text' in s) html += escapeHtml(s.text);
    else {
      const v = value(s.variable);
      html += URL.test(v) ? `<a href="${escapeHtml(v)}">${escapeHtml(v)}</a>` : escapeHtml(v);
    }
  }
  return open ? `${html}</strong>` : html;
}

/** A paragraph as HTML: runs of ordinary lines are a <p> (lines joined by <br>), runs of items a <ul>. */
export function paragraphHtml(lines: readonly Line[], value: Values): string {
  const blocks: string[] = [];
  let run: Line[] = [];
  const flush = () => {
    if (!run.length) return;
    const parts = run.map((l) => lineHtml(l, value));
    blocks.push(run[0].item ? `<ul>${parts.map((p) => `<li>${p}</li>`).join('')}</ul>` : `<p>${parts.join('<br>')}</p>`);
    run = [];
  };
  for (const line of lines) {
    if (run.length && run[0].item !== line.item) flush();
    run.push(line);
  }
  flush();
  return blocks.join('\n');
}
