import type { Type } from '@nestjs/common';

/** Domain modules whose providers include demo seeders (see `@Seeder()`); the seed command loads them. */
export const DOMAIN_SEED_MODULES: Type[] = [];
