import { SIGN_IN_LINKS_PER_ADDRESS, signInLinksAllowed } from './sign-in-throttle.policy';

describe('signInLinksAllowed', () => {
  it.each([
    // issued to the address within 15 minutes, links wanted (one per client), links sent
    [0, 1, 1],
    [4, 1, 1],
    [5, 1, 0],
    [9, 1, 0],
    [0, 2, 2],
    [4, 2, 1],
    [3, 7, 2],
    [0, 0, 0],
  ])('with %p sent already and %p wanted, sends %p', (issued, wanted, allowed) => {
    expect(signInLinksAllowed(issued, wanted)).toBe(allowed);
  });

  it('never lets an address receive more than five links in the window, however it asks', () => {
    let issued = 0;
    for (const wanted of [1, 3, 2, 1, 4, 1]) issued += signInLinksAllowed(issued, wanted);
    expect(issued).toBe(SIGN_IN_LINKS_PER_ADDRESS);
  });
});
