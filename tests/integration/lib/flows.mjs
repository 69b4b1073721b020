// Steps the integration tests repeat: reading the demo log-ins, registering through the real
// mail, logging in, finding links in messages. Each one speaks HTTP to the running binary;
// none of them reaches into the database.
import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import assert from 'node:assert/strict';

import { extractCsrf } from './http.mjs';

/**
 * Parses var/demo-logins.txt ("  role  email  password  [two-step key]" lines) into
 * {role: {email, password, totpSecret}}.
 */
export function parseDemoLogins(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = /^\s+(\S+)\s+(\S+@\S+)\s+(\S+)(?:\s+([A-Z2-7]{16,}))?\s*$/.exec(line);
    if (m) out[m[1]] = { email: m[2], password: m[3], totpSecret: m[4] };
  }
  if (!out.citizen || !out.auditor) throw new Error(`demo log-ins file not understood:\n${text}`);
  return out;
}

// Folders made by writeConfig(), removed when the test file's process ends.
const configDirs = [];
process.on('exit', () => {
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
});

/** Writes a TOML configuration file in a new temporary folder and returns its path. */
export async function writeConfig(toml) {
  const dir = await mkdtemp(join(tmpdir(), 'synergeia-conf-'));
  configDirs.push(dir);
  const path = join(dir, 'synergeia.toml');
  await writeFile(path, toml);
  return path;
}

/** A unique e-mail address for one test, so tests never see each other's accounts or mail. */
let counter = 0;
export function uniqueEmail(label) {
  counter += 1;
  return `${label}.${process.pid}.${Date.now().toString(36)}.${counter}@example.gr`;
}

/** The first link in a message's text whose path is `path` (e.g. "/verify"). */
export function linkIn(mail, path) {
  const re = new RegExp(`https?://[^\\s<>"]+${path.replace(/[/.]/g, '\\$&')}\\?token=[A-Za-z0-9_-]+`);
  const m = re.exec(mail.text);
  if (!m) throw new Error(`no ${path} link in the mail "${mail.subject}":\n${mail.text}`);
  return m[0];
}

/** Fills the log-in form (prefix: "/m/<slug>" under path tenancy). Returns the response. */
export function login(client, email, password, { next, prefix = '' } = {}) {
  const fields = { email, password };
  if (next !== undefined) fields.next = next;
  return client.submit(`${prefix}/login`, fields);
}

/** Logs in and checks it worked (303 and a session cookie). */
export async function loginOk(client, email, password, options) {
  const res = await login(client, email, password, options);
  assert.equal(res.status, 303, `log-in as ${email} should redirect, got ${res.status}\n${res.body.slice(0, 400)}`);
  assert.ok(client.cookie('sid'), 'log-in sets the sid cookie');
  return res;
}

export function registrationFields({ name = 'Ελένη Δοκιμή', email, password, confirm = password, terms = true }) {
  const fields = { display_name: name, email, password, password_confirm: confirm };
  if (terms) fields.accept_terms = 'yes';
  return fields;
}

/**
 * Registers through the form, waits for the verification mail at the SMTP sink and confirms
 * the address through the link (GET shows the form, POST confirms). Returns {email, password, mail}.
 */
export async function registerAndVerify(client, sink, { name = 'Ελένη Δοκιμή', email, password = 'ένα δύο τρία τέσσερα' } = {}) {
  const res = await client.submit('/register', registrationFields({ name, email, password }));
  assert.equal(res.status, 303, `registration of ${email}: ${res.status}\n${res.body.slice(0, 400)}`);
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(email) && /\/verify\?token=/.test(m.text));
  await confirmLink(client, linkIn(mail, '/verify'));
  return { email, password, mail };
}

/** Opens a confirmation link (GET: a page with a form) and presses its button (POST). */
export async function confirmLink(client, link) {
  const page = await client.get(link);
  assert.equal(page.status, 200, `GET ${link}: ${page.status}`);
  const url = new URL(link);
  const token = url.searchParams.get('token');
  const csrf = extractCsrf(page.body);
  assert.ok(csrf, 'the confirmation page has a CSRF field');
  const res = await client.post(url.pathname, { token, _csrf: csrf });
  assert.equal(res.status, 303, `POST ${url.pathname}: ${res.status}\n${res.body.slice(0, 400)}`);
  return res;
}

/** RFC 4648 base32 to bytes. */
function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  const out = [];
  for (const c of text.replace(/[\s=]/g, '').toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(c);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/**
 * What an authenticator app shows at time t (seconds) for a base32 secret: RFC 6238 with SHA-1,
 * 30-second steps, 6 digits. Computed here with Node's own HMAC, independently of the server.
 */
export function totp(secret, t = Date.now() / 1000) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(t / 30)));
  const mac = createHmac('sha1', base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/**
 * Logs in with the password and, when the server asks for it (/login/code), the app's code of
 * `secret` at `t`; checks it worked.
 */
export async function loginWithCode(client, email, password, secret, t = Date.now() / 1000) {
  const first = await login(client, email, password);
  assert.equal(first.status, 303, `log-in of ${email}: ${first.status} ${first.body?.slice(0, 300)}`);
  if (new URL(first.location).pathname !== '/login/code') return first;
  const done = await client.submit('/login/code', { code: totp(secret, t), next: '' }, { formPath: '/login/code' });
  assert.equal(done.status, 303, `the second step of ${email}: ${done.status} ${done.body?.slice(0, 300)}`);
  return done;
}
