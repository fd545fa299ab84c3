/**
 * The questions of "File a complaint", in order, one per page. Which apply depends on the answers
 * so far (no protection question for an anonymous complaint, a facts page per chosen category, the
 * fees page only for excess fees, no contact page when anonymous). A question is "done" once
 * answered; the check-your-answers page is shown only when every question that applies is done.
 *
 * Going forward, "Continue" leads to the next question that applies. After "Change" on the
 * check page, it leads back there, or first to any question the change made necessary (a newly
 * ticked category's facts, for instance).
 */
import { ROUTES } from '../routes';
import { CATEGORIES, Category, ComplaintDraft } from './complaint-draft';

export interface Step {
  /** The page's path under ROUTES.complaintNew: `who`, `what-happened/unpaid-wages`. */
  slug: string;
  done: boolean;
}

export const COMPLAINT_PATHS = {
  start: ROUTES.complaintNew,
  restart: `${ROUTES.complaintNew}/restart`,
  check: ROUTES.complaintCheck,
  confirmation: ROUTES.complaintConfirmation,
  evidenceRemove: `${ROUTES.complaintNew}/evidence/remove`,
} as const;

/** The path of a question. */
export const stepPath = (slug: string): string => `${ROUTES.complaintNew}/${slug}`;
export const factsSlug = (c: Category): string => `what-happened/${c}`;

/** Every question that applies to these answers, in order, with whether it is answered. */
export function stepsFor(d: ComplaintDraft): Step[] {
  const named = d.who === 'named';
  const categories = CATEGORIES.filter((c) => d.categories?.includes(c));
  const steps: Step[] = [{ slug: 'who', done: d.who !== undefined }];
  if (named) steps.push({ slug: 'name', done: Boolean(d.name) }, { slug: 'protection', done: d.identityProtected !== undefined });
  steps.push({ slug: 'agency', done: d.agency !== undefined });
  if (d.agency?.kind === 'unlicensed') steps.push({ slug: 'recruiter', done: Boolean(d.agency.description) });
  steps.push({ slug: 'what-happened', done: categories.length > 0 });
  for (const c of categories) steps.push({ slug: factsSlug(c), done: Boolean(d.facts?.[c]?.facts) });
  steps.push({ slug: 'employer', done: d.employer !== undefined });
  if (categories.includes('excess-fees'))
    steps.push({ slug: 'fees-paid', done: d.feesPaid !== undefined && (d.feesPaid === null || Boolean(d.feesPaid.paidOn && d.feesPaid.lines.length)) });
  steps.push({ slug: 'abroad', done: d.workerAbroad !== undefined });
  steps.push({ slug: 'safety', done: d.danger !== undefined });
  steps.push({ slug: 'evidence', done: d.evidenceDone === true });
  if (named) steps.push({ slug: 'contact', done: d.contact !== undefined });
  steps.push({ slug: 'language', done: d.language !== undefined });
  return steps;
}

/** The first question that applies and is not answered yet (undefined: all are). */
export function firstUnanswered(d: ComplaintDraft): Step | undefined {
  return stepsFor(d).find((s) => !s.done);
}

/** Whether `slug` is a question these answers lead to. */
export function applies(d: ComplaintDraft, slug: string): boolean {
  return stepsFor(d).some((s) => s.slug === slug);
}

/**
 * Where a person may not be yet: a question after one that is still unanswered (a typed address,
 * an old bookmark). Returns the path to go to instead, or null when `slug` may be shown.
 */
export function redirectBefore(d: ComplaintDraft, slug: string): string | null {
  const steps = stepsFor(d);
  const index = steps.findIndex((s) => s.slug === slug);
  if (index < 0) {
    const first = steps.find((s) => !s.done);
    return first ? stepPath(first.slug) : COMPLAINT_PATHS.check;
  }
  const missing = steps.slice(0, index).find((s) => !s.done);
  return missing ? stepPath(missing.slug) : null;
}

/** Where "Continue" on `slug` leads, once it is answered. */
export function nextPath(d: ComplaintDraft, slug: string, changing: boolean): string {
  const steps = stepsFor(d);
  if (changing) {
    // Still a change: once that answer is given too, back to the check page.
    const missing = steps.find((s) => !s.done);
    return missing ? `${stepPath(missing.slug)}?change=1` : COMPLAINT_PATHS.check;
  }
  const index = steps.findIndex((s) => s.slug === slug);
  const next = steps.slice(index + 1)[0] ?? steps.find((s) => !s.done);
  return next ? stepPath(next.slug) : COMPLAINT_PATHS.check;
}

/** Where the back link of `slug` leads. */
export function backPath(d: ComplaintDraft, slug: string, changing: boolean): string {
  if (changing) return COMPLAINT_PATHS.check;
  const steps = stepsFor(d);
  const index = steps.findIndex((s) => s.slug === slug);
  return index > 0 ? stepPath(steps[index - 1].slug) : COMPLAINT_PATHS.start;
}
