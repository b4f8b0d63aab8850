import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest: AES-256-GCM (node:crypto) under a keyring from configuration. Each ciphertext
 * carries the id of the key that sealed it, so keys rotate: the first key of the ring seals, every
 * key of the ring opens, and re-sealing moves old ciphertexts to the current key before an old key
 * leaves the ring.
 *
 * Ciphertext layout (version 1, also written by the notification service's migration that
 * encrypted the secrets in place): 12-byte random IV, 16-byte GCM tag, then the ciphertext. The
 * caller's context (a row's id) is bound as additional authenticated data, so a ciphertext copied
 * to another row does not open there.
 */
export interface SealedSecret {
  readonly keyId: string;
  readonly ciphertext: Buffer;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;
const KEY_ID = /^[A-Za-z0-9._-]{1,64}$/;

export class KeyringError extends Error {
  override readonly name = 'KeyringError';
}

export class SecretKeyring {
  private constructor(private readonly keys: ReadonlyMap<string, Buffer>, readonly currentKeyId: string) {}

  /**
   * `id:base64key[,id:base64key...]`, the current key first; each key 32 random bytes, e.g.
   * `openssl rand -base64 32`.
   */
  static parse(text: string): SecretKeyring {
    const keys = new Map<string, Buffer>();
    for (const entry of text.split(',').map((part) => part.trim())) {
      const separator = entry.indexOf(':');
      const id = entry.slice(0, separator);
      const key = Buffer.from(entry.slice(separator + 1), 'base64');
      if (separator < 1 || !KEY_ID.test(id)) throw new KeyringError('entries are id:base64key, the id of letters, digits, ".", "_" or "-"');
      if (key.length !== KEY_BYTES) throw new KeyringError(`key ${id} must be ${KEY_BYTES} bytes in base64 (openssl rand -base64 32)`);
      if (keys.has(id)) throw new KeyringError(`key ${id} appears twice`);
      keys.set(id, key);
    }
    return new SecretKeyring(keys, keys.keys().next().value as string);
  }

  get keyIds(): readonly string[] {
    return [...this.keys.keys()];
  }

  seal(plaintext: string, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.keyFor(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return { keyId: this.currentKeyId, ciphertext: Buffer.concat([iv, cipher.getAuthTag(), encrypted]) };
  }

  /** The plaintext; throws when the key left the ring, the context differs or the ciphertext was altered. */
  open(sealed: SealedSecret, context: string): string {
    const { ciphertext } = sealed;
    const decipher = createDecipheriv('aes-256-gcm', this.keyFor(sealed.keyId), ciphertext.subarray(0, IV_BYTES));
    decipher.setAuthTag(ciphertext.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    return Buffer.concat([decipher.update(ciphertext.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
  }

  private keyFor(id: string): Buffer {
    const key = this.keys.get(id);
    if (!key) throw new KeyringError(`no key ${id} in the keyring: it sealed a secret and was removed before re-encryption`);
    return key;
  }
}
