import { Injectable, Logger, Module, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ComplaintsModule, InspectionsService } from '@app/complaints';

/** How often the worker runs the routine inspection schedule (it plans only what is due). */
const TICK_MS = 60 * 60_000;

/**
 * The routine schedule of inspections (InspectionsService.planRoutine): every hour, a routine
 * inspection is planned for each licensed agency not inspected within
 * COMPLAINTS_INSPECTION_ROUTINE_MONTHS. Runs never overlap in this process, and across workers the
 * run holds an advisory lock. Shutdown waits for the run in progress.
 */
@Injectable()
class RoutineInspectionsTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('RoutineInspections');
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;

  constructor(private readonly inspections: InspectionsService) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), TICK_MS);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }

  tick(): Promise<void> {
    this.running ??= this.run().finally(() => (this.running = undefined));
    return this.running;
  }

  private async run(): Promise<void> {
    try {
      const planned = await this.inspections.planRoutine();
      if (planned.length) this.logger.log(`routine inspections planned: ${planned.length}`);
    } catch (e) {
      this.logger.error(`routine inspections failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

@Module({ imports: [ComplaintsModule], providers: [RoutineInspectionsTicker] })
export class RoutineInspectionsModule {}
