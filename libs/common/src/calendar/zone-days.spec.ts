import { IANAZone } from 'luxon';
import { DAY_MS } from './civil-date';
import { ZoneDays } from './zone-days';

describe('ZoneDays remembers offsets and day starts without changing them', () => {
  // Days around changes of an hour (New York), of half an hour (Lord Howe) and of 45 min (Chatham).
  const cases: [string, string][] = [
    ['America/New_York', '2026-03-08'],
    ['America/New_York', '2026-11-01'],
    ['Australia/Lord_Howe', '2026-04-05'],
    ['Australia/Lord_Howe', '2026-10-04'],
    ['Pacific/Chatham', '2026-04-05'],
    ['Asia/Kathmandu', '2026-06-01'],
  ];
  it.each(cases)('%s around %s: every 7 minutes, asked twice, the same as the zone', (timeZone, date) => {
    const days = ZoneDays.of(timeZone);
    const zone = IANAZone.create(timeZone);
    const from = Date.parse(`${date}T00:00:00Z`) - DAY_MS;
    for (let pass = 0; pass < 2; pass++) {
      for (let ms = from; ms < from + 3 * DAY_MS; ms += 7 * 60_000 + 13) {
        expect(days.offsetMs(ms)).toBe(zone.offset(ms) * 60_000);
      }
      const day = Math.floor(from / DAY_MS);
      for (let d = day; d < day + 3; d++) {
        // Local midnight (or the first local time after it) is on day d and an instant before it is not.
        expect(days.dayOf(days.startOf(d))).toBe(d);
        expect(days.dayOf(days.startOf(d) - 1)).toBe(d - 1);
      }
    }
  });
});
