import { callerOf } from './caller';
import { rateLimitKeyOf } from './rate-limit';

describe('rateLimitKeyOf and callerOf', () => {
  it('counts an authenticated request against its subject, wherever it comes from', () => {
    expect(rateLimitKeyOf({ ip: '10.0.0.1', principal: { subject: 'erp-system' } } as never)).toBe('caller:erp-system');
    expect(rateLimitKeyOf({ ip: '10.0.0.2', principal: { subject: 'erp-system' } } as never)).toBe('caller:erp-system');
    expect(callerOf({ principal: { subject: 'erp-system' } } as never)).toBe('erp-system');
  });

  it('counts an anonymous request against its address', () => {
    expect(callerOf({} as never)).toBe('anonymous');
    expect(callerOf({ principal: { subject: '' } } as never)).toBe('anonymous');
    expect(rateLimitKeyOf({ ip: '10.0.0.1' } as never)).toBe('anonymous@10.0.0.1');
  });
});
