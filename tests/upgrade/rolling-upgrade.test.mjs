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
  // A staff member of each version reads the other's writes: the municipality's colour.
  const write = async (copy, colour) => {
    const admin = new HttpClient(copy.baseUrl);
    await loginOk(admin, demo.tenant_admin.email, demo.tenant_admin.password);
    assert.equal((await admin.submit('/admin/settings', { name_en: 'Kalamata', brand_colour: colour })).status, 303);
    return admin;
  };
  const oldAdmin = await write(old, '#224466');
  assert.match((await (await write(next, '#446622')).get('/admin/settings')).body, /446622/);
  assert.match((await oldAdmin.get('/admin/settings')).body, /446622/, 'the previous release reads the new one\'s write');
});
