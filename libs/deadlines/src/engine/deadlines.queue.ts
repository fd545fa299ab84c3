/** The deadline queue, its job names and payloads: in one place. */
export const DEADLINES_QUEUE = 'deadlines';

export const DeadlineJob = {
  /** Fire one level of one deadline version. */
  Fire: 'fire',
} as const;

export interface FireJobData {
  deadlineId: string;
  version: number;
  level: number;
}

/** `<deadline id>-v<version>-l<level>`: deterministic (re-adding is a no-op) and free of colons. */
export const fireJobId = (d: FireJobData) => `${d.deadlineId}-v${d.version}-l${d.level}`;
