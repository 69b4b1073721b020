// Accounts end to end, through HTTP and a real SMTP server: registration and the verification
// mail, log-in, the account API, CSRF, log-out, invalid input writing nothing, duplicate
// registration not revealing an account, password reset, API tokens, data export, deletion.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, startSmtpSink, HttpClient, extractCsrf, saveHtml } from './lib/server.mjs';
import {
  writeConfig, uniqueEmail, linkIn, login, loginOk, registrationFields, registerAndVerify, confirmLink,
} from './lib/flows.mjs';

let sink;
let srv;

before(async () => {
  sink = await startSmtpSink();
  // Every test here logs in from 127.0.0.1, and several fail on purpose: a high per-IP limit
  // keeps the rate limiter (tested in security.test.mjs) out of the way.
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url, SYNERGEIA_CONFIG: config } });
});

after(async () => {
  await srv?.stop();
  await sink?.stop();
});

const client = () => new HttpClient(srv.baseUrl);

function summaryLinks(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? [...m[0].matchAll(/href="#([^"]+)"/g)].map((x) => x[1]) : [];
}

async function me(c, headers) {
  return c.get('/api/v1/me', headers ? { headers } : undefined);
}

function assertProblem401(res, what) {
  assert.equal(res.status, 401, `${what}: expected 401, got ${res.status} ${res.body.slice(0, 200)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `${what}: problem+json`);
  assert.equal(res.json().status, 401);
}

describe('registration, verification, log-in, CSRF and log-out', () => {
  test('the whole journey works, and a POST without the CSRF token changes nothing', async () => {
    const c = client();
    const email = uniqueEmail('maria');
    const password = 'κόκκινο μήλο 2024';

    const form = await c.get('/register');
    assert.equal(form.status, 200);
    assert.ok(extractCsrf(form.body), 'the registration form carries a CSRF token');
    const csrfCookie = c.cookie('csrf');
    assert.ok(csrfCookie, 'visitors get a double-submit csrf cookie');
    assert.equal(csrfCookie.attributes.httponly, true, 'csrf cookie is HttpOnly');

    const reg = await c.submit('/register', registrationFields({ name: 'Μαρία Παπαδάκη', email, password }));
    assert.equal(reg.status, 303, reg.body.slice(0, 300));
    assert.equal(new URL(reg.location).pathname, '/register/check-email');
    const check = await c.get(reg.location);
    assert.equal(check.status, 200);

    const mail = await sink.waitForMail((m) => m.toAddresses.includes(email));
    assert.deepEqual(mail.rcptTo, [email], 'the envelope goes to the new address');
    const link = linkIn(mail, '/verify');
    assert.ok(link.startsWith(`${srv.baseUrl}/verify?token=`), `the link points at this site: ${link}`);
    assert.match(mail.text, /Μαρία Παπαδάκη/, 'the mail greets the person by name');

    // Not verified yet: the password is right, but log-in is refused and no session is made.
    const early = await login(c, email, password);
    assert.equal(early.status, 403, 'an unverified account cannot log in');
    assert.equal(c.cookie('sid'), undefined);

    // Opening the link only shows a button (mail scanners prefetch links)…
    const page = await c.get(link);
    assert.equal(page.status, 200);
    assert.match(page.body, /name="token"/);
    assert.equal((await login(c, email, password)).status, 403, 'GET on the link must not confirm the address');
    // …pressing it confirms.
    const confirmed = await confirmLink(c, link);
    assert.equal(new URL(confirmed.location).pathname, '/login');
    // A link works once.
    const again = await c.post('/verify', { token: new URL(link).searchParams.get('token'), _csrf: extractCsrf(page.body) });
    assert.equal(again.status, 400, 'a used verification link is refused');

    const res = await loginOk(c, email, password);
    assert.equal(new URL(res.location).pathname, '/my', 'with nowhere asked for, log-in lands on the person\'s own page');
    const sid = c.cookie('sid');
    assert.equal(sid.attributes.httponly, true, 'sid is HttpOnly');
    assert.match(String(sid.attributes.samesite), /^lax$/i, 'sid is SameSite=Lax');

    const who = await me(c);
    assert.equal(who.status, 200);
    const body = who.json();
    assert.equal(body.email, email);
    assert.equal(body.display_name, 'Μαρία Παπαδάκη');
    assert.equal(body.municipality.slug, 'kalamata');
    assert.equal(body.municipality.elstat_code, '4401');

    const account = await c.get('/account');
    assert.equal(account.status, 200);
    assert.match(account.body, /Μαρία Παπαδάκη/);
    await saveHtml('integration-account', account.body);

    // A state-changing POST without the token, or with a wrong one, is refused and writes nothing.
    const noToken = await c.post('/account/name', { display_name: 'Κακόβουλο Όνομα' });
    assert.equal(noToken.status, 403, 'POST without _csrf is refused');
    const wrongToken = await c.post('/account/name', { display_name: 'Κακόβουλο Όνομα', _csrf: 'x'.repeat(43) });
    assert.equal(wrongToken.status, 403, 'POST with a wrong _csrf is refused');
    // The anonymous double-submit token is not the session's: it does not work either.
    const visitorToken = await c.post('/account/name', { display_name: 'Κακόβουλο Όνομα', _csrf: csrfCookie.value });
    assert.equal(visitorToken.status, 403, 'the visitor csrf cookie is no longer accepted once logged in');
    assert.equal((await me(c)).json().display_name, 'Μαρία Παπαδάκη', 'the refused POSTs changed nothing');
    // The same request with the token goes through (so the 403s above were about the token).
    const renamed = await c.submit('/account/name', { display_name: 'Μαρία Π.' }, { formPath: '/account' });
    assert.equal(renamed.status, 303);
    assert.equal((await me(c)).json().display_name, 'Μαρία Π.');

    // Log out: the cookie is cleared, the session is gone on the server too.
    const oldSid = c.cookie('sid').value;
    const out = await c.submit('/logout', {}, { formPath: '/account' });
    assert.equal(out.status, 303);
    assert.equal(c.cookie('sid'), undefined, 'log-out clears the sid cookie');
    const afterLogout = await c.get('/account');
    assert.equal(afterLogout.status, 303, '/account needs a log-in again');
    assert.equal(new URL(afterLogout.location).pathname, '/login');
    assert.equal(new URL(afterLogout.location).searchParams.get('next'), '/account');
    assertProblem401(await me(c), '/api/v1/me after log-out');
    const replay = client();
    replay.setCookie('sid', oldSid);
    assertProblem401(await me(replay), 'the old session cookie replayed after log-out');
  });

  test('the verification mail has a Greek subject by default', async () => {
    const c = client();
    const email = uniqueEmail('greek');
    const res = await c.submit('/register', registrationFields({ email, password: 'πράσινο δέντρο 77' }));
    assert.equal(res.status, 303);
    const mail = await sink.waitForMail((m) => m.toAddresses.includes(email));
    assert.match(mail.subject, /Δήμος Καλαμάτας/, `the subject names the municipality in Greek: ${mail.subject}`);
    assert.match(mail.subject, /^[^—]*[\u0370-\u03FF\u1F00-\u1FFF]{4}/, `the subject's own words are Greek: ${mail.subject}`);
    assert.doesNotMatch(mail.subject, /Confirm|Municipality/, `no English msgid in the subject: ${mail.subject}`);
    assert.match(mail.text, /48/, 'the body says how long the link works');
    assert.doesNotMatch(mail.text, /To finish creating your account/, `the body is translated too:\n${mail.text}`);
  });

  test('an English visitor gets the mail in English', async () => {
    const c = client();
    c.setCookie('lang', 'en');
    const email = uniqueEmail('english');
    const res = await c.submit('/register', registrationFields({ email, password: 'green tree 77 x' }));
    assert.equal(res.status, 303);
    const mail = await sink.waitForMail((m) => m.toAddresses.includes(email));
    assert.match(mail.subject, /Confirm your e-mail address/);
    assert.match(mail.subject, /Kalamata/, 'the English name of the municipality');
  });

  test('a visitor POST without the double-submit token is refused and sends nothing', async () => {
    const c = client();
    await c.get('/register');   // has the csrf cookie, but does not send the field
    const email = uniqueEmail('nocsrf');
    const res = await c.post('/register', registrationFields({ email, password: 'ένα δύο τρία τέσσερα' }));
    assert.equal(res.status, 403);
    const stranger = client();   // sends a field but has no cookie to match it
    const res2 = await stranger.post('/register', { ...registrationFields({ email, password: 'ένα δύο τρία τέσσερα' }), _csrf: 'a'.repeat(43) });
    assert.equal(res2.status, 403);
    // Nothing was registered: the address is still free and gets a normal verification mail.
    await registerAndVerify(c, sink, { email });
    assert.equal((await sink.mails()).filter((m) => m.toAddresses.includes(email)).length, 1);
  });
});

