import { plainToInstance } from 'class-transformer';
import { ValidationError, validateSync } from 'class-validator';
import { AppConfig, CONFIG_NAMESPACES, DEV_ONLY_JWT_SECRET } from './config.schema';
import { secretProblem } from '@app/secrets';

export class ConfigValidationError extends Error {
  constructor(readonly problems: { variable: string; expected: string[] }[]) {
    super(
      'Invalid configuration:\n' +
        problems.map((p) => `  - ${p.variable}: ${p.expected.join('; ')}`).join('\n') +
        '\nSee .env.example for every setting and its default.',
    );
    this.name = 'ConfigValidationError';
  }
}

/**
 * Reads and validates every namespace from the environment. Unknown variables are ignored
 * (the environment holds far more than ours); a wrong or missing one throws with its name.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const problems: { variable: string; expected: string[] }[] = [];
  const result = {} as Record<string, unknown>;
  for (const [ns, cls] of Object.entries(CONFIG_NAMESPACES)) {
    const defaults = new (cls as new () => object)() as Record<string, unknown>;
    const raw: Record<string, unknown> = {};
    for (const key of Object.keys(defaults)) {
      const value = env[key];
      // An empty variable counts as unset, as in most .env tooling.
      if (value !== undefined && value !== '') raw[key] = value;
    }
    const instance = plainToInstance(cls as new () => object, raw, { exposeDefaultValues: true });
    const errors: ValidationError[] = validateSync(instance, { forbidUnknownValues: true });
    for (const e of errors) {
      problems.push({
        variable: e.property,
        // class-validator lists constraints last-declared first; show them as declared.
        expected: Object.values(e.constraints ?? {})
          .reverse()
          .map((m) => (m.startsWith(`${e.property} `) ? m.slice(e.property.length + 1) : m)),
      });
    }
    result[ns] = instance;
  }
  const config = result as AppConfig;
  if (!problems.length) problems.push(...crossChecks(config));
  if (problems.length) throw new ConfigValidationError(problems);
  return config;
}

/** Rules that involve more than one setting. */
function crossChecks(config: AppConfig): { variable: string; expected: string[] }[] {
  const problems: { variable: string; expected: string[] }[] = [];
  if (config.app.NODE_ENV === 'production') {
    if (config.auth.AUTH_JWT_SECRET === DEV_ONLY_JWT_SECRET) {
      problems.push({
        variable: 'AUTH_JWT_SECRET',
        expected: ['must be set in production (at least 32 random characters, e.g. `openssl rand -base64 48`)'],
      });
    } else {
      // Anyone who guesses the secret can sign access tokens for any account.
      const weak = secretProblem(config.auth.AUTH_JWT_SECRET);
      if (weak) problems.push({ variable: 'AUTH_JWT_SECRET', expected: [`${weak}: production needs a random one, e.g. \`openssl rand -base64 48\``] });
    }
  }
  return problems;
}
