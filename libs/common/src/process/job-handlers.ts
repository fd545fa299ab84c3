/**
 * A BullMQ processor of the worker says which job names it handles: the worker refuses to start
 * when a job name its queue carries has no handler (apps/worker/src/worker-jobs.ts).
 * Model: immich's job.repository.ts (one handler per job name, checked at start-up).
 */
export interface JobHandlers {
  handles(jobName: string): boolean;
}
