import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ConfigService } from '@app/common';
import { buildDataSourceOptions } from './data-source.options';
import { RuntimeRoleCheck } from './runtime-role-check';

@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        ...buildDataSourceOptions(config.get('database')),
        // Keep trying to connect at start-up for a short while (a database starting beside us).
        retryAttempts: 5,
        retryDelay: 1_000,
      }),
    }),
  ],
  providers: [RuntimeRoleCheck],
})
export class DatabaseModule {}
