export * from './config.schema';
export * from './config.service';
export * from './config.module';
export * from './load-config';
export * from './dotenv';
