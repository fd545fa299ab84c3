import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { ENTITY_GLOB, buildDataSourceOptions, findSchemaDrift } from '@app/database';
import { TEST_DATABASE_URL } from '../support/env';

/** An entity that no migration creates: the check must notice it. */
@Entity({ name: 'drift_probe' })
class DriftProbe {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column() someValue: string;
}

const options = (extra: unknown[] = []) =>
  buildDataSourceOptions(
    { DATABASE_URL: TEST_DATABASE_URL, DATABASE_POOL_SIZE: 2, DATABASE_LOG_SQL: 'false' },
    { entities: [ENTITY_GLOB, ...(extra as never[])] },
  ) as ReturnType<typeof buildDataSourceOptions> & { url: string };

describe('migration check', () => {
  it('finds no drift between the entities and the migrations', async () => {
    expect(await findSchemaDrift(options())).toEqual([]);
  });

  it('reports the SQL an entity without a migration would need, in snake_case', async () => {
    const drift = await findSchemaDrift(options([DriftProbe]));
    expect(drift.join('\n')).toMatch(/CREATE TABLE "drift_probe" .*"some_value" character varying NOT NULL/);
  });
});
