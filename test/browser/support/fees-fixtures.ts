/**
 * The fee rules and exchange rates the fee pages' journeys need, as a ministry would have them:
 *
 *   1. the demo seed (support/agencies-fixtures.ts runs it once per process) writes the seeded
 *      corridors' rules with their sources (docs/fee-corridors.md) and the demonstration rates;
 *      this installation's origin is the default, the Philippines;
 *   2. through the API, as the demo admin: a rule for Japan (general work), whose salary is in
 *      yen (ISO 4217 exponent 0), and the rates it needs; and a rate from rupiah (exponent 2,
 *      written without decimals) to pesos, so a salary can be given in rupiah.
 */
import { seedDemoData, signedInApi } from './agencies-fixtures';

const DEMO_PASSWORD = 'demo-pass-2026!';

export const JAPAN_RULE_SOURCE = 'Browser test rule: Japan, general work (yen caps)';

/** Yesterday (UTC): a rate dated then is in force today wherever the API's calendar is. */
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (!result.response.ok) throw new Error(`${what} answered ${result.response.status}: ${JSON.stringify(result.error)}`);
  return result.data as T;
}

let created: Promise<void> | undefined;

/** Once per test process. */
export function createFeeFixtures(): Promise<void> {
  created ??= (async () => {
    await seedDemoData();
    // Once more if the first attempt finds the connection closed (a busy machine, a fresh API).
    const admin = await signedInApi('admin@demo.lcs', DEMO_PASSWORD).catch(() => signedInApi('admin@demo.lcs', DEMO_PASSWORD));
    const date = yesterday();
    const rate = async (base: string, quote: string, value: string) =>
      ok(
        `rate ${base}/${quote}`,
        await admin.PUT('/admin/exchange-rates/{base}/{quote}/{date}', {
          params: { path: { base, quote, date } },
          body: { rate: value, source: 'browser test' },
        }),
      );
    await rate('JPY', 'PHP', '0.38');
    await rate('PHP', 'JPY', '2.6315789474');
    await rate('IDR', 'PHP', '0.0036');
    ok(
      'the Japan rule',
      await admin.POST('/admin/fee-rules', {
        body: {
          destinationCountry: 'JP',
          occupationCategory: 'general',
          originCountry: 'PH',
          validFrom: '2026-01-01',
          placementFeeCap: { kind: 'salary-multiple', multiple: '1' },
          allowedItems: [{ item: 'training', cap: { amountMinor: '30000', currency: 'JPY' } }, { item: 'medical-examination' }],
          prohibitedItems: ['airfare', 'visa'],
          protected: false,
          source: JAPAN_RULE_SOURCE,
        },
      }),
    );
  })();
  return created;
}
