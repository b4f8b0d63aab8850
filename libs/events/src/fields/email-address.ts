/**
 * The one rule for an email address, used by the event catalogue (as the JSON Schema format
 * `email`) and by every request DTO (`IsEmailAddress` in libs/platform), so an address the API
 * accepts is one every event carrying it accepts too.
 *
 * An RFC 5321 mailbox in ASCII: a dot-atom local part of at most 64 characters, `@`, a domain of
 * two or more hostname labels; at most 254 characters in all (the longest forward path SMTP
 * carries). Not accepted: quoted local parts, IP-literal domains and internationalised addresses
 * (SMTPUTF8, RFC 6531), which not every mail relay delivers; an IDN domain is accepted in its
 * ASCII (punycode) form.
 */
export const EMAIL_ADDRESS_MAX_LENGTH = 254;
export const EMAIL_ADDRESS_RULE = 'an email address: ASCII local@domain.tld, at most 254 characters';

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const DOMAIN_LABEL = /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isEmailAddress(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > EMAIL_ADDRESS_MAX_LENGTH) return false;
  const at = value.lastIndexOf('@');
  if (at < 1) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return local.length <= 64 && LOCAL_PART.test(local) && labels.length >= 2 && labels.every((label) => DOMAIN_LABEL.test(label));
}