describe('invalid and duplicate registration', () => {
  test('invalid registrations get 422 with an error summary, and nothing is written', async () => {
    const cases = [
      { what: 'bad e-mail', email: 'not-an-email', password: 'ένα δύο τρία τέσσερα', field: 'email' },
      { what: 'short password', email: uniqueEmail('short'), password: 'μικ.', field: 'password' },
      { what: 'passwords differ', email: uniqueEmail('mismatch'), password: 'ένα δύο τρία τέσσερα', confirm: 'ένα δύο τρία πέντε', field: 'password_confirm' },
      { what: 'privacy notice not accepted', email: uniqueEmail('terms'), password: 'ένα δύο τρία τέσσερα', terms: false, field: 'accept_terms' },
      { what: 'empty name', name: '   ', email: uniqueEmail('noname'), password: 'ένα δύο τρία τέσσερα', field: 'display_name' },
    ];
    const c = client();
    for (const k of cases) {
      const res = await c.submit('/register', registrationFields(k));
      assert.equal(res.status, 422, `${k.what}: ${res.status}`);
      assert.deepEqual(summaryLinks(res.body), [k.field], `${k.what}: the summary links to the one bad field`);
      assert.match(res.body, new RegExp(`id="${k.field}-error"`), `${k.what}: the field shows its error`);
      assert.ok(!res.body.includes(k.password), `${k.what}: the password is never sent back`);
      if (k.what === 'bad e-mail') await saveHtml('integration-register-errors', res.body);
    }
    // Several problems at once are all listed.
    const many = await c.submit('/register', registrationFields({ name: '', email: 'x', password: '1', terms: false }));
    assert.equal(many.status, 422);
    assert.deepEqual(summaryLinks(many.body).sort(), ['accept_terms', 'display_name', 'email', 'password']);

    // Nothing written: a log-in with those details says "wrong password" (401), not "confirm
    // your address first" (403), which is what an unverified account would get.
    for (const k of cases.filter((x) => x.email.includes('@'))) {
      const res = await login(client(), k.email, k.password);
      assert.equal(res.status, 401, `${k.what}: no account was created for ${k.email}`);
    }
    // …and no mail: a valid registration made after them is delivered, theirs never were.
    const marker = uniqueEmail('marker');
    const ok = await c.submit('/register', registrationFields({ email: marker, password: 'ένα δύο τρία τέσσερα' }));
    assert.equal(ok.status, 303);
    await sink.waitForMail((m) => m.toAddresses.includes(marker));
    const addresses = new Set(cases.map((k) => k.email));
    const leaked = (await sink.mails()).filter((m) => m.toAddresses.some((a) => addresses.has(a)));
    assert.deepEqual(leaked.map((m) => m.to), [], 'invalid registrations send no mail');
  });

  test('a duplicate registration looks the same as a new one and mails the owner instead', async () => {
    const owner = await registerAndVerify(client(), sink, { email: uniqueEmail('owner'), password: 'αρχικός κωδικός 1' });

    const fresh = await client().submit('/register', registrationFields({ email: uniqueEmail('fresh'), password: 'άλλος κωδικός 22' }));
    const dup = await client().submit('/register', registrationFields({ name: 'Κάποιος Άλλος', email: owner.email.toUpperCase(), password: 'άλλος κωδικός 22' }));
    assert.equal(dup.status, fresh.status);
    assert.equal(dup.location, fresh.location, 'both go to the same "check your e-mail" page');
    const cookieNames = (r) => r.headers.getSetCookie().map((x) => x.split('=')[0]).sort();
    assert.deepEqual(cookieNames(dup), cookieNames(fresh));

    const notice = await sink.waitForMail((m) => m.toAddresses.includes(owner.email));
    assert.doesNotMatch(notice.text, /\/verify\?token=/, 'the owner gets a notice, not a verification link');
    assert.ok(notice.text.includes(`${srv.baseUrl}/password/forgot`), 'the notice points to password reset');

    // The existing account is untouched: the old password still works, the new one does not.
    assert.equal((await login(client(), owner.email, 'άλλος κωδικός 22')).status, 401);
    await loginOk(client(), owner.email, 'αρχικός κωδικός 1');
  });
});

