import { ALLEGATION_CATEGORIES, COMPLAINT_STAGES, COMPLAINT_TRANSITIONS } from '@app/complaints';
import { ACTION_SPECS, STAFF_ACTIONS, actionsFor, fieldOfApiError, readActionForm } from './case-actions';
import { CATEGORIES, STAGES } from './case-vocabulary';

const now = new Date('2026-03-02T01:00:00.000Z'); // 09:00 on 2 March in Manila
const c = {
  version: 7,
  timeZone: 'Asia/Manila',
  allegations: [
    { id: '11111111-1111-4111-8111-111111111111', category: 'excess-fees' },
    { id: '22222222-2222-4222-8222-222222222222', category: 'retained-documents' },
  ],
} as unknown as Parameters<typeof readActionForm>[2];

describe('the case page’s actions', () => {
  it('offers every officer move of the lifecycle table, with the table’s roles, and no move of the system, the agency alone or the complainant', () => {
    const officerMoves = new Map<string, string[]>();
    for (const tr of COMPLAINT_TRANSITIONS) {
      const who = tr.who.filter((w) => w === 'inspector' || w === 'supervisor');
      if (who.length) officerMoves.set(tr.action, who);
    }
    expect([...STAFF_ACTIONS].sort()).toEqual([...officerMoves.keys()].sort());
    for (const a of STAFF_ACTIONS) expect([...ACTION_SPECS[a].who].sort()).toEqual(officerMoves.get(a)!.sort());
  });

  it('names the stages and categories as the API does', () => {
    expect(STAGES).toEqual(COMPLAINT_STAGES);
    expect(CATEGORIES).toEqual(ALLEGATION_CATEGORIES);
  });

  it('keeps to the moves allowed now that the officer’s roles may take', () => {
    const adjudication = ['record-answer', 'schedule-hearing', 'hold-hearing', 'cancel-hearing', 'decide', 'return-to-conciliation', 'withdraw'];
    expect(actionsFor(adjudication, ['inspector'])).toEqual(['record-answer', 'schedule-hearing', 'hold-hearing', 'cancel-hearing', 'return-to-conciliation']);
    expect(actionsFor(adjudication, ['supervisor'])).toContain('decide');
    expect(actionsFor(['expire-conciliation', 'lapse-appeal-window', 'withdraw'], ['inspector', 'supervisor'])).toEqual([]);
    expect(actionsFor(['accept'], ['worker'])).toEqual([]);
  });

  it('sends a move without fields with the version read', () => {
    expect(readActionForm('accept', { version: '7' }, c, 'en', now)).toEqual({ ok: true, dto: { version: 7 } });
  });

  it('asks for the reason a dismissal, a breach and a backwards move need', () => {
    for (const a of ['dismiss', 'breach-settlement', 'return-to-conciliation', 'reopen', 'fail-conciliation', 'cancel-hearing', 'appeal'] as const) {
      expect(readActionForm(a, { reason: '  ' }, c, 'en', now)).toEqual({ ok: false, errors: { reason: 'staff.actions.errors.reasonMissing' } });
      expect(readActionForm(a, { reason: ' Paid nothing \r\n by the date ' }, c, 'en', now)).toEqual({
        ok: true,
        dto: { version: 7, reason: 'Paid nothing \n by the date' },
      });
    }
  });

  it('reads a settlement: terms, a date not in the past (local time), and an optional amount in major units', () => {
    const ok = readActionForm(
      'settle',
      { terms: 'Refund of the placement fee', complyBy: '2026-03-02', amount: '25,000.50', currency: 'php', payableTo: 'the complainant' },
      c,
      'en',
      now,
    );
    expect(ok).toEqual({
      ok: true,
      dto: {
        version: 7,
        settlement: {
          terms: 'Refund of the placement fee',
          complyBy: '2026-03-02',
          amounts: [{ amountMinor: '2500050', currency: 'PHP', payableTo: 'the complainant' }],
        },
      },
    });
    expect(readActionForm('settle', { terms: 'Refund of the placement fee', complyBy: '2026-03-09' }, c, 'en', now)).toEqual({
      ok: true,
      dto: { version: 7, settlement: { terms: 'Refund of the placement fee', complyBy: '2026-03-09', amounts: [] } },
    });
    expect(readActionForm('settle', { terms: 'x', complyBy: '2026-03-01', amount: '12', currency: 'XXQ' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { terms: 'staff.actions.errors.termsMissing', complyBy: 'staff.actions.errors.complyByPast', currency: 'staff.actions.errors.currencyInvalid' },
    });
    expect(readActionForm('settle', { terms: 'Refund all', complyBy: '2026-02-30', amount: 'a lot', currency: 'PHP' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { complyBy: 'staff.actions.errors.complyByMissing', amount: 'staff.actions.errors.amountInvalid' },
    });
    expect(readActionForm('settle-money-claim', { terms: 'Refund all', complyBy: '2026-03-05', amount: '100', currency: 'PHP' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { payableTo: 'staff.actions.errors.payableToMissing' },
    });
  });

  it('dates a hearing in the case’s time zone and refuses one in the past', () => {
    expect(readActionForm('schedule-hearing', { hearingDate: '2026-03-10', hearingTime: '10:00', place: 'Room 4, Manila' }, c, 'en', now)).toEqual({
      ok: true,
      dto: { version: 7, hearing: { at: '2026-03-10T02:00:00.000Z', place: 'Room 4, Manila' } },
    });
    expect(readActionForm('schedule-hearing', { hearingDate: '2026-03-02', hearingTime: '08:59', place: 'Room 4' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { hearingDate: 'staff.actions.errors.hearingPast' },
    });
    expect(readActionForm('schedule-hearing', { hearingDate: '', hearingTime: '25:00', place: '' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { hearingDate: 'staff.actions.errors.hearingDateMissing', place: 'staff.actions.errors.placeMissing' },
    });
  });

  it('asks for a finding on every allegation of a decision, with the officer’s reasoning', () => {
    expect(readActionForm('decide', { 'finding-0': 'violation', 'note-0': 'Receipts prove it', 'finding-1': 'dismissed' }, c, 'en', now)).toEqual({
      ok: true,
      dto: {
        version: 7,
        findings: [
          { allegationId: '11111111-1111-4111-8111-111111111111', finding: 'violation', note: 'Receipts prove it' },
          { allegationId: '22222222-2222-4222-8222-222222222222', finding: 'dismissed' },
        ],
      },
    });
    expect(readActionForm('decide-appeal', { 'finding-0': 'violation', 'finding-1': 'guilty' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { 'finding-1': 'staff.actions.errors.findingMissing' },
    });
  });

  it('needs both parties’ consent to extend conciliation, and a target to refer', () => {
    expect(readActionForm('extend-conciliation', {}, c, 'en', now)).toEqual({
      ok: false,
      errors: { bothPartiesConsent: 'staff.actions.errors.consentMissing' },
    });
    expect(readActionForm('extend-conciliation', { bothPartiesConsent: 'yes' }, c, 'en', now)).toEqual({
      ok: true,
      dto: { version: 7, bothPartiesConsent: true },
    });
    expect(readActionForm('refer', { referralTarget: 'NLRC\nLegal' }, c, 'en', now)).toEqual({
      ok: false,
      errors: { referralTarget: 'staff.actions.errors.referralTargetInvalid' },
    });
    expect(readActionForm('record-answer', { answer: 'ok' }, c, 'en', now)).toEqual({ ok: false, errors: { answer: 'staff.actions.errors.answerMissing' } });
  });

  it('puts the API’s refusals beside the field that caused them', () => {
    expect(fieldOfApiError('findings[1].note')).toBe('note-1');
    expect(fieldOfApiError('settlement.complyBy')).toBe('complyBy');
    expect(fieldOfApiError('settlement.amounts[0].payableTo')).toBe('payableTo');
    expect(fieldOfApiError('hearing.at')).toBe('hearingDate');
    // A departure the API refuses for want of its reason, and a sanction it refuses within one.
    expect(fieldOfApiError('findings[0].sanctions')).toBe('departureReason');
    expect(fieldOfApiError('findings[1].departureReason')).toBe('departureReason');
    expect(fieldOfApiError('findings[0].sanctions[1].months')).toBe('penalty');
    expect(fieldOfApiError('settlement')).toBe('action');
  });

  describe('a decision departing from the schedule’s proposed penalty', () => {
    const found = { 'finding-0': 'dismissed', 'finding-1': 'violation' };

    it('sends the proposal (nothing) unless a different penalty is chosen', () => {
      const proposed = readActionForm('decide', { ...found, penalty: 'proposed', suspensionMonths: '6', departureReason: 'ignored' }, c, 'en', now);
      expect(proposed).toEqual({
        ok: true,
        dto: {
          version: 7,
          findings: [expect.not.objectContaining({ sanctions: expect.anything() }), expect.not.objectContaining({ sanctions: expect.anything() })],
        },
      });
    });

    it('puts the sanctions chosen and the reason on the first allegation found a violation, amounts in minor units', () => {
      const form = readActionForm(
        'decide',
        {
          ...found,
          penalty: 'different',
          suspensionMonths: '6',
          revocation: 'no',
          fineAmount: '50,000.50',
          sanctionCurrency: 'php',
          departureReason: '  First offence; the agency refunded the worker in full.  ',
        },
        c,
        'en',
        now,
      );
      expect(form).toEqual({
        ok: true,
        dto: {
          version: 7,
          findings: [
            { allegationId: '11111111-1111-4111-8111-111111111111', finding: 'dismissed' },
            {
              allegationId: '22222222-2222-4222-8222-222222222222',
              finding: 'violation',
              sanctions: [
                { kind: 'suspension', months: 6 },
                { kind: 'fine', amountMinor: '5000050', currency: 'PHP' },
              ],
              departureReason: 'First offence; the agency refunded the worker in full.',
            },
          ],
        },
      });
      // No sanction at all is a departure too (a warning only), and revocation and a refund order are offered.
      const none = readActionForm(
        'decide-appeal',
        { ...found, penalty: 'different', departureReason: 'Warning only: the complainant withdrew.' },
        c,
        'en',
        now,
      );
      expect(none.ok && none.dto.findings![1]).toEqual(expect.objectContaining({ sanctions: [], departureReason: 'Warning only: the complainant withdrew.' }));
      const revoke = readActionForm(
        'decide',
        {
          ...found,
          penalty: 'different',
          revocation: 'yes',
          refundAmount: '1.500,00',
          sanctionCurrency: 'PHP',
          departureReason: 'Trafficking indicators found.',
        },
        c,
        'id',
        now,
      );
      expect(revoke.ok && revoke.dto.findings![1].sanctions).toEqual([
        { kind: 'revocation' },
        { kind: 'refund-order', amountMinor: '150000', currency: 'PHP' },
      ]);
    });

    it('needs the reason for departing, next to its field, and checks the sanctions typed', () => {
      expect(readActionForm('decide', { ...found, penalty: 'different', suspensionMonths: '3' }, c, 'en', now)).toEqual({
        ok: false,
        errors: { departureReason: 'staff.actions.errors.departureReasonMissing' },
      });
      expect(readActionForm('decide', { ...found, penalty: 'different', suspensionMonths: '3', departureReason: 'why' }, c, 'en', now)).toEqual({
        ok: false,
        errors: { departureReason: 'staff.actions.errors.departureReasonMissing' },
      });
      expect(
        readActionForm(
          'decide',
          { ...found, penalty: 'different', suspensionMonths: 'six', fineAmount: '10', sanctionCurrency: 'XYZ', departureReason: 'A good reason' },
          c,
          'en',
          now,
        ),
      ).toEqual({
        ok: false,
        errors: { suspensionMonths: 'staff.actions.errors.monthsInvalid', sanctionCurrency: 'staff.actions.errors.currencyInvalid' },
      });
      expect(
        readActionForm(
          'decide',
          { ...found, penalty: 'different', suspensionMonths: '121', refundAmount: 'lots', sanctionCurrency: 'PHP', departureReason: 'A good reason' },
          c,
          'en',
          now,
        ),
      ).toEqual({
        ok: false,
        errors: { suspensionMonths: 'staff.actions.errors.monthsInvalid', refundAmount: 'staff.actions.errors.amountInvalid' },
      });
    });

    it('refuses a different penalty when every allegation is dismissed', () => {
      expect(
        readActionForm('decide', { 'finding-0': 'dismissed', 'finding-1': 'dismissed', penalty: 'different', departureReason: 'A good reason' }, c, 'en', now),
      ).toEqual({ ok: false, errors: { penalty: 'staff.actions.errors.penaltyWithoutViolation' } });
    });
  });
});
