/**
 * The API's public record of an agency (PublicAgencyView), made into what its pages say, in the
 * reader's language: above all, in plain words, whether the agency may recruit workers today and,
 * if not, why. Every text comes from the catalogue (`agencies.*`), every date and number through
 * libs/i18n's formatters. The pages (views/agencies/*.njk) only lay these out.
 */
import type { ApiSchemas } from '@app/api-client';
import { Locale, Translate, formatDate, formatNumber, translator } from '@app/i18n';
import { ROUTES } from '../routes';
import { agencyLicensePath } from './license-number';

export type PublicAgency = ApiSchemas['PublicAgencyView'];

/** The licence's state as the pages tell it; `none` for an agency that never had a licence. */
export type StatusKind = ApiSchemas['LicenseState'] | 'none';

export interface Tag {
  text: string;
  classes: string;
}

export interface AgencyStatus {
  kind: StatusKind;
  /** Only an active licence allows recruiting. */
  mayRecruit: boolean;
  tag: Tag;
  /** "This agency may recruit workers today." / "...may NOT recruit..." */
  headline: string;
  /** Why, with the date that matters ("Its licence is suspended until 1 March 2026."). */
  reason: string;
  /** One line for a list: "May not recruit. Suspended until 1 March 2026." */
  summary: string;
}

export interface AgencySummary {
  legalName: string;
  /** The licence's page; null for an agency without a licence (nothing to link to). */
  href: string | null;
  licenseNumber: string | null;
  status: AgencyStatus;
}

export interface SummaryRow {
  key: { text: string };
  value: { text?: string; html?: string };
}

export interface AgencyPage extends AgencySummary {
  licenseRows: SummaryRow[];
  suspensions: { from: string; until: string; ended: string; current: boolean }[];
  revocation: { date: string; reason: string | null } | null;
  branches: { address: string; tag: Tag }[];
  scorecard: { label: string; value: string; explanation: string }[];
  complainHref: string;
}

const TAG_COLOUR: Readonly<Record<StatusKind, string>> = {
  active: 'govuk-tag--green',
  suspended: 'govuk-tag--orange',
  revoked: 'govuk-tag--red',
  expired: 'govuk-tag--grey',
  surrendered: 'govuk-tag--grey',
  none: 'govuk-tag--red',
};

/**
 * The zone an instant (a suspension's start and end, a revocation) is shown in as a day. The
 * licensing jurisdiction's zone would be right (its civil dates, `issuedOn` and `expiresOn`, are
 * in it), but the public API does not say which it is: until it does, UTC, so something done in
 * the first hours of a day in Manila (UTC+8) shows as done the day before.
 */
const INSTANT_ZONE = 'UTC';

/** The reader's language's formatters and messages, bound once per page. */
class Words {
  readonly t: Translate;
  constructor(readonly locale: Locale) {
    this.t = translator(locale);
  }
  /** A civil date (`2030-03-01`) or an instant, as a day in the reader's language. */
  date(value: string): string {
    return formatDate(value, this.locale, 'date', INSTANT_ZONE);
  }
}

export function statusOf(agency: PublicAgency, locale: Locale): AgencyStatus {
  const w = new Words(locale);
  const { t } = w;
  const license = agency.license;
  const kind: StatusKind = license ? license.state : 'none';
  const tag = { text: t(`agencies.status.${kind}.tag`), classes: TAG_COLOUR[kind] };
  const mayNot = t('agencies.verdict.mayNot');
  switch (kind) {
    case 'active': {
      const date = w.date(license!.expiresOn);
      return {
        kind,
        mayRecruit: true,
        tag,
        headline: t('agencies.verdict.may'),
        reason: t('agencies.status.active.reason', { date }),
        summary: t('agencies.status.active.summary', { date }),
      };
    }
    case 'suspended': {
      const until = license!.suspendedUntil;
      if (!until)
        return {
          kind,
          mayRecruit: false,
          tag,
          headline: mayNot,
          reason: t('agencies.status.suspended.reasonNoDate'),
          summary: t('agencies.status.suspended.summaryNoDate'),
        };
      const date = w.date(until);
      return {
        kind,
        mayRecruit: false,
        tag,
        headline: mayNot,
        reason: t('agencies.status.suspended.reason', { date }),
        summary: t('agencies.status.suspended.summary', { date }),
      };
    }
    case 'revoked': {
      const at = agency.revocation?.at;
      if (!at)
        return {
          kind,
          mayRecruit: false,
          tag,
          headline: mayNot,
          reason: t('agencies.status.revoked.reasonNoDate'),
          summary: t('agencies.status.revoked.summaryNoDate'),
        };
      const date = w.date(at);
      return {
        kind,
        mayRecruit: false,
        tag,
        headline: mayNot,
        reason: t('agencies.status.revoked.reason', { date }),
        summary: t('agencies.status.revoked.summary', { date }),
      };
    }
    case 'expired': {
      const date = w.date(license!.expiresOn);
      return {
        kind,
        mayRecruit: false,
        tag,
        headline: mayNot,
        reason: t('agencies.status.expired.reason', { date }),
        summary: t('agencies.status.expired.summary', { date }),
      };
    }
    case 'surrendered':
      return {
        kind,
        mayRecruit: false,
        tag,
        headline: mayNot,
        reason: t('agencies.status.surrendered.reason'),
        summary: t('agencies.status.surrendered.summary'),
      };
    case 'none':
      return { kind, mayRecruit: false, tag, headline: mayNot, reason: t('agencies.status.none.reason'), summary: t('agencies.status.none.summary') };
  }
}