describe('log-in page', () => {
  test('a wrong password gets 401 with the error on the form', async () => {
    const c = client();
    const res = await login(c, 'nobody-here@example.gr', 'λάθος κωδικός 123');
    assert.equal(res.status, 401);
    assert.deepEqual(summaryLinks(res.body), ['password']);
    assert.match(res.body, /value="nobody-here@example.gr"/, 'the address is kept in the form');
    assert.ok(!res.body.includes('λάθος κωδικός 123'), 'the password is not sent back');
    const empty = await c.submit('/login', { email: '', password: '' });
    assert.equal(empty.status, 422);
    assert.deepEqual(summaryLinks(empty.body), ['email', 'password']);
    await saveHtml('integration-login-errors', empty.body);
  });
});

describe('password reset', () => {
  test('a reset through the mailed link changes the password and ends every other session', async () => {
    const acct = await registerAndVerify(client(), sink, { email: uniqueEmail('reset'), password: 'παλιός κωδικός 11' });
    const laptop = client();
    const phone = client();
    await loginOk(laptop, acct.email, acct.password);
    await loginOk(phone, acct.email, acct.password);
    assert.equal((await me(phone)).status, 200);

    const visitor = client();
    const asked = await visitor.submit('/password/forgot', { email: acct.email });
    assert.equal(asked.status, 200);
    // An unknown address gets the same answer (no account discovery) and no mail.
    const unknown = await visitor.submit('/password/forgot', { email: uniqueEmail('ghost') });
    assert.equal(unknown.status, 200);
    const lead = (html) => /<p class="lead">([\s\S]*?)<\/p>/.exec(html)?.[1];
    assert.ok(lead(asked.body), 'the answer explains what happens next');
    assert.equal(lead(unknown.body), lead(asked.body));

    const mail = await sink.waitForMail((m) => m.toAddresses.includes(acct.email) && /\/password\/reset\?token=/.test(m.text));
    const link = linkIn(mail, '/password/reset');
    const form = await visitor.get(link);
    assert.equal(form.status, 200);
    const token = new URL(link).searchParams.get('token');

    // Invalid new password: 422, and the link still works afterwards.
    const bad = await visitor.submit('/password/reset', { token, password: 'νέος κωδικός 22', password_confirm: 'άλλο πράγμα 22' }, { formPath: link });
    assert.equal(bad.status, 422);
    assert.equal((await me(phone)).status, 200, 'a refused reset ends no session');

    const done = await visitor.submit('/password/reset', { token, password: 'νέος κωδικός 22', password_confirm: 'νέος κωδικός 22' }, { formPath: link });
    assert.equal(done.status, 303);
    assert.equal(new URL(done.location).pathname, '/login');

    assertProblem401(await me(laptop), 'the laptop session after the reset');
    assertProblem401(await me(phone), 'the phone session after the reset');
    assert.equal((await login(client(), acct.email, acct.password)).status, 401, 'the old password no longer works');
    await loginOk(client(), acct.email, 'νέος κωδικός 22');

    const reuse = await visitor.get(link);
    assert.equal(reuse.status, 400, 'a used reset link is refused');
  });
});

