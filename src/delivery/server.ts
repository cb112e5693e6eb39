// The mail server of a report: SVREPORT_SMTP_URL when set, else delivery.email.smtp with the
// password from the environment variable it names. The CLI hands the environment in; nothing
// here reads process.env, and no message here quotes the URL or the password.
import { readFileSync } from 'node:fs';
import { usageError } from '../errors.ts';
import type { EmailDelivery } from '../types.ts';
import type { SmtpServer } from './send.ts';

export interface DeliveryEnv {
  /** SVREPORT_SMTP_URL, or null */
  smtpUrl: string | null;
  /** the value of an environment variable (the one `passwordEnv` names) */
  variable: (name: string) => string | undefined;
}

const PORT = { starttls: 587, tls: 465, none: 25 } as const;

/** smtp://user:pass@host:587 (STARTTLS), smtps://... (TLS); `?security=none` for a plain local relay. */
export function parseSmtpUrl(text: string): Omit<SmtpServer, 'tlsVerify' | 'ca'> {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw usageError('SVREPORT_SMTP_URL is not a valid address; write it as smtp://user:password@host:587 or smtps://user:password@host:465.');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    throw usageError('SVREPORT_SMTP_URL must start with smtp:// (STARTTLS) or smtps:// (TLS).');
  }
  const param = url.searchParams.get('security');
  const security = url.protocol === 'smtps:' ? 'tls' : param === 'none' ? 'none' : 'starttls';
  if (!url.hostname) throw usageError('SVREPORT_SMTP_URL names no host; write it as smtp://user:password@host:587.');
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : PORT[security],
    security,
    user: url.username ? decodeURIComponent(url.username) : null,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}

/** The server for `email`, or a usage error (exit 2) saying what is missing. */
export function resolveServer(email: EmailDelivery, env: DeliveryEnv): SmtpServer {
  const smtp = email.smtp;
  let ca: string | null = null;
  if (smtp?.ca) {
    try {
      ca = readFileSync(smtp.ca, 'utf8');
    } catch {
      throw usageError(`delivery.email.smtp.ca: cannot read ${smtp.ca}.`);
    }
  }
  const tlsVerify = smtp?.tlsVerify ?? true;
  if (env.smtpUrl) return { ...parseSmtpUrl(env.smtpUrl), tlsVerify, ca };
  if (!smtp) throw usageError('No mail server: set delivery.email.smtp in the config or the SVREPORT_SMTP_URL environment variable.');
  let password: string | null = null;
  if (smtp.passwordEnv) {
    const value = env.variable(smtp.passwordEnv);
    if (value === undefined || value === '') {
      throw usageError(`delivery.email.smtp.passwordEnv names ${smtp.passwordEnv}, which is not set in the environment.`);
    }
    password = value;
  }
  if (smtp.user && password === null) throw usageError('delivery.email.smtp.user is set but no password: name its environment variable in delivery.email.smtp.passwordEnv.');
  return { host: smtp.host, port: smtp.port, security: smtp.security, user: smtp.user, password, tlsVerify, ca };
}

/** Every secret of the environment that a message must never show. */
export function secretsOf(env: DeliveryEnv, emails: (EmailDelivery | null)[]): string[] {
  const out = new Set<string>();
  if (env.smtpUrl) {
    out.add(env.smtpUrl);
    try {
      const p = parseSmtpUrl(env.smtpUrl).password;
      if (p) out.add(p);
    } catch {
      // an unparseable URL is refused elsewhere, without quoting it
    }
  }
  for (const e of emails) {
    const name = e?.smtp?.passwordEnv;
    const v = name ? env.variable(name) : undefined;
    if (v) out.add(v);
  }
  return [...out].filter((s) => s.length >= 1);
}
