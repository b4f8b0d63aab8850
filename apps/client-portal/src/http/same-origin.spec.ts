import { comesFromOrigin } from './same-origin';

describe('comesFromOrigin', () => {
  const portal = 'https://portal.example.com';

  it.each([
    [{ origin: 'https://portal.example.com' }, true],
    [{ origin: 'https://evil.example' }, false],
    [{ origin: 'https://portal.example.com.evil.example' }, false],
    [{ origin: 'http://portal.example.com' }, false],
    [{ referer: 'https://portal.example.com/approvals/ms_1/approve' }, true],
    [{ referer: 'https://evil.example/?https://portal.example.com/' }, false],
    [{ origin: 'null', referer: 'https://portal.example.com/' }, true],
    [{ origin: 'null' }, false],
    [{ referer: 'not a url' }, false],
    [{}, false],
  ])('%j → %s', (headers, expected) => {
    expect(comesFromOrigin(headers, portal)).toBe(expected);
  });
});
