// A copy whose PostgreSQL database cannot be reached answers 503 on /healthz and on pages, in the
// visitor's language, and recovers on its own once the database is back. (SQLite is a file of the
// same host: it has no outage of this kind.)
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, backendFromEnv, sleep, psql } from './lib/server.mjs';

const postgres = backendFromEnv() !== 'sqlite';
let srv;

const admin = (sql) => psql(process.env.SYNERGEIA_TEST_PG_URL, sql);

before(async () => {
  if (postgres) srv = await startServer({ seed: true });
});

after(async () => {
  if (!srv) return;
  await admin(`ALTER DATABASE "${srv.db.name}" ALLOW_CONNECTIONS true`).catch(() => {});
  await srv.stop();
});

describe('the database away', { skip: !postgres && 'PostgreSQL only' }, () => {
  test('503 while it cannot be reached, in Greek, and back to 200 on its own', async () => {
    const visitor = new HttpClient(srv.baseUrl, { headers: { 'Accept-Language': 'el' } });
    assert.equal((await visitor.get('/organisations')).status, 200);
    await admin(`ALTER DATABASE "${srv.db.name}" ALLOW_CONNECTIONS false`);
    await admin(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${srv.db.name}'`);
    await sleep(200);
    // Searches nobody made before: no cache can answer them (what is cached still shows).
    const statuses = [];
    for (let i = 0; i < 6; i += 1) {
      const page = await visitor.get(`/${i % 2 ? 'requests' : 'organisations'}?q=outage${i}`);
      statuses.push(page.status);
      if (page.status === 503) {
        assert.match(page.body, /Προσωρινά μη διαθέσιμη/);
        assert.ok(page.headers.get('retry-after'));
      }
    }
    assert.ok(statuses.every((s) => s === 503), `pages while the database is away: ${statuses}`);
    assert.equal((await fetch(`${srv.baseUrl}/healthz`)).status, 503);
    const api = await fetch(`${srv.baseUrl}/api/v1/organisations?q=outage`);
    assert.equal(api.status, 503);
    assert.match(api.headers.get('content-type'), /problem\+json/);

    await admin(`ALTER DATABASE "${srv.db.name}" ALLOW_CONNECTIONS true`);
    const start = Date.now();
    for (;;) {
      const health = await fetch(`${srv.baseUrl}/healthz`);
      await health.arrayBuffer();
      if (health.status === 200) break;
      assert.ok(Date.now() - start < 10_000, 'not healthy again within 10 s');
      await sleep(100);
    }
    assert.equal((await visitor.get('/organisations')).status, 200);
    assert.equal((await visitor.get('/')).status, 200);
  });
});
