import { parseSignInToken, signInTokenText } from './sign-in-token';

const LINK_ID = 'psl_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E';
const SECRET = 'q3Zx9c1V0bR7kT2mW8nY4pL6sD5fG1hJ3aK9eU0i_-w';

describe('sign-in token', () => {
  it('is mbl_<link id>_<secret>, and splits back into them', () => {
    const token = signInTokenText(LINK_ID, SECRET);
    expect(token).toBe(`mbl_${LINK_ID}_${SECRET}`);
    expect(parseSignInToken(token)).toEqual({ linkId: LINK_ID, secret: SECRET });
  });

  it.each([
    ['an API key', `mbk_01JZ7Q8W5N2X3Y4Z5A6B7C8D9E_${SECRET}`],
    ['a short secret', `mbl_${LINK_ID}_short`],
    ['a long secret', `mbl_${LINK_ID}_${SECRET}x`],
    ['a lower-case id', `mbl_psl_01jz7q8w5n2x3y4z5a6b7c8d9e_${SECRET}`],
    ['no prefix', `${LINK_ID}_${SECRET}`],
    ['nothing', ''],
  ])('is not read from %s', (_what, token) => {
    expect(parseSignInToken(token)).toBeNull();
  });
});
