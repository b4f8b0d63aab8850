import { rememberCaller } from '../auth/access-policy';
import { callerSubjectOf } from './caller';
import { rateLimitKeyOf } from './rate-limit';

describe('rateLimitKeyOf and callerSubjectOf', () => {
  it('counts an authenticated request against its subject, wherever it comes from', () => {
    const fromOneAddress = { ip: '10.0.0.1' };
    const fromAnother = { ip: '10.0.0.2' };
    for (const request of [fromOneAddress, fromAnother]) rememberCaller(request, { subject: 'erp-system', roles: ['service'], clientId: null });
    expect(rateLimitKeyOf(fromOneAddress as never)).toBe('caller:erp-system');
    expect(rateLimitKeyOf(fromAnother as never)).toBe('caller:erp-system');
    expect(callerSubjectOf(fromOneAddress)).toBe('erp-system');
  });

  it('counts an anonymous request against its address', () => {
    expect(callerSubjectOf({})).toBe('anonymous');
    expect(rateLimitKeyOf({ ip: '10.0.0.1' } as never)).toBe('anonymous@10.0.0.1');
  });
});
