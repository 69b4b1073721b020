// Two-step log-in through the web, on the engine under test, with the install requiring it (the
// demo's staff have a second factor, its key in the log-ins file): the password alone is a log-in
// in progress, not a log-in; the app's code (computed here as any authenticator app does, and by
// `synergeia demo totp`) completes it once; a wrong or replayed code is refused in Greek; recovery
// codes work once each; turned off, the staff role waits until it is set up again with the QR
// page; the administrator resets a lost phone; a citizen may turn it on too.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, saveHtml, runBinary } from './lib/server.mjs';
import { parseDemoLogins, writeConfig, login, totp, loginWithCode } from './lib/flows.mjs';

let srv;
let demo;

before(async () => {
  const config = await writeConfig('login_limit_per_ip = 1000\nlogin_limit_per_account = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_SECOND_FACTOR: '1' } });
  demo = parseDemoLogins(await srv.demoLogins());
});

after(async () => {
  await srv?.stop();
});

const roles = async (c) => (await c.get('/api/v1/me')).json().roles;
const codeField = (c, code) => c.submit('/login/code', { code, next: '/account' }, { formPath: '/login/code' });

test('the password alone is a log-in in progress; the app\'s code completes it, once', async () => {
  const { email, password, totpSecret } = demo.staff;
  assert.match(totpSecret, /^[A-Z2-7]{32}$/, 'the demo\'s staff key is in the log-ins file');
  assert.equal(demo.citizen.totpSecret, undefined, 'a citizen has none');

  const c = new HttpClient(srv.baseUrl);
  const first = await login(c, email, password);
  assert.equal(first.status, 303);
  assert.equal(new URL(first.location).pathname, '/login/code');
  assert.equal((await c.get('/api/v1/me')).status, 401, 'not logged in before the code');
  assert.ok([302, 303].includes((await c.get('/admin/requests')).status), 'staff pages send to the log-in');
  const ask = await c.get('/login/code');
  assert.equal(ask.status, 200);
  saveHtml('second-factor-code', ask.body);
  assert.match(ask.body, /autocomplete="one-time-code"/);

  const wrong = await codeField(c, totp(totpSecret) === '000000' ? '111111' : '000000');
  assert.equal(wrong.status, 422);
  assert.match(wrong.body, /Ο κωδικός δεν είναι σωστός ή έχει ήδη χρησιμοποιηθεί/);
  const code = totp(totpSecret);
  const ok = await codeField(c, code);
  assert.equal(ok.status, 303);
  assert.equal(new URL(ok.location).pathname, '/account', 'back where the person was going');
  assert.ok((await roles(c)).includes('staff'));
  assert.equal((await c.get('/admin/requests')).status, 200);

  // The same code in another log-in: refused, as a code works once.
  const d = new HttpClient(srv.baseUrl);
  await login(d, email, password);
  assert.equal((await codeField(d, code)).status, 422, 'a replayed code');
  // What `synergeia demo totp` prints is the next unused code, and it logs in.
  const printed = (await runBinary(['demo', 'totp', email, '--db', srv.dbUrl], { env: { SYNERGEIA_DEMO: '1' } })).stdout.trim();
  assert.match(printed, /^\d{6}$/);
  assert.ok([totp(totpSecret), totp(totpSecret, Date.now() / 1000 + 30)].includes(printed), 'a code of now or the next half-minute');
  assert.equal((await codeField(d, printed)).status, 303);
  const refused = await runBinary(['demo', 'totp', email, '--db', srv.dbUrl], { env: { SYNERGEIA_DEMO: '0' }, check: false });
  assert.notEqual(refused.code, 0, 'only in demo mode');
});

test('recovery codes work once each; turned off, the role waits; set up again with the QR page', async () => {
  const { email, password, totpSecret } = demo.social_worker;
  const c = new HttpClient(srv.baseUrl);
  await loginWithCode(c, email, password, totpSecret);
  const status = await c.get('/account/two-factor');
  assert.match(status.body, /Η σύνδεση σε δύο βήματα είναι ενεργή από/);
  const made = await c.submit('/account/two-factor/codes', { password }, { formPath: '/account/two-factor' });
  assert.equal(made.status, 200);
  saveHtml('second-factor-codes', made.body);
  const codes = [...made.body.matchAll(/<li><code>([a-z2-9]{5}-[a-z2-9]{5})<\/code><\/li>/g)].map((m) => m[1]);
  assert.equal(codes.length, 10);

  const d = new HttpClient(srv.baseUrl);
  await login(d, email, password);
  assert.equal((await codeField(d, codes[0].toUpperCase())).status, 303, 'a recovery code, typed in capitals');
  const e = new HttpClient(srv.baseUrl);
  await login(e, email, password);
  assert.equal((await codeField(e, codes[0])).status, 422, 'never twice');
  assert.equal((await codeField(e, codes[1].replace('-', ' '))).status, 303);
  assert.match((await d.get('/account/two-factor')).body, /Σας απομένουν 8 κωδικοί ανάκτησης/);

  // Off: the password is asked; then the role waits, and every page says why.
  assert.equal((await c.submit('/account/two-factor/off', { password: 'λάθος κωδικός 1' }, { formPath: '/account/two-factor' })).status, 422);
  assert.equal((await c.submit('/account/two-factor/off', { password }, { formPath: '/account/two-factor' })).status, 303);
  const f = new HttpClient(srv.baseUrl);
  const plain = await login(f, email, password);
  assert.equal(new URL(plain.location).pathname, '/my', 'no code asked any more');
  assert.ok(!(await roles(f)).includes('social_worker'), 'the role waits for a second factor');
  const account = await f.get('/account');
  assert.match(account.body, /χρειάζεται σύνδεση σε δύο βήματα/);
  assert.match(account.body, /href="\/account\/two-factor"/);

  // Set up again: a QR code and the key to type; the same key until it is confirmed.
  const setup = await f.get('/account/two-factor');
  saveHtml('second-factor-setup', setup.body);
  assert.match(setup.body, /<svg class="qr-code"[^>]*role="img"[^>]*aria-label="[^"]+"/);
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)[1].replace(/ /g, '');
  assert.equal(secret.length, 32);
  assert.notEqual(secret, totpSecret, 'a new key');
  assert.equal(/<code class="secret">([A-Z2-7 ]+)<\/code>/.exec((await f.get('/account/two-factor')).body)[1].replace(/ /g, ''), secret);
  const bad = await f.submit('/account/two-factor', { code: '12345' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Δεν είναι ο κωδικός που δείχνει τώρα η εφαρμογή/);
  assert.equal((await f.submit('/account/two-factor', { code: totp(secret) })).status, 200);
  assert.ok((await roles(f)).includes('social_worker'), 'this session passed it');
});

test('the administrator resets a lost phone, and a citizen may turn it on too', async () => {
  const admin = new HttpClient(srv.baseUrl);
  await loginWithCode(admin, demo.tenant_admin.email, demo.tenant_admin.password, demo.tenant_admin.totpSecret);
  const people = await admin.get('/admin/people?q=' + encodeURIComponent(demo.committee.email));
  const personPath = /href="(\/admin\/people\/\d+)"/.exec(people.body)[1];
  const page = await admin.get(personPath);
  assert.match(page.body, /second-factor\/reset/);
  assert.equal((await admin.submit(`${personPath}/second-factor/reset`, {}, { formPath: personPath })).status, 303);
  const c = new HttpClient(srv.baseUrl);
  const plain = await login(c, demo.committee.email, demo.committee.password);
  assert.equal(new URL(plain.location).pathname, '/my', 'no code asked: set it up again');
  assert.ok(!(await roles(c)).includes('committee'));

  const citizen = new HttpClient(srv.baseUrl);
  await login(citizen, demo.citizen.email, demo.citizen.password);
  const setup = await citizen.get('/account/two-factor');
  assert.doesNotMatch(setup.body, /Ο ρόλος σας/, 'nothing says it is required');
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)[1].replace(/ /g, '');
  assert.equal((await citizen.submit('/account/two-factor', { code: totp(secret) })).status, 200);
  const again = await login(new HttpClient(srv.baseUrl), demo.citizen.email, demo.citizen.password);
  assert.equal(new URL(again.location).pathname, '/login/code');
});
