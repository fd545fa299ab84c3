import { DateTime, IANAZone } from 'luxon';
import { DAY_MS, civilFromDays } from './civil-date';

const HOUR_MS = 3_600_000;
/** Entries kept per map before it starts again (a few years of days, a few months of hours). */
const REMEMBERED = 5_000;

/**
 * The local days of one IANA time zone as spans of real time.
 *
 * Local day `d` (an epoch day) is the half-open span of instants [start(d), start(d + 1)); its
 * real length is 24 h except on the days the zone's UTC offset changes (23 h or 25 h for DST,
 * other values for rarer changes). Those days are found once per zone and UTC year, by sampling
 * the offset every 24 h and bisecting each change to the millisecond, then kept for the life of
 * the process: summing the lengths of many days then costs one lookup per offset change instead
 * of one time-zone computation per day.
 */
export class ZoneDays {
  private static readonly byName = new Map<string, ZoneDays>();

  /** day -> (real length - 24 h) in ms, for every day of the scanned years that is not 24 h long. */
  private readonly deltas = new Map<number, number>();
  private readonly scannedYears = new Set<number>();
  private sortedDays: number[] | null = [];
  /** UTC hour -> offset in ms, for hours without a change; local day -> its first instant. */
  private readonly offsets = new Map<number, number>();
  private readonly starts = new Map<number, number>();

  private constructor(readonly zone: IANAZone) {}

  static of(timeZone: string): ZoneDays {
    let days = ZoneDays.byName.get(timeZone);
    if (!days) ZoneDays.byName.set(timeZone, (days = new ZoneDays(IANAZone.create(timeZone))));
    return days;
  }

  /** UTC offset in ms at an instant. */
  offsetMs(ms: number): number {
    // Asking the zone costs an Intl formatting. Offsets change a few times a year at most, so
    // they are remembered per UTC hour, when the offset at both ends of the hour is the same
    // (an hour holding a change is computed exactly every time).
    const hour = Math.floor(ms / HOUR_MS);
    const known = this.offsets.get(hour);
    if (known !== undefined) return known;
    const first = this.zone.offset(hour * HOUR_MS);
    if (first !== this.zone.offset(hour * HOUR_MS + HOUR_MS - 1)) return this.zone.offset(ms) * 60_000;
    if (this.offsets.size >= REMEMBERED) this.offsets.clear();
    this.offsets.set(hour, first * 60_000);
    return first * 60_000;
  }

  /** The local day an instant falls on. */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMs(ms)) / DAY_MS);
  }

  /** First instant of a local day (local midnight; when midnight does not exist, the first local time that does). */
  startOf(day: number): number {
    let start = this.starts.get(day);
    if (start === undefined) {
      const [year, month, dayOfMonth] = civilFromDays(day);
      start = DateTime.fromObject({ year, month, day: dayOfMonth }, { zone: this.zone }).toMillis();
      if (this.starts.size >= REMEMBERED) this.starts.clear();
      this.starts.set(day, start);
    }
    return start;
  }

  /** Real length of a local day minus 24 h. */
  private computeDelta(day: number): number {
    return this.startOf(day + 1) - this.startOf(day) - DAY_MS;
  }

  /**
   * Calls `fn(day, delta)` for every local day in [fromDay, toDay] whose real length is not 24 h,
   * in increasing order. Scans (and remembers) the zone's offset changes for the years needed.
   */
  forEachIrregularDay(fromDay: number, toDay: number, fn: (day: number, delta: number) => void): void {
    if (fromDay > toDay) return;
    // An irregular day d holds an offset change T with dayOf(T) in {d, d + 1}, and T lies within
    // about a day of d's UTC midnight: two days of margin cover every such T.
    const firstYear = new Date((fromDay - 2) * DAY_MS).getUTCFullYear();
    const lastYear = new Date((toDay + 2) * DAY_MS).getUTCFullYear();
    for (let year = firstYear; year <= lastYear; year++) this.scanYear(year);
    const days = this.sorted();
    for (let i = lowerBound(days, fromDay); i < days.length && days[i] <= toDay; i++) fn(days[i], this.deltas.get(days[i])!);
  }

  private sorted(): number[] {
    if (!this.sortedDays) this.sortedDays = [...this.deltas.keys()].sort((a, b) => a - b);
    return this.sortedDays;
  }

  private scanYear(year: number): void {
    if (this.scannedYears.has(year)) return;
    // From a day before the year (a change exactly at 1 January 00:00Z is seen) to its end.
    const end = Date.UTC(year + 1, 0, 1);
    let prevAt = Date.UTC(year, 0, 1) - DAY_MS;
    let prevOffset = this.zone.offset(prevAt);
    for (let at = prevAt + DAY_MS; at <= end; at += DAY_MS) {
      const offset = this.zone.offset(at);
      // More than one change may hide between two samples: find them one after the other.
      while (offset !== prevOffset) {
        let lo = prevAt;
        let hi = at;
        while (hi - lo > 1) {
          const mid = Math.floor((lo + hi) / 2);
          if (this.zone.offset(mid) === prevOffset) lo = mid;
          else hi = mid;
        }
        this.recordChangeAt(hi);
        prevAt = hi;
        prevOffset = this.zone.offset(hi);
      }
      prevAt = at;
    }
    this.scannedYears.add(year);
  }

  /** An offset change at instant `at` can only alter the lengths of the local days around it. */
  private recordChangeAt(at: number): void {
    const day = this.dayOf(at);
    for (let d = day - 1; d <= day + 1; d++) {
      const delta = this.computeDelta(d);
      if (delta !== 0) this.deltas.set(d, delta);
      else this.deltas.delete(d);
    }
    this.sortedDays = null;
  }
}

/** First index i with sorted[i] >= value. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First index i with sorted[i] > value. */
export function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
