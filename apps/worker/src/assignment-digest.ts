import { Injectable, Module } from '@nestjs/common';
import { PeriodicWork } from '@app/common';
import { AssignmentDigest, ComplaintsModule } from '@app/complaints';

type DigestRun = Awaited<ReturnType<AssignmentDigest['run']>>;

/**
 * Sends the inspectors' digests of newly assigned cases (AssignmentDigest): every minute it takes
 * the notices of the periods that have ended (COMPLAINTS_ASSIGNMENT_DIGEST_MINUTES), so a case
 * waits at most one period and a minute. Several workers are safe: the digest takes notices with
 * SKIP LOCKED and only from ended periods. At shutdown the run in progress finishes its batch and
 * takes no other.
 */
@Injectable()
export class AssignmentDigestTicker extends PeriodicWork<DigestRun> {
  readonly name = 'assignment digest';
  readonly everyMs = 60_000;

  constructor(private readonly digest: AssignmentDigest) {
    super();
  }

  protected work(stopping: () => boolean): Promise<DigestRun> {
    return this.digest.run(stopping);
  }

  protected override describe(result: DigestRun): string | undefined {
    return result.mails ? `${result.mails} mails enqueued for ${result.cases} cases` : undefined;
  }
}

@Module({ imports: [ComplaintsModule], providers: [AssignmentDigestTicker] })
export class AssignmentDigestModule {}
