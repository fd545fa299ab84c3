import { NOTIFICATION_LANGUAGES } from '../languages';
import { TEMPLATES, TEMPLATE_KEYS } from './registry';
import { NotificationTemplateError, languagesOf, renderTemplate, resolveLanguage, templateVariables } from './render';

const cases = TEMPLATE_KEYS.flatMap((key) => languagesOf(TEMPLATES[key]).map((language) => [key, language] as const));

describe('notification templates', () => {
  it('has the templates the deadline engine and the first modules send', () => {
    expect(TEMPLATE_KEYS).toEqual(
      expect.arrayContaining(['deadline.reminder', 'deadline.breached', 'deadline.escalated-to-supervisors', 'account.welcome', 'case.received']),
    );
  });

  it('keys each template by its own key', () => {
    for (const [key, t] of Object.entries(TEMPLATES)) expect(t.key).toBe(key);
  });

  it.each(TEMPLATE_KEYS.filter((k) => TEMPLATES[k].audience === 'worker'))('worker-facing %s exists in every language', (key) => {
    expect(languagesOf(TEMPLATES[key])).toEqual([...NOTIFICATION_LANGUAGES]);
  });

  it.each(TEMPLATE_KEYS)('%s has English and an example for every variable it uses', (key) => {
    expect(TEMPLATES[key].translations.en).toBeDefined();
    expect(Object.keys(TEMPLATES[key].example).sort()).toEqual(templateVariables(key));
  });

  it.each(cases)('%s renders in %s with its example data: subject, text and html, none empty', (key, language) => {
    const example = TEMPLATES[key].example;
    const out = renderTemplate(key, language, example);
    expect(out.subject.trim()).not.toBe('');
    expect(out.subject).not.toMatch(/[\r\n]/);
    expect(out.text.trim()).not.toBe('');
    expect(out.html).toContain(`<html lang="${language}">`);
    // Every variable's value shows in the plain-text part (nothing is only in the HTML).
    for (const value of Object.values(example)) expect(out.text + out.subject).toContain(String(value));
    expect(out.text).not.toMatch(/\{\{|\}\}/);
  });

  it.each(cases)('%s in %s throws when a variable is missing', (key, language) => {
    for (const missing of Object.keys(TEMPLATES[key].example)) {
      const data: Record<string, unknown> = { ...TEMPLATES[key].example };
      delete data[missing];
      expect(() => renderTemplate(key, language, data)).toThrow(NotificationTemplateError);
    }
  });

  it('translations differ from English (worker-facing texts are really translated)', () => {
    for (const key of TEMPLATE_KEYS.filter((k) => TEMPLATES[k].audience === 'worker')) {
      const t = TEMPLATES[key].translations;
      for (const language of ['fil', 'id', 'ne'] as const) expect(t[language]!.text).not.toBe(t.en!.text);
      expect(t.ne!.text).toMatch(/[\u0900-\u097F]/); // Nepali in Devanagari
    }
  });

  it('escapes values in the HTML part but not in the plain-text part or the subject', () => {
    const out = renderTemplate('deadline.reminder', 'en', { subjectLabel: 'Smith & Sons <script>', dueAt: 'today' });
    expect(out.html).toContain('Smith &amp; Sons &lt;script&gt;');
    expect(out.html).not.toContain('<script>');
    expect(out.text).toContain('Smith & Sons <script>');
    expect(out.subject).toContain('Smith & Sons <script>');
  });

  it('falls back to English for staff templates only', () => {
    expect(resolveLanguage('deadline.reminder', 'ne')).toBe('en');
    expect(resolveLanguage('case.received', 'ne')).toBe('ne');
    expect(() => renderTemplate('deadline.reminder', 'ne', TEMPLATES['deadline.reminder'].example)).toThrow(NotificationTemplateError);
  });

  it('refuses an unknown template', () => {
    expect(() => renderTemplate('no.such', 'en', {})).toThrow(/unknown template 'no.such'/);
  });
});