describe('personal API tokens, export and deletion', () => {
  test('a token works with Bearer until it is revoked', async () => {
    const acct = await registerAndVerify(client(), sink, { email: uniqueEmail('token'), password: 'κωδικός για token 1' });
    const c = client();
    await loginOk(c, acct.email, acct.password);

    const created = await c.submit('/account/tokens', { token_name: 'Το υπολογιστικό μου φύλλο' }, { formPath: '/account' });
    assert.equal(created.status, 201);
    const token = /<code class="token">([^<]+)<\/code>/.exec(created.body)?.[1];
    assert.ok(token, 'the new token is shown once');
    assert.match(token, /^syn_[A-Za-z0-9_-]{20,}$/);
    const listed = await c.get('/account');
    assert.ok(!listed.body.includes(token), 'the token is not shown again');
    assert.match(listed.body, /Το υπολογιστικό μου φύλλο/);

    const api = client();   // no cookies at all: only the token
    const who = await me(api, { authorization: `Bearer ${token}` });
    assert.equal(who.status, 200);
    assert.equal(who.json().email, acct.email);
    assertProblem401(await me(api, { authorization: `Bearer ${token}x` }), 'a wrong token');
    assertProblem401(await me(api), 'no credentials');

    const action = /action="(\/account\/tokens\/\d+\/revoke)"/.exec(listed.body)?.[1];
    assert.ok(action, 'the token has a revoke button');
    const revoked = await c.submit(action, {}, { formPath: '/account' });
    assert.equal(revoked.status, 303);
    assertProblem401(await me(api, { authorization: `Bearer ${token}` }), 'the revoked token');
    assert.equal((await me(c)).status, 200, 'revoking a token leaves the session alone');
  });

  test('the data export is JSON with the account in it', async () => {
    const acct = await registerAndVerify(client(), sink, { name: 'Νίκος Εξαγωγή', email: uniqueEmail('export') });
    const c = client();
    const anonymous = await c.get('/account/export.json');
    assert.equal(anonymous.status, 303, 'a visitor is sent to log in');
    await loginOk(c, acct.email, acct.password);
    const res = await c.get('/account/export.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /^application\/json/);
    assert.match(res.headers.get('content-disposition') || '', /^attachment/);
    const data = res.json();
    assert.equal(data.account.email, acct.email);
    assert.equal(data.account.display_name, 'Νίκος Εξαγωγή');
    assert.ok(data.account.email_verified_at > 0);
    assert.ok(data.activity.some((a) => a.action === 'account.login'), 'the export lists the log-in');
  });

  test('a deleted account cannot log in and its sessions and tokens stop working', async () => {
    const acct = await registerAndVerify(client(), sink, { email: uniqueEmail('delete'), password: 'διαγραφή κωδικός 9' });
    const c = client();
    await loginOk(c, acct.email, acct.password);
    const created = await c.submit('/account/tokens', { token_name: 'script' }, { formPath: '/account' });
    const token = /<code class="token">([^<]+)<\/code>/.exec(created.body)?.[1];
    assert.ok(token);
    const other = client();
    await loginOk(other, acct.email, acct.password);

    const wrong = await c.submit('/account/delete', { delete_password: 'όχι αυτός 123' }, { formPath: '/account' });
    assert.equal(wrong.status, 422, 'a wrong password deletes nothing');
    assert.equal((await me(c)).status, 200);

    const del = await c.submit('/account/delete', { delete_password: acct.password }, { formPath: '/account' });
    assert.equal(del.status, 303);
    assert.equal(c.cookie('sid'), undefined);
    assertProblem401(await me(c), 'this browser after deletion');
    assertProblem401(await me(other), 'another session after deletion');
    assertProblem401(await me(client(), { authorization: `Bearer ${token}` }), 'an API token after deletion');
    assert.equal((await login(client(), acct.email, acct.password)).status, 401, 'log-in is impossible');

    // The address itself is gone: registering with it again is a new account, with a new link.
    const again = await client().submit('/register', registrationFields({ email: acct.email, password: 'καινούργιος 12345' }));
    assert.equal(again.status, 303);
    const mail = await sink.waitForMail((m) => m.toAddresses.includes(acct.email));
    assert.match(mail.text, /\/verify\?token=/, 'the deleted address registers afresh');
  });
});

describe('pages for the HTML checker', () => {
  test('the 404 page', async () => {
    const res = await client().get('/no/such/page');
    assert.equal(res.status, 404);
    assert.match(res.headers.get('content-type'), /^text\/html/);
    await saveHtml('integration-not-found', res.body);
  });
});
