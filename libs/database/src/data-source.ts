/**
 * Entry point for the TypeORM CLI (`npm run migration:*`). Reads the same validated
 * configuration as the processes do, connecting as the owner role (DATABASE_MIGRATION_URL, else
 * DATABASE_URL).
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from '@app/common';
import { buildMigrationDataSourceOptions } from './data-source.options';

loadDotEnv();
export default new DataSource(buildMigrationDataSourceOptions(loadConfig().database));
