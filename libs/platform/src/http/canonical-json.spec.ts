import { canonicalJson } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same text for the same value whatever the order of its keys, at every depth', () => {
    const one = JSON.parse('{"invoice_id":"inv_1","amount_cents":100,"meta":{"b":[1,{"y":2,"x":1}],"a":null}}');
    const other = JSON.parse('{"meta":{"a":null,"b":[1,{"x":1,"y":2}]},"amount_cents":100,"invoice_id":"inv_1"}');
    expect(canonicalJson(one)).toBe(canonicalJson(other));
    expect(canonicalJson(one)).toBe('{"amount_cents":100,"invoice_id":"inv_1","meta":{"a":null,"b":[1,{"x":1,"y":2}]}}');
  });

  it('keeps what makes two values different: array order, types, values', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(canonicalJson({ a: 1 })).not.toBe(canonicalJson({ a: '1' }));
    expect(canonicalJson({ a: 'x' })).not.toBe(canonicalJson({ a: 'y' }));
  });

  it('writes strings as JSON does, so escapes and non-ASCII text are one form each', () => {
    expect(canonicalJson({ name: 'Zoë "Z"\n' })).toBe('{"name":"Zoë \\"Z\\"\\n"}');
    expect(canonicalJson(null)).toBe('null');
    expect(canonicalJson(undefined)).toBe('null');
  });
});
