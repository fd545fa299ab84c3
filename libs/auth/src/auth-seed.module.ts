import { Module } from '@nestjs/common';
import { DemoUsersSeeder } from './demo/demo-users.seeder';
import { PasswordHasher } from './passwords/password-hasher';

/** What the seed command needs from this library, without the HTTP guard and rate limits. */
@Module({ providers: [PasswordHasher, DemoUsersSeeder] })
export class AuthSeedModule {}
