// A copy with --db-read: a real streaming replica of the test cluster (pg_basebackup -R). Public
// pages read from it; what a person writes, they read back from the primary even while the
// replica is behind; and a replica that stops mid-test costs no error page.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

import { startServer, HttpClient, demoDatabase, REPO_ROOT, within } from '../integration/lib/server.mjs';
import { loginOk } from '../integration/lib/flows.mjs';
import { sql, value } from './lib/pg.mjs';

const execFileP = promisify(execFile);
const cluster = (verb) => execFileP(`${REPO_ROOT}/scripts/pg-test-cluster`, [verb], { timeout: 120_000 });

let made;
let replicaUrl;   // the replica's URL for the test database
let copy;

const metric = async (name) => {
  const text = await (await fetch(`${copy.baseUrl}/metrics`)).text();
  const m = new RegExp(`^${name} ([0-9.e+]+)$`, 'm').exec(text);
  return m ? Number(m[1]) : undefined;
};


before(async () => {
  made = await demoDatabase({ prefix: 'replica', password: 'replica test password' });
  const { stdout } = await cluster('replica-start');
  const url = new URL(stdout.trim());
  url.pathname = `/${made.db.name}`;
  replicaUrl = url.toString();
  await within(30_000, 'the replica has the test database', async () => {
    try { return (await value(replicaUrl, 'SELECT COUNT(*) FROM municipalities')) === '1'; } catch { return false; }
  });
  copy = await startServer({ db: made.db, migrate: false, env: { SYNERGEIA_DEMO: '1' }, args: ['--db-read', replicaUrl] });
});

after(async () => {
  await copy?.stop();
  await cluster('replica-stop').catch(() => {});
  await made?.db.drop();
});

describe('a streaming replica for reads', () => {
  test('public pages are read from the replica', async () => {
    await within(10_000, 'the replica is usable', async () => (await metric('synergeia_db_replica_usable')) === 1);
    const before = await metric('synergeia_db_replica_reads_total');
    const visitor = new HttpClient(copy.baseUrl);
    for (const path of ['/organisations', '/requests', '/organisations?q=σύλλογος']) {
      assert.equal((await visitor.get(path)).status, 200, path);
    }
    assert.ok((await metric('synergeia_db_replica_reads_total')) > before, 'the replica answered reads');
  });

  test('a write is read back at once by its writer, though the replica is stopped behind it', async () => {
    await sql(replicaUrl, 'SELECT pg_wal_replay_pause()');
    try {
      const admin = new HttpClient(copy.baseUrl);
      await loginOk(admin, made.demo.tenant_admin.email, made.demo.tenant_admin.password);
      const visitor = new HttpClient(copy.baseUrl);
      await visitor.get('/');  // a public read fills the caches while the replica is usable
      const res = await admin.submit('/admin/settings', { name_en: 'Kalamata Replica', brand_colour: '#5a2a6f' });
      assert.equal(res.status, 303);
      const page = await admin.get('/admin/settings');
      assert.match(page.body, /Kalamata Replica/, 'the writer sees the write');
      assert.match((await admin.get("/")).body, /theme\.css\?c=5a2a6f/, 'and the public page they open next');
      // A visitor's pages move to the primary once the watcher sees the replica behind.
      await within(5000, 'visitors still read the paused replica', async () =>
        (await metric('synergeia_db_replica_usable')) === 0 && /theme\.css\?c=5a2a6f/.test((await visitor.get("/")).body));
    } finally {
      await sql(replicaUrl, 'SELECT pg_wal_replay_resume()');
    }
    await within(10_000, 'the replica is used again once it caught up', async () => (await metric('synergeia_db_replica_usable')) === 1);
  });

  test('the replica lost mid-test: pages keep answering from the primary', async () => {
    const visitor = new HttpClient(copy.baseUrl);
    assert.equal((await visitor.get('/organisations')).status, 200);
    await cluster('replica-stop');
    // Searches nobody made before, so each one reads the database (no cache answers it).
    for (let i = 0; i < 20; i += 1) {
      for (const path of [`/organisations?q=lost${i}`, `/requests?q=lost${i}`, '/']) {
        const res = await visitor.get(path);
        assert.equal(res.status, 200, `${path} after the replica stopped (${i})`);
      }
    }
    await within(3000, 'the lost replica is still in use', async () => (await metric('synergeia_db_replica_usable')) === 0);
    assert.equal((await fetch(`${copy.baseUrl}/healthz`)).status, 200, 'the copy is healthy on its primary');
  });
});
