/**
 * The parameters of GOV.UK Frontend's pagination for a paged list, every word in the reader's
 * language (the macro's defaults are English): the first and last pages, the current one and its
 * neighbours, "⋯" between, and previous/next links.
 */
import { Locale, formatNumber, translator } from '@app/i18n';

export interface PaginationItem {
  number?: string;
  href?: string;
  current?: boolean;
  ellipsis?: boolean;
  visuallyHiddenText?: string;
}

export interface Pagination {
  landmarkLabel: string;
  items: PaginationItem[];
  previous?: { href: string; text: string };
  next?: { href: string; text: string };
}

/** Which page numbers to show: 1, the current one ± 1, the last; null where a gap is. */
export function pageNumbers(page: number, pages: number): (number | null)[] {
  const wanted = [...new Set([1, page - 1, page, page + 1, pages])].filter((n) => n >= 1 && n <= pages).sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const n of wanted) {
    const last = out[out.length - 1];
    if (typeof last === 'number' && n - last === 2) out.push(n - 1);
    else if (typeof last === 'number' && n - last > 2) out.push(null);
    out.push(n);
  }
  return out;
}

/** Null when everything fits on one page. */
export function paginationFor(options: { path: string; page: number; pageSize: number; total: number; locale: Locale }): Pagination | null {
  const { path, page, pageSize, total, locale } = options;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1 && page <= 1) return null;
  const t = translator(locale);
  const href = (n: number) => (n === 1 ? path : `${path}?page=${n}`);
  return {
    landmarkLabel: t('agencies.list.pages'),
    items: pageNumbers(page, pages).map((n) =>
      n === null
        ? { ellipsis: true }
        : { number: formatNumber(n, locale), href: href(n), current: n === page, visuallyHiddenText: t('agencies.list.page', { page: n }) },
    ),
    previous: page > 1 ? { href: href(page - 1), text: t('agencies.list.previous') } : undefined,
    next: page < pages ? { href: href(page + 1), text: t('agencies.list.next') } : undefined,
  };
}
