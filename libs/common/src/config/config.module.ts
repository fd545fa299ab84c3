import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from './config.schema';
import { ConfigService } from './config.service';
import { loadConfig } from './load-config';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment once; a wrong setting throws before any module starts. */
  static forRoot(config: AppConfig = loadConfig()): DynamicModule {
    return {
      module: ConfigModule,
      providers: [{ provide: ConfigService, useValue: new ConfigService(config) }],
      exports: [ConfigService],
    };
  }
}
