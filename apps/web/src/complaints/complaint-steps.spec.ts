import type { ComplaintDraft } from './complaint-draft';
import { backPath, firstUnanswered, nextPath, redirectBefore, stepsFor } from './complaint-steps';

const base: ComplaintDraft = { id: 'd' };

describe('which questions, in which order', () => {
  it('an anonymous complaint is not asked about identity protection nor contact', () => {
    const slugs = stepsFor({
      ...base,
      who: 'anonymous',
      agency: { kind: 'licensed', licenseNumber: 'X', legalName: 'Y' },
      categories: ['unpaid-wages', 'excess-fees'],
    }).map((s) => s.slug);
    expect(slugs).toEqual([
      'who',
      'agency',
      'what-happened',
      'what-happened/excess-fees',
      'what-happened/unpaid-wages',
      'employer',
      'fees-paid',
      'abroad',
      'safety',
      'evidence',
      'language',
    ]);
  });

  it('a named one is, and an unlicensed recruiter gets its own page', () => {
    const slugs = stepsFor({ ...base, who: 'named', name: 'M', agency: { kind: 'unlicensed' }, categories: ['other'] }).map((s) => s.slug);
    expect(slugs).toEqual([
      'who',
      'name',
      'protection',
      'agency',
      'recruiter',
      'what-happened',
      'what-happened/other',
      'employer',
      'abroad',
      'safety',
      'evidence',
      'contact',
      'language',
    ]);
  });

  it('a question after an unanswered one is not shown: the first unanswered is', () => {
    expect(redirectBefore(base, 'employer')).toBe('/complaints/new/who');
    expect(redirectBefore(base, 'who')).toBeNull();
    expect(redirectBefore({ ...base, who: 'anonymous' }, 'protection')).toBe('/complaints/new/agency');
    expect(firstUnanswered({ ...base, who: 'anonymous' })?.slug).toBe('agency');
  });
});

describe('where Continue and Back lead', () => {
  const done: ComplaintDraft = {
    ...base,
    who: 'anonymous',
    agency: { kind: 'licensed', licenseNumber: 'X', legalName: 'Y' },
    categories: ['other'],
    facts: { other: { facts: 'Something' } },
    employer: {},
    workerAbroad: false,
    danger: false,
    evidenceDone: true,
    language: 'en',
  };

  it('forward, to the next question; the last to the check page', () => {
    expect(nextPath(done, 'who', false)).toBe('/complaints/new/agency');
    expect(nextPath(done, 'language', false)).toBe('/complaints/new/check');
    expect(backPath(done, 'agency', false)).toBe('/complaints/new/who');
    expect(backPath(done, 'who', false)).toBe('/complaints/new');
  });

  it('after a change, back to the check page, unless the change needs another answer first', () => {
    expect(nextPath(done, 'employer', true)).toBe('/complaints/new/check');
    expect(backPath(done, 'employer', true)).toBe('/complaints/new/check');
    const moreCategories = { ...done, categories: ['other', 'unpaid-wages'] as ComplaintDraft['categories'] };
    expect(nextPath(moreCategories, 'what-happened', true)).toBe('/complaints/new/what-happened/unpaid-wages?change=1');
    const nowNamed: ComplaintDraft = { ...done, who: 'named', name: 'Maria' };
    expect(nextPath(nowNamed, 'who', true)).toBe('/complaints/new/protection?change=1');
    expect(nextPath({ ...done, who: 'named' }, 'who', true)).toBe('/complaints/new/name?change=1');
  });
});
