import { deliveryEndpoint } from './delivery-endpoint';

describe('deliveryEndpoint', () => {
  it('counts every email against the one SMTP relay', () => {
    expect(deliveryEndpoint('email', 'ap@acme.example')).toBe('smtp');
    expect(deliveryEndpoint('email', 'billing@initech.example')).toBe('smtp');
  });

  it('counts a webhook against its URL host and port, whatever the path or case', () => {
    expect(deliveryEndpoint('webhook', 'https://ERP.acme.example/hooks/a')).toBe('webhook:erp.acme.example');
    expect(deliveryEndpoint('webhook', 'https://erp.acme.example/hooks/b?x=1')).toBe('webhook:erp.acme.example');
    expect(deliveryEndpoint('webhook', 'http://127.0.0.1:8080/in')).toBe('webhook:127.0.0.1:8080');
    expect(deliveryEndpoint('webhook', 'http://127.0.0.1:8081/in')).not.toBe(deliveryEndpoint('webhook', 'http://127.0.0.1:8080/in'));
  });
});
