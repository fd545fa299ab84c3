import type { EntityManager } from 'typeorm';
import { readTogether } from './read-together';

describe('readTogether', () => {
  const tracked = () => {
    let running = 0;
    let most = 0;
    const read = (value: number) => async () => {
      most = Math.max(most, ++running);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return value;
    };
    return { read, most: () => most };
  };

  it("runs the reads side by side on the pool's manager", async () => {
    const t = tracked();
    await expect(readTogether({} as EntityManager, [t.read(1), t.read(2), t.read(3)])).resolves.toEqual([1, 2, 3]);
    expect(t.most()).toBe(3);
  });

  it("runs them one after another on a transaction's manager (one connection)", async () => {
    const t = tracked();
    await expect(readTogether({ queryRunner: {} } as EntityManager, [t.read(1), t.read(2), t.read(3)])).resolves.toEqual([1, 2, 3]);
    expect(t.most()).toBe(1);
  });
});
