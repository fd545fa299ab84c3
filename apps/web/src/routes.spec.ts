import { safeReturnPath } from './routes';

describe('safeReturnPath', () => {
  it.each([
    ['/complaints/follow?x=1', '/complaints/follow?x=1'],
    ['/', '/'],
    ['https://evil.example/', '/'],
    ['//evil.example/x', '/'],
    ['/\\evil.example', '/'],
    ['javascript:alert(1)', '/'],
    ['relative/path', '/'],
    ['/a\r\nSet-Cookie: x=1', '/'],
    [undefined, '/'],
    [42, '/'],
  ])('%j → %s', (given, expected) => {
    expect(safeReturnPath(given)).toBe(expected);
  });
});
