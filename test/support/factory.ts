import { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

let sequence = 0;
/** A number unique within the test process, for emails, names and reference numbers. */
export const nextSeq = () => ++sequence;

export interface Factory<T extends ObjectLiteral> {
  /** A valid object with the given fields replaced; nothing is written. */
  build(overrides?: Partial<T>): T;
  /** Builds and inserts, returning the saved entity. */
  create(manager: EntityManager, overrides?: Partial<T>): Promise<T>;
}

/**
 * Defines how to build a valid record; tests state only what matters to them:
 * `const user = await users.create(ds.manager, { active: false })`.
 */
export function defineFactory<T extends ObjectLiteral>(entity: EntityTarget<T>, defaults: (seq: number) => Partial<T>): Factory<T> {
  const build = (overrides: Partial<T> = {}) => ({ ...defaults(nextSeq()), ...overrides }) as T;
  return {
    build,
    create: (manager, overrides) => manager.save(entity, manager.create(entity, build(overrides) as never)) as Promise<T>,
  };
}
