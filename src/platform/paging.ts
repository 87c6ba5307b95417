// One page of a long list: which rows to read, and the links for the design system's numbered
// pagination (nhsuk-frontend `pagination` with `items`). A page past the end shows the last page.
export interface Page {
  /** 1-based, within 1..pages. */
  number: number;
  pages: number;
  limit: number;
  offset: number;
}

export function pageOf(requested: number | undefined, total: number, size: number): Page {
  const pages = Math.max(1, Math.ceil(total / size));
  const number = Math.min(Math.max(1, requested ?? 1), pages);
  return { number, pages, limit: size, offset: (number - 1) * size };
}

export interface PaginationParams {
  previous?: { href: string };
  next?: { href: string };
  items: Array<{ number?: number; href?: string; current?: boolean; ellipsis?: boolean }>;
}

/**
 * The `pagination` macro's parameters, or undefined when everything fits on one page. Shows the
 * first, the last, and the pages either side of the current one, with ellipses between.
 */
export function paginationFor(page: Page, hrefFor: (n: number) => string): PaginationParams | undefined {
  if (page.pages <= 1) return undefined;
  const shown = [...new Set([1, page.number - 1, page.number, page.number + 1, page.pages])].filter((n) => n >= 1 && n <= page.pages).sort((a, b) => a - b);
  const items: PaginationParams['items'] = [];
  shown.forEach((n, i) => {
    if (i > 0 && n - shown[i - 1]! > 1) items.push({ ellipsis: true });
    items.push({ number: n, href: hrefFor(n), current: n === page.number });
  });
  return {
    ...(page.number > 1 ? { previous: { href: hrefFor(page.number - 1) } } : {}),
    ...(page.number < page.pages ? { next: { href: hrefFor(page.number + 1) } } : {}),
    items,
  };
}
