/**
 * Entry point for the TypeORM CLI (`npm run migration:*`). Reads the same validated
 * configuration as the processes do.
 */
import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { loadConfig, loadDotEnv } from '@app/common';
import { buildDataSourceOptions } from './data-source.options';

loadDotEnv();
export default new DataSource(buildDataSourceOptions(loadConfig().database));
