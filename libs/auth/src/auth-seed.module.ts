import { Module } from '@nestjs/common';
import { DemoUsersSeeder } from './demo/demo-users.seeder';
import { PasswordHasher } from './passwords/password-hasher';

/**
 * What the seed command needs from this library, without the HTTP guard and rate limits: the
 * ministry's demo accounts, and the hasher other libraries' seeders write their demo accounts with.
 */
@Module({ providers: [PasswordHasher, DemoUsersSeeder], exports: [PasswordHasher] })
export class AuthSeedModule {}