/** One agency in a list (search results, suggestions, the suspended and revoked lists). */
export function summarise(agency: PublicAgency, locale: Locale): AgencySummary {
  const number = agency.license?.number ?? null;
  return { legalName: agency.legalName, href: number ? agencyLicensePath(number) : null, licenseNumber: number, status: statusOf(agency, locale) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const tagHtml = (tag: Tag) => `<strong class="govuk-tag ${tag.classes}">${escapeHtml(tag.text)}</strong>`;

/** Where "complain about this agency" leads: the complaint form, told which licence (it fills the agency in). */
export function complainPath(licenseNumber: string): string {
  return `${ROUTES.complaintNew}?licenseNumber=${encodeURIComponent(licenseNumber)}`;
}

/** Everything the licence's page shows (the API answered 200 for its number, so it has a licence). */
export function agencyPage(agency: PublicAgency, locale: Locale): AgencyPage {
  const w = new Words(locale);
  const { t } = w;
  const summary = summarise(agency, locale);
  const license = agency.license!;
  const licenseRows: SummaryRow[] = [
    { key: { text: t('agencies.license.number') }, value: { text: license.number } },
    { key: { text: t('agencies.license.status') }, value: { html: tagHtml(summary.status.tag) } },
    { key: { text: t('agencies.license.type') }, value: { text: t(`agencies.license.types.${license.type}`) } },
    { key: { text: t('agencies.license.validFrom') }, value: { text: w.date(license.issuedOn) } },
    { key: { text: t('agencies.license.validUntil') }, value: { text: w.date(license.expiresOn) } },
  ];
  const suspensions = agency.suspensions.map((s) => ({
    from: w.date(s.from),
    until: s.until ? w.date(s.until) : t('agencies.suspensions.noEnd'),
    ended: s.endedAt ? w.date(s.endedAt) : t('agencies.suspensions.ongoing'),
    current: !s.endedAt,
  }));
  const score = agency.scorecard;
  const scorecard = [
    {
      label: t('agencies.scorecard.openComplaints.label'),
      value: formatNumber(score.openComplaints, locale),
      explanation: t('agencies.scorecard.openComplaints.explanation'),
    },
    {
      label: t('agencies.scorecard.decidedViolations.label'),
      value: formatNumber(score.decidedViolations, locale),
      explanation: t('agencies.scorecard.decidedViolations.explanation'),
    },
    {
      label: t('agencies.scorecard.deployments.label'),
      value: formatNumber(score.deployments, locale),
      explanation: t('agencies.scorecard.deployments.explanation'),
    },
  ];
  return {
    ...summary,
    licenseRows,
    suspensions,
    revocation: agency.revocation ? { date: w.date(agency.revocation.at), reason: agency.revocation.reason } : null,
    branches: agency.branches.map((b) => ({
      address: b.address,
      tag:
        b.status === 'active'
          ? { text: t('agencies.branches.open'), classes: 'govuk-tag--green' }
          : { text: t('agencies.branches.closed'), classes: 'govuk-tag--grey' },
    })),
    scorecard,
    complainHref: complainPath(license.number),
  };
}
