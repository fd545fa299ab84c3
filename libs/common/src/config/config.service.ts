import { Injectable } from '@nestjs/common';
import { AppConfig } from './config.schema';

/** Typed read access to the validated configuration, one namespace at a time. */
@Injectable()
export class ConfigService {
  constructor(private readonly config: AppConfig) {}

  get<K extends keyof AppConfig>(namespace: K): Readonly<AppConfig[K]> {
    return this.config[namespace];
  }
}
