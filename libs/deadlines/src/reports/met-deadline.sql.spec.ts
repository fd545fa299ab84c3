import { jurisdictionTimeZone } from '../calendars/time-zone.sql';
import { metDeadlineJoin } from './met-deadline.sql';

describe('published deadline SQL', () => {
  it("joins each subject row's met deadline of a kind, and names the instant it was met", () => {
    expect(metDeadlineJoin('dl', { subjectType: 'welfare_claim', subjectId: 'w.id::text', kind: '$5' })).toEqual({
      join: `JOIN deadline dl ON dl.subject_type = 'welfare_claim' AND dl.subject_id = w.id::text AND dl.kind = $5 AND dl.state = 'met'`,
      metAt: 'dl.closed_at',
    });
  });

  it('writes only a subject-type word as a literal', () => {
    expect(() => metDeadlineJoin('dl', { subjectType: "x' OR true --", subjectId: 'w.id::text', kind: '$1' })).toThrow(TypeError);
  });

  it("reads a jurisdiction's time zone, UTC when there is none", () => {
    expect(jurisdictionTimeZone('$1')).toBe(`coalesce((SELECT time_zone FROM jurisdiction WHERE code = $1), 'UTC')`);
  });
});
