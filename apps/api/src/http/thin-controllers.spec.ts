import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * Controllers translate HTTP into one service call (docs/contributing.md, "Controllers are one
 * call"): the service opens the transaction, writes the audit entries and takes the caller as the
 * one `Actor` of `@CurrentActor()`. This reads every controller of the API and names the line
 * that breaks the rule.
 */
const API = join(__dirname, '..');

const FORBIDDEN: { rule: string; pattern: RegExp }[] = [
  { rule: 'opens a transaction (the service opens it)', pattern: /\.transaction\s*\(/ },
  { rule: 'reaches the database (typeorm): a service does', pattern: /from '(typeorm|@nestjs\/typeorm)'/ },
  { rule: 'appends an audit entry (the service writes it with the change)', pattern: /\.append\s*\(/ },
  { rule: 'builds an audit actor (`@CurrentActor()` carries it)', pattern: /\bauditActor\s*\(/ },
];

function controllersUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? controllersUnder(join(dir, e.name)) : e.name.endsWith('.controller.ts') ? [join(dir, e.name)] : [],
  );
}

/** Each line of `source` that breaks a rule, as `file:line: rule`. */
export function violations(file: string, source: string): string[] {
  return source.split('\n').flatMap((line, i) => FORBIDDEN.filter((f) => f.pattern.test(line)).map((f) => `${file}:${i + 1}: ${f.rule}`));
}

describe('API controllers are one service call', () => {
  const files = controllersUnder(API);

  it('finds the controllers', () => {
    expect(files.length).toBeGreaterThan(30);
  });

  it('no controller opens a transaction, touches typeorm, appends an audit entry or builds an audit actor', () => {
    const found = files.flatMap((f) => violations(relative(API, f), readFileSync(f, 'utf8')));
    expect(found).toEqual([]);
  });

  it('names what it refuses', () => {
    const source = [
      "import { DataSource } from 'typeorm';",
      'return this.db.transaction((m) => this.fees.create(m, dto));',
      'await this.audit.append(m, { actor: auditActor(actor, "admin") });',
    ].join('\n');
    expect(violations('x.controller.ts', source)).toEqual([
      'x.controller.ts:1: reaches the database (typeorm): a service does',
      'x.controller.ts:2: opens a transaction (the service opens it)',
      'x.controller.ts:3: appends an audit entry (the service writes it with the change)',
      'x.controller.ts:3: builds an audit actor (`@CurrentActor()` carries it)',
    ]);
  });
});
