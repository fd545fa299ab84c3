import { Global, Module } from '@nestjs/common';
import { ConfigService } from '../config';
import { FieldEncryption } from './field-encryption';

/**
 * Provides `FieldEncryption` everywhere, built once from the validated FIELD_ENCRYPTION_KEYS and
 * FIELD_INDEX_KEY (config namespace `crypto`). Import it once, in the root module of each process.
 */
@Global()
@Module({
  providers: [
    {
      provide: FieldEncryption,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => FieldEncryption.fromSettings(config.get('crypto')),
    },
  ],
  exports: [FieldEncryption],
})
export class CryptoModule {}
