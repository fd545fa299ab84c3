import { pageNumbers, paginationFor } from './pagination';

describe('pagination of the suspended and revoked lists', () => {
  it.each([
    [1, 1, [1]],
    [1, 3, [1, 2, 3]],
    [1, 10, [1, 2, null, 10]],
    [5, 10, [1, null, 4, 5, 6, null, 10]],
    [3, 10, [1, 2, 3, 4, null, 10]],
    [10, 10, [1, null, 9, 10]],
  ])('page %i of %i shows %j', (page, pages, expected) => {
    expect(pageNumbers(page, pages)).toEqual(expected);
  });

  it('is left out when everything fits on one page', () => {
    expect(paginationFor({ path: '/agencies/suspended', page: 1, pageSize: 25, total: 25, locale: 'en' })).toBeNull();
  });

  it('names every link in the reader language, with its digits', () => {
    const p = paginationFor({ path: '/agencies/revoked', page: 2, pageSize: 25, total: 60, locale: 'ne' })!;
    expect(p.landmarkLabel).toBe('पृष्ठहरू');
    expect(p.previous).toEqual({ href: '/agencies/revoked', text: 'अघिल्लो' });
    expect(p.next).toEqual({ href: '/agencies/revoked?page=3', text: 'अर्को' });
    expect(p.items.map((i) => i.number)).toEqual(['१', '२', '३']);
    expect(p.items[1]).toMatchObject({ current: true, visuallyHiddenText: 'पृष्ठ २', href: '/agencies/revoked?page=2' });
  });
});
