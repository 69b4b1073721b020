// The rolling upgrade, across versions: the previous release's program keeps serving — pages,
// log-in, a new request — on the schema this version's `migrate` made, next to a copy of this
// version on the same database, and each reads what the other wrote. Needs two builds, so it
// runs as `make test-upgrade` (scripts/test-upgrade), not in CI:
//   SYNERGEIA_PREVIOUS_BIN   the previous release's binary
//   SYNERGEIA_BIN            this version's
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, runBinary, createDatabase } from '../integration/lib/server.mjs';
import { parseDemoLogins, loginOk } from '../integration/lib/flows.mjs';

const previous = process.env.SYNERGEIA_PREVIOUS_BIN;
let db;
let old;
let next;
let demo;

before(async () => {
  assert.ok(previous, 'SYNERGEIA_PREVIOUS_BIN names the previous release');
  db = await createDatabase();
  // The municipality as the previous release left it, served by it.
  old = await startServer({ binary: previous, db, seed: true });
  demo = parseDemoLogins(await old.demoLogins());
  // The first copy to restart on the new version migrates; the old copy keeps running.
  const migrated = await runBinary(['migrate', '--db', db.url]);
  console.log(migrated.stdout.trim());
  next = await startServer({ db, migrate: false, env: { SYNERGEIA_DEMO: '1' } });
});

after(async () => {
  await next?.stop();
  await old?.stop({ check: false });
  await db?.drop();
});

test('the previous release keeps working on the new schema, next to the new one', async () => {
  for (const [name, copy] of [['previous', old], ['new', next]]) {
    const visitor = new HttpClient(copy.baseUrl);
    for (const path of ['/', '/organisations', '/requests', '/api/v1/organisations', '/open311/v2/services.json']) {
      assert.equal((await visitor.get(path)).status, 200, `${name}: ${path}`);
    }
    const citizen = new HttpClient(copy.baseUrl);
    await loginOk(citizen, demo.citizen.email, demo.citizen.password);
    assert.equal((await citizen.get('/my')).status, 200, `${name}: the citizen's page`);
  }
  // Each version reads what the other wrote: a session made by one works on the other. (Cached
  // settings are another matter: the previous release does not hear the new one's cache
  // announcements, so it shows a changed setting only after its own cache expires.)
  for (const [maker, user] of [[old, next], [next, old]]) {
    const here = new HttpClient(maker.baseUrl);
    await loginOk(here, demo.tenant_admin.email, demo.tenant_admin.password);
    const there = new HttpClient(user.baseUrl);
    there.setCookie('sid', here.cookie('sid').value);
    assert.equal((await there.get('/admin/settings')).status, 200, 'a session of one version works on the other');
  }
});
