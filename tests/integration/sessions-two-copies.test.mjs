// Two copies of the program on one database, as behind a load balancer: a session cookie works on
// both; "log out everywhere" or a withdrawn role ends access at once in the copy where it happened
// and within 5 seconds in the other (as soon as it hears of it: platform/cache/changes.hpp; each
// copy keeps who a cookie is for a moment, so a logged-in page needs no trip to the database); and
// a changed setting reaches the other copy's cache within a second. Runs on SQLite or PostgreSQL.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, runBinary, within } from './lib/server.mjs';
import { parseDemoLogins, loginOk } from './lib/flows.mjs';

let first;
let second;
let demo;

before(async () => {
  first = await startServer({ seed: true, keepDb: true });
  second = await startServer({ db: first.db });
  demo = parseDemoLogins(await first.demoLogins());
});

after(async () => {
  await second?.stop();
  await first?.stop();
  await first?.db.drop();
});

// The same cookie, sent to the other copy.
function sameSessionOn(server, client) {
  const other = new HttpClient(server.baseUrl);
  other.setCookie('sid', client.cookie('sid').value);
  return other;
}

const loggedIn = async (client) => {
  const res = await client.get('/account');
  return res.status === 200;
};

describe('two copies of the program on one database', () => {
  test('"log out everywhere" ends the session at once here and within 5 seconds in the other copy', async () => {
    const here = new HttpClient(first.baseUrl);
    await loginOk(here, demo.citizen.email, demo.citizen.password);
    const phone = new HttpClient(first.baseUrl);  // the same person on another device
    await loginOk(phone, demo.citizen.email, demo.citizen.password);
    const there = sameSessionOn(second, phone);
    assert.ok(await loggedIn(here));
    assert.ok(await loggedIn(phone));
    assert.ok(await loggedIn(there), 'the cookie works on the other copy too');

    const res = await here.submit('/logout/everywhere', {}, { formPath: '/account' });
    assert.equal(res.status, 303);
    assert.equal(await loggedIn(phone), false, 'the other device is logged out at once on this copy');
    const took = await within(5000, 'the other copy still knows the session', async () => !(await loggedIn(there)));
    assert.ok(took <= 5000, `took ${took} ms`);
  });

  test('a withdrawn role stops working within 5 seconds on both copies', async () => {
    const a = new HttpClient(first.baseUrl);
    await loginOk(a, demo.staff.email, demo.staff.password);
    const b = sameSessionOn(second, a);
    assert.equal((await a.get('/admin/requests')).status, 200);
    assert.equal((await b.get('/admin/requests')).status, 200);

    // The operator withdraws the role with the command line: a third process.
    await runBinary(['user', 'revoke', '--email', demo.staff.email, '--role', 'staff', '--tenant', 'kalamata', '--db', first.dbUrl]);
    for (const [name, client] of [['this copy', a], ['the other copy', b]]) {
      const took = await within(5000, `${name} still lets the former staff in`,
        async () => (await client.get('/admin/requests')).status === 403);
      assert.ok(took <= 5000, `${name}: ${took} ms`);
    }
    // The person is still logged in: only the role went.
    assert.ok(await loggedIn(a));
    assert.ok(await loggedIn(b));
  });

  test('a setting changed through one copy shows through the other within a second, its cache included', async () => {
    const visitor = new HttpClient(second.baseUrl);
    const colour = async () => /theme\.css\?c=([0-9a-f]{6})/.exec((await visitor.get('/')).body)?.[1];
    const before = await colour();  // the other copy has the municipality cached now
    const admin = new HttpClient(first.baseUrl);
    await loginOk(admin, demo.tenant_admin.email, demo.tenant_admin.password);
    const wanted = before === '7a3b1c' ? '1c3b7a' : '7a3b1c';
    const saved = await admin.submit('/admin/settings', { name_en: 'Kalamata', brand_colour: `#${wanted}` });
    assert.equal(saved.status, 303);
    // The page after the form, from the other copy at once: the "wrote" cookie makes it skip the
    // caches that may not have heard yet.
    assert.match(saved.headers.getSetCookie().join('\n'), /^wrote=1; Path=\/; Max-Age=5; HttpOnly; SameSite=Lax$/m);
    const next = sameSessionOn(second, admin);
    next.setCookie('wrote', '1');
    assert.match((await next.get('/admin/settings')).body, new RegExp(`value="#${wanted}"`), 'the writer sees the write on the other copy at once');
    const took = await within(1000, 'the other copy still shows the old colour', async () => (await colour()) === wanted);
    assert.ok(took <= 1000, `took ${took} ms`);
  });

  test('withdrawing a role the account does not hold says so and changes nothing', async () => {
    const out = await runBinary(['user', 'revoke', '--email', demo.citizen.email, '--role', 'auditor', '--tenant', 'kalamata',
      '--db', first.dbUrl], { check: false });
    assert.equal(out.code, 1);
    assert.match(out.stdout, /did not hold auditor/);
  });
});
