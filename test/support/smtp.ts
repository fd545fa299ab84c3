import { AddressInfo } from 'node:net';
import { SMTPServer, SMTPServerAddress, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A message the test SMTP server accepted, parsed enough for assertions. */
export interface ReceivedMail {
  /** Envelope sender and recipients (MAIL FROM / RCPT TO). */
  envelopeFrom: string;
  envelopeTo: string[];
  /** Header fields by lower-cased name (the last one wins), RFC 2047 words decoded. */
  headers: Record<string, string>;
  messageId: string;
  subject: string;
  /** The text/plain part, decoded ('' when absent). */
  text: string;
  /** The text/html part, decoded ('' when absent). */
  html: string;
  raw: string;
}

export interface RefusedAttempt {
  to: string;
  code: number;
}

/**
 * A real SMTP server for end-to-end tests (the `smtp-server` package) on a free local port.
 * It keeps every message it accepts; `refuse()` makes it answer RCPT TO with a temporary
 * failure (451, as a greylisting or overloaded server would) until `accept()`.
 */
export class TestSmtpServer {
  readonly received: ReceivedMail[] = [];
  readonly refused: RefusedAttempt[] = [];
  private refuseCode: number | null = null;
  private server?: SMTPServer;
  private readonly closedSessions = new Set<string>();
  port = 0;
  /**
   * How long the server takes to answer a message's data (a slow server). A message counts as
   * received only once answered: one whose connection the client closed meanwhile is dropped,
   * as a real server drops a message it never acknowledged.
   */
  dataDelayMs = 0;
  /** A longer delay for the messages to these addresses (one slow message among many). */
  readonly slowRecipients = new Map<string, number>();
  /**
   * Refuses the data of a message (451 after DATA, as an overloaded server does) the first time
   * this says so for its Message-ID; the client's retry of the same message is then accepted.
   */
  failFirstAttempt: ((messageId: string) => boolean) | null = null;
  /** Message-IDs whose data was refused once (failFirstAttempt). */
  readonly failedOnce = new Set<string>();
  /** SMTP sessions open now, and the most open at once. */
  sessions = 0;
  maxSessions = 0;

  static async start(): Promise<TestSmtpServer> {
    const s = new TestSmtpServer();
    await s.listen();
    return s;
  }

  /** `smtp://127.0.0.1:<port>`, for SMTP_URL. */
  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  /** Refuse every recipient with this code (default 451: try again later) until `accept()`. */
  refuse(code = 451): void {
    this.refuseCode = code;
  }

  accept(): void {
    this.refuseCode = null;
  }

  /** Messages accepted for this recipient. */
  to(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** Attempts refused for this recipient. */
  refusedFor(address: string): number {
    return this.refused.filter((r) => r.to === address.toLowerCase()).length;
  }

  /** Waits until `count` messages reached this recipient (polling; fails after `timeoutMs`). */
  async waitFor(address: string, count = 1, timeoutMs = 10_000): Promise<ReceivedMail[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.to(address).length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} message(s) to ${address}, got ${this.to(address).length}`);
      await new Promise((r) => setTimeout(r, 25));
    }
    return this.to(address);
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async listen(): Promise<void> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      // Stop promptly at the end of a test even when a client keeps a pooled connection open.
      closeTimeout: 200,
      onConnect: (_session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        this.sessions += 1;
        this.maxSessions = Math.max(this.maxSessions, this.sessions);
        callback();
      },
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        if (this.refuseCode === null) return callback();
        this.refused.push({ to: address.address.toLowerCase(), code: this.refuseCode });
        // Quoting the address, as real servers do (Postfix: `450 4.1.1 <x@y>: Recipient address rejected`).
        const err = Object.assign(
          new Error(`${this.refuseCode === 451 ? `4.3.0 <${address.address}>: Try again later` : `5.1.1 <${address.address}>: Refused`}`),
          { responseCode: this.refuseCode },
        );
        callback(err);
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (err?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
          const envelopeTo = session.envelope.rcptTo.map((r) => r.address.toLowerCase());
          const accept = () => {
            if (this.closedSessions.has(session.id)) return callback(new Error('connection closed'));
            const mail = { envelopeFrom, envelopeTo, raw, ...parseMail(raw) };
            if (this.failFirstAttempt && !this.failedOnce.has(mail.messageId) && this.failFirstAttempt(mail.messageId)) {
              this.failedOnce.add(mail.messageId);
              return callback(Object.assign(new Error('4.3.2 Service busy, try again later'), { responseCode: 451 }));
            }
            this.received.push(mail);
            callback();
          };
          const delay = Math.max(this.dataDelayMs, ...envelopeTo.map((to) => this.slowRecipients.get(to) ?? 0));
          if (delay > 0) setTimeout(accept, delay);
          else accept();
        });
      },
      onClose: (session: SMTPServerSession) => {
        this.sessions -= 1;
        this.closedSessions.add(session.id);
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
  }
}

// --- a small MIME reader: enough for what nodemailer writes (multipart/alternative, QP/base64, UTF-8) ---

type Headers = Record<string, string>;

function splitHeadersAndBody(raw: string): { headers: Headers; body: string } {
  const text = raw.replace(/\r\n/g, '\n');
  const end = text.indexOf('\n\n');
  const head = end === -1 ? text : text.slice(0, end);
  const body = end === -1 ? '' : text.slice(end + 2);
  const headers: Headers = {};
  for (const line of head.replace(/\n[ \t]+/g, ' ').split('\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = decodeWords(line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`, `=?UTF-8?Q?...?=`); whitespace between two words is dropped. */
function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?[^?]+\?[BbQq]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : qpBytes(data.replace(/_/g, ' ')).toString('utf8'),
    );
}

function qpBytes(s: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(s[i], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, headers: Headers): string {
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') return qpBytes(body.replace(/=\n/g, '')).toString('utf8');
  return body;
}

function leaves(headers: Headers, body: string): { type: string; content: string }[] {
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    const parts = body.split(`--${boundary}`).slice(1);
    return parts
      .filter((p) => !p.startsWith('--'))
      .flatMap((p) => {
        const part = splitHeadersAndBody(p.replace(/^\n/, ''));
        return leaves(part.headers, part.body);
      });
  }
  return [{ type: type.split(';')[0].trim(), content: decodeBody(body.replace(/\n$/, ''), headers) }];
}

export function parseMail(raw: string): Omit<ReceivedMail, 'envelopeFrom' | 'envelopeTo' | 'raw'> {
  const { headers, body } = splitHeadersAndBody(raw);
  const parts = leaves(headers, body);
  return {
    headers,
    messageId: headers['message-id'] ?? '',
    subject: headers['subject'] ?? '',
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
  };
}
