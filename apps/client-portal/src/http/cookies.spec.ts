import { readCookie, serializeCookie } from './cookies';

describe('the session cookie', () => {
  it('is read by name among others', () => {
    expect(readCookie('theme=dark; mb_portal_session=mbk_a_b%3D; other=1', 'mb_portal_session')).toBe('mbk_a_b=');
    expect(readCookie('mb_portal_session_old=x', 'mb_portal_session')).toBeUndefined();
    expect(readCookie(undefined, 'mb_portal_session')).toBeUndefined();
    expect(readCookie('mb_portal_session=%E0%A4%A', 'mb_portal_session')).toBeUndefined();
  });

  it('is httpOnly and SameSite=Lax, Secure only when asked, and lasts as long as the session', () => {
    expect(serializeCookie('s', 'v', { maxAgeSeconds: 3600.7, secure: false })).toBe('s=v; Path=/; Max-Age=3600; HttpOnly; SameSite=Lax');
    expect(serializeCookie('s', 'v', { maxAgeSeconds: 60, secure: true })).toBe('s=v; Path=/; Max-Age=60; HttpOnly; SameSite=Lax; Secure');
  });

  it('is expired at once when cleared', () => {
    expect(serializeCookie('s', '', { maxAgeSeconds: -5, secure: false })).toContain('Max-Age=0');
  });
});
