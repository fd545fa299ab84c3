export * from './redis.options';
export * from './redis-policy';
export * from './redis.module';
export * from './redis-throttler-storage';
