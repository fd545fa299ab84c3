import { nearestOpenDueSql } from './open-deadlines.sql';

describe('open deadlines, as other libraries read them from SQL', () => {
  it('are the subject’s pending, paused or breached deadlines, in the predicate of the open-deadline indexes', () => {
    expect(nearestOpenDueSql('complaint', 'c.id::text')).toBe(
      `(SELECT min(d.due_at) FROM deadline d WHERE d.subject_type = 'complaint' AND d.subject_id = c.id::text AND d.state IN ('pending','paused','breached'))`,
    );
  });

  it('take a subject type that is a code, never text to quote', () => {
    expect(() => nearestOpenDueSql("complaint' OR true --", 'c.id::text')).toThrow('not a subject type');
  });
});
