import { MailMarkupError, paragraphHtml, paragraphText, parseMessage, variablesOf } from './mail-markup';

const values = (v: Record<string, string>) => (name: string) => v[name];

describe('mail markup', () => {
  it('reads variables, emphasis, lines and list items', () => {
    const lines = parseMessage('Pay **{amount}** by {date}.\nContact us if:\n- you are not paid, or\n- anyone pushes you.\nGive **{reference}**');
    expect(variablesOf(lines)).toEqual(['amount', 'date', 'reference']);
    expect(lines.map((l) => l.item)).toEqual([false, false, true, true, false]);
    const v = values({ amount: '₱100.00', date: '8 December 2026', reference: 'RO-1' });
    expect(paragraphText(lines, v)).toBe('Pay ₱100.00 by 8 December 2026.\nContact us if:\n- you are not paid, or\n- anyone pushes you.\nGive RO-1');
    expect(paragraphHtml(lines, v)).toBe(
      '<p>Pay <strong>₱100.00</strong> by 8 December 2026.<br>Contact us if:</p>\n<ul><li>you are not paid, or</li><li>anyone pushes you.</li></ul>\n<p>Give <strong>RO-1</strong></p>',
    );
  });

  it('emphasises a run of text and variables as one <strong>', () => {
    const lines = parseMessage('**{agencyName} may not punish you.** Tell us.');
    expect(paragraphHtml(lines, values({ agencyName: 'A & B' }))).toBe('<p><strong>A &amp; B may not punish you.</strong> Tell us.</p>');
  });

  it("escapes the message's own text in HTML, not in text", () => {
    const lines = parseMessage('Fees < 5% & "caps"');
    expect(paragraphHtml(lines, values({}))).toBe('<p>Fees &lt; 5% &amp; &quot;caps&quot;</p>');
    expect(paragraphText(lines, values({}))).toBe('Fees < 5% & "caps"');
  });

  it("refuses an unpaired ** (a translator's slip would otherwise leak markup)", () => {
    expect(() => parseMessage('Due **{date}.')).toThrow(MailMarkupError);
  });

  it('leaves braces that are not a variable name as text', () => {
    expect(variablesOf(parseMessage('{} and { x } and {1a}'))).toEqual([]);
  });
});
