import { randomBytes } from 'node:crypto';
import { KeyringError, SecretKeyring } from './secret-keyring';

describe('SecretKeyring', () => {
  const key = () => randomBytes(32).toString('base64');
  const older = `k1:${key()}`;
  const newer = `k2:${key()}`;

  it('seals with the first key, without the plaintext in the ciphertext, and opens what it sealed', () => {
    const keyring = SecretKeyring.parse(`${older}`);
    const sealed = keyring.seal('whsec_c2VjcmV0c2VjcmV0', 'whs_1');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.ciphertext.includes(Buffer.from('c2VjcmV0'))).toBe(false);
    expect(keyring.open(sealed, 'whs_1')).toBe('whsec_c2VjcmV0c2VjcmV0');
  });

  it('opens with an older key of the ring after rotation, and seals with the new first key', () => {
    // given a secret sealed before rotation
    const sealed = SecretKeyring.parse(older).seal('whsec_b2xk', 'whs_1');
    // when the ring puts a new key first and keeps the old one after it
    const rotated = SecretKeyring.parse(`${newer},${older}`);
    // then the old ciphertext opens, and a re-seal is under the new key
    expect(rotated.open(sealed, 'whs_1')).toBe('whsec_b2xk');
    expect(rotated.seal('whsec_b2xk', 'whs_1').keyId).toBe('k2');
    expect(rotated.currentKeyId).toBe('k2');
  });

  it('refuses to open under another row, after tampering, or once its key has left the ring', () => {
    const keyring = SecretKeyring.parse(older);
    const sealed = keyring.seal('whsec_b2xk', 'whs_1');
    expect(() => keyring.open(sealed, 'whs_2')).toThrow();
    const tampered = Buffer.from(sealed.ciphertext);
    tampered[tampered.length - 1] ^= 1;
    expect(() => keyring.open({ ...sealed, ciphertext: tampered }, 'whs_1')).toThrow();
    expect(() => SecretKeyring.parse(newer).open(sealed, 'whs_1')).toThrow(KeyringError);
  });

  it.each([
    ['k1', /id:base64key/],
    [`k1:${randomBytes(16).toString('base64')}`, /32 bytes/],
    [`${older},${older}`, /twice/],
    [`bad id:${key()}`, /id:base64key/],
  ])('refuses the keyring %s', (text, rule) => {
    expect(() => SecretKeyring.parse(text)).toThrow(rule);
  });
});
