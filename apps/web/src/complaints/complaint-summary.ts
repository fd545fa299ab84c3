/**
 * The check-your-answers page: every answer in words, in the reader's language, grouped as the
 * questions were, each row with a "Change" link back to its question (which returns here).
 */
import { LOCALE_INFO, Locale, formatDate, formatMoney, formatNumber, translator } from '@app/i18n';
import { CATEGORIES, ComplaintDraft, EvidenceKind, totalMinor } from './complaint-draft';
import { countryName, feeItemName, occupationName } from './complaint-questions';
import { factsSlug, stepPath } from './complaint-steps';

/** One answer: its name, its lines (the template joins them with line breaks), its "Change" link. */
export interface SummaryRow {
  key: string;
  lines: string[];
  href: string;
}

export interface SummarySection {
  heading: string;
  rows: SummaryRow[];
}

export const evidenceKindName = (kind: EvidenceKind, locale: Locale): string => translator(locale)(`complaints.evidenceKinds.${kind}`);

/** A file's size in KB or MB, in the reader's digits. */
export function fileSize(bytes: number, locale: Locale): string {
  const t = translator(locale);
  if (bytes < 1024 * 1024) return t('complaints.evidence.sizeKb', { size: formatNumber(Math.max(1, Math.round(bytes / 1024)), locale) });
  return t('complaints.evidence.sizeMb', { size: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10, locale) });
}

/** The answers, as the check page shows them. */
export function checkSections(d: ComplaintDraft, locale: Locale): SummarySection[] {
  const t = translator(locale);
  const row = (key: string, value: string, slug: string): SummaryRow => ({ key, lines: value.split('\n'), href: `${stepPath(slug)}?change=1` });
  const yesNo = (b: boolean | undefined) => t(b ? 'complaints.common.yes' : 'complaints.common.no');
  const notGiven = t('complaints.check.notGiven');
  const date = (iso: string) => formatDate(iso, locale, 'date');

  const you: SummaryRow[] = [];
  if (d.who === 'anonymous') you.push(row(t('complaints.check.rows.name'), t('complaints.check.anonymous'), 'who'));
  else {
    you.push(row(t('complaints.check.rows.name'), d.name ?? '', 'name'));
    you.push(row(t('complaints.check.rows.protection'), yesNo(d.identityProtected), 'protection'));
    you.push(row(t('complaints.check.rows.email'), d.contact?.email || notGiven, 'contact'));
    you.push(row(t('complaints.check.rows.phone'), d.contact?.phone || notGiven, 'contact'));
  }
  you.push(row(t('complaints.check.rows.language'), d.language ? LOCALE_INFO[d.language].name : notGiven, 'language'));

  const agency: SummaryRow[] = [];
  const a = d.agency;
  if (a?.kind === 'licensed')
    agency.push(row(t('complaints.check.rows.agency'), `${a.legalName}\n${t('complaints.check.licence', { number: a.licenseNumber })}`, 'agency'));
  else if (a?.kind === 'named') agency.push(row(t('complaints.check.rows.agency'), a.agencyName, 'agency'));
  else if (a?.kind === 'unlicensed') {
    agency.push(row(t('complaints.check.rows.agency'), t('complaints.check.unlicensed'), 'agency'));
    agency.push(row(t('complaints.check.rows.recruiter'), a.description ?? '', 'recruiter'));
  }

  const happened: SummaryRow[] = [];
  const categories = CATEGORIES.filter((c) => d.categories?.includes(c));
  happened.push(row(t('complaints.check.rows.categories'), categories.map((c) => t(`complaints.categories.${c}.name`)).join('\n'), 'what-happened'));
  for (const c of categories) {
    const f = d.facts?.[c];
    const lines = [f?.facts ?? ''];
    if (f?.occurredOn) lines.push(t('complaints.check.when', { date: date(f.occurredOn) }));
    if (f?.amountMinor && f.currency) lines.push(t('complaints.check.owed', { amount: formatMoney(f.amountMinor, f.currency, locale) }));
    happened.push(row(t(`complaints.categories.${c}.name`), lines.join('\n'), factsSlug(c)));
  }

  const details: SummaryRow[] = [];
  details.push(row(t('complaints.check.rows.employer'), d.employer?.name || notGiven, 'employer'));
  details.push(row(t('complaints.check.rows.country'), d.employer?.country ? countryName(d.employer.country, locale) : notGiven, 'employer'));
  if (categories.includes('excess-fees')) {
    const f = d.feesPaid;
    if (!f) details.push(row(t('complaints.check.rows.fees'), t('complaints.check.feesSkipped'), 'fees-paid'));
    else {
      const lines = f.lines.map((l) => `${feeItemName(l.item, locale)}: ${formatMoney(l.amountMinor, f.currency, locale)}`);
      lines.push(t('complaints.check.feesTotal', { amount: formatMoney(totalMinor(f.lines), f.currency, locale) }));
      if (f.paidOn) lines.push(t('complaints.check.paidOn', { date: date(f.paidOn) }));
      details.push(row(t('complaints.check.rows.fees'), lines.join('\n'), 'fees-paid'));
      const job = [f.occupationCategory ? occupationName(f.occupationCategory, locale) : notGiven];
      if (f.monthlySalaryMinor && f.salaryCurrency)
        job.push(t('complaints.check.salary', { amount: formatMoney(f.monthlySalaryMinor, f.salaryCurrency, locale) }));
      details.push(row(t('complaints.check.rows.job'), job.join('\n'), 'fees-paid'));
    }
  }
  details.push(row(t('complaints.check.rows.abroad'), yesNo(d.workerAbroad), 'abroad'));
  details.push(row(t('complaints.check.rows.danger'), yesNo(d.danger), 'safety'));

  const files = d.evidence ?? [];
  const evidence = [
    row(
      t('complaints.check.rows.evidence'),
      files.length
        ? files.map((f, i) => `${i + 1}. ${evidenceKindName(f.kind, locale)} (${fileSize(f.sizeBytes, locale)})`).join('\n')
        : t('complaints.check.noEvidence'),
      'evidence',
    ),
  ];

  return [
    { heading: t('complaints.check.sections.you'), rows: you },
    { heading: t('complaints.check.sections.agency'), rows: agency },
    { heading: t('complaints.check.sections.happened'), rows: happened },
    { heading: t('complaints.check.sections.details'), rows: details },
    { heading: t('complaints.check.sections.evidence'), rows: evidence },
  ];
}
