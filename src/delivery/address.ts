// Email addresses as the config writes them ("a@b.c" or "Name <a@b.c>"): checked once, so no
// value can carry a line break, a second address or a header into a message. Pure.

/** An addr-spec: a dot-atom local part and a host name (ASCII; IDNs written in punycode). */
const ADDR = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
/** A display name: printable, no angle brackets, quotes, backslashes or control characters. */
const NAME = /^[^<>"\\\p{Cc}\p{Zl}\p{Zp}]*$/u;

export interface Mailbox {
  name: string; // '' when none
  address: string;
}

/** The mailbox written as `value`, or null when it is not one address (alone or "Name <address>"). */
export function parseMailbox(value: string): Mailbox | null {
  if (/[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) return null; // no line break anywhere, not even around it
  const s = value.trim();
  const angled = /^(.*?)\s*<([^<>]*)>$/s.exec(s);
  const name = angled ? angled[1].trim() : '';
  const address = angled ? angled[2].trim() : s;
  if (address.length > 254 || !ADDR.test(address) || !NAME.test(name) || name.length > 200) return null;
  return { name, address };
}

/** The bare addresses of checked mailboxes, duplicates (case-insensitive) dropped. */
export function addressesOf(values: readonly string[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const v of values) {
    const m = parseMailbox(v);
    if (m && !seen.has(m.address.toLowerCase())) {
      seen.add(m.address.toLowerCase());
      out.push(m.address);
    }
  }
  return out;
}
