import type { Type } from '@nestjs/common';
import { AgenciesSeedModule, LicensingSeedModule } from '@app/agencies';
import { AuthSeedModule } from '@app/auth';
import { FeesSeedModule } from '@app/fees';
import { WelfareSeedModule } from '@app/welfare';

/** Domain modules whose providers include demo seeders (see `@Seeder()`); the seed command loads them. */
export const DOMAIN_SEED_MODULES: Type[] = [AgenciesSeedModule, AuthSeedModule, LicensingSeedModule, FeesSeedModule, WelfareSeedModule];
