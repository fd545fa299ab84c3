import { Writable } from 'node:stream';

/** A pino destination that keeps every line, parsed, for assertions on what was logged. */
export class LogCapture extends Writable {
  readonly lines: Record<string, unknown>[] = [];

  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim()) this.lines.push(JSON.parse(line) as Record<string, unknown>);
    }
    done();
  }

  withReqId(id: string): Record<string, unknown>[] {
    return this.lines.filter((l) => l.reqId === id || (l.req as { id?: string } | undefined)?.id === id);
  }
}
