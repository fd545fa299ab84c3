/** A message the SMTP server accepted, to be marked sent: fenced by the lease its relay claimed it with. */
export interface SentRecord {
  id: string;
  lease: Date;
  messageId: string;
}

/** What became of one record: written, refused by its fence (another relay holds the row now), or not written (database down). */
export type SentRecordOutcome = 'sent' | 'leaseLost' | 'unrecorded';

/** Writes a batch of records in one statement; answers the ids it marked sent (those whose lease still held). */
export type WriteSent = (records: SentRecord[]) => Promise<Set<string>>;

/**
 * Marks sent messages in batches rather than one UPDATE each: a record waits at most `waitMs`
 * (or until `max` have gathered) and goes with the others in one statement. At a thousand
 * messages a second that is a few dozen statements instead of a thousand, and the relay's
 * lanes never wait for them (they go on to the next message while the batch is written).
 *
 * A record not yet written is a message the server has but the outbox still shows pending: if
 * the process dies then, its lease brings it back and it goes out again with the same
 * Message-ID (the relay's at-least-once edge, widened by at most `waitMs`). `flush()` writes
 * what is gathered at once; the relay calls it before a round ends, so a stopping process
 * writes every outcome before it goes.
 */
export class SentRecords {
  private gathered: { record: SentRecord; done: (outcome: SentRecordOutcome) => void }[] = [];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly write: WriteSent,
    private readonly onWriteError: (e: Error, ids: string[]) => void,
    private readonly max = 64,
    private readonly waitMs = 20,
  ) {}

  /** Adds a record; resolves once its batch is written (never rejects). */
  add(record: SentRecord): Promise<SentRecordOutcome> {
    return new Promise((done) => {
      this.gathered.push({ record, done });
      if (this.gathered.length >= this.max) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.waitMs);
    });
  }

  /** Writes what has gathered now (the promises of its records resolve when it is written). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.gathered;
    if (!batch.length) return;
    this.gathered = [];
    this.write(batch.map((b) => b.record)).then(
      (written) => {
        for (const b of batch) b.done(written.has(b.record.id) ? 'sent' : 'leaseLost');
      },
      (e: unknown) => {
        this.onWriteError(
          e instanceof Error ? e : new Error(String(e)),
          batch.map((b) => b.record.id),
        );
        for (const b of batch) b.done('unrecorded');
      },
    );
  }
}
