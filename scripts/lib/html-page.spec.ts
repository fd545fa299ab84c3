import { attributes, cookieHeader, decodeEntities, inputValue, linkByRel, storeCookies } from './html-page.mjs';

describe('html-page (bench/web-queue.mjs reads the web pages with it)', () => {
  it('decodes character references in attribute values', () => {
    expect(decodeEntities('/staff/cases?page=2&amp;cursor=a_b-c&#61;&#x3D;&quot;')).toBe('/staff/cases?page=2&cursor=a_b-c=="');
    expect(decodeEntities('a &unknown; b')).toBe('a &unknown; b');
  });

  it('reads a start tag’s attributes, quoted, unquoted and bare', () => {
    expect(attributes('<input type="hidden" name=\'_csrf\' value=abc disabled>')).toEqual({ type: 'hidden', name: '_csrf', value: 'abc', disabled: '' });
  });

  it('finds the CSRF token among the form’s fields, whatever the attributes’ order', () => {
    const html =
      '<form method="post"><input type="hidden" name="returnTo" value="/account">' +
      '<input value="X8Prf24Q-dTka&amp;I" type="hidden" name="_csrf">\n<input class="govuk-input" id="email" name="email" type="email"></form>';
    expect(inputValue(html, '_csrf')).toBe('X8Prf24Q-dTka&I');
    expect(inputValue(html, 'returnTo')).toBe('/account');
    expect(inputValue(html, 'password')).toBeNull();
  });

  it('finds the "Next page" link of GOV.UK pagination by its rel, not the previous one', () => {
    const html = `<nav class="govuk-pagination" aria-label="Pages">
  <div class="govuk-pagination__prev">
    <a class="govuk-link govuk-pagination__link" href="/staff/cases?page=1" rel="prev">Previous</a>
  </div>
  <div class="govuk-pagination__next">
    <a class="govuk-link govuk-pagination__link" href="/staff/cases?sort=deadline&amp;page=3&amp;cursor=eyJ0Ijo" rel="next">
      <span class="govuk-pagination__link-title">Next</span></a>
  </div>
</nav>`;
    expect(linkByRel(html, 'next')).toBe('/staff/cases?sort=deadline&page=3&cursor=eyJ0Ijo');
    expect(linkByRel(html, 'prev')).toBe('/staff/cases?page=1');
    expect(linkByRel('<a href="/x">no rel</a><a rel="nofollow next" href="/y">', 'next')).toBe('/y');
    expect(linkByRel('<p>last page</p>', 'next')).toBeNull();
  });

  it('keeps the cookies responses set, replaces them, and drops expired ones', () => {
    const jar = storeCookies(new Map(), [
      'lcs_session=abc.def; Path=/; Expires=Sat, 05 Dec 2099 21:29:44 GMT; HttpOnly; Secure; SameSite=Lax',
      'lang=en; Path=/',
    ]);
    expect(cookieHeader(jar)).toBe('lcs_session=abc.def; lang=en');
    storeCookies(jar, ['lcs_session=new=value; Path=/', 'lang=; Max-Age=0']);
    expect(cookieHeader(jar)).toBe('lcs_session=new=value');
    storeCookies(jar, ['lcs_session=x; Expires=Thu, 01 Jan 1970 00:00:00 GMT']);
    expect(jar.size).toBe(0);
  });
});
