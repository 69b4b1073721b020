// Tenant isolation: several municipalities on one install, chosen by path (/m/<slug>/…) or by
// the Host header. An auditor reads only their own municipality's audit log; staff read none;
// an unknown municipality is a 404. Afterwards the audit hash chain verifies, and a changed
// entry is found.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { rm } from 'node:fs/promises';

import { startServer, runBinary, HttpClient, extractCsrf, saveHtml, demoDatabase } from './lib/server.mjs';
import { login, loginOk } from './lib/flows.mjs';

const execFileP = promisify(execFile);

let db;
let dir;
let demo;            // role → {email, password} in kalamata
const PASSWORD = 'κωδικός δήμου 2024';
const people = {
  peristeriAuditor: 'elegktis@peristeri.test',
  dokimiAuditor: 'elegktis@dokimi.test',
  peristeriAdmin: 'diaxeiristis@peristeri.test',
};

before(async () => {
  const made = await demoDatabase({ prefix: 'tenancy', password: PASSWORD });
  ({ db, dir, demo } = made);
  const { cli, pwFile } = made;
  // Καλαμάτα comes from the demo (no host name); two more are added with the CLI.
  await cli('tenant', 'add', '--elstat', '4701', '--name', 'Περιστερίου', '--name-en', 'Peristeri', '--slug', 'peristeri', '--host', 'peristeri.test');
  await cli('tenant', 'add', '--elstat', '9901', '--name', 'Δοκιμής', '--name-en', 'Dokimi', '--slug', 'dokimi', '--host', 'dokimi.test');
  await cli('user', 'add', '--email', people.peristeriAuditor, '--password-file', pwFile, '--role', 'auditor', '--tenant', 'peristeri', '--name', 'Ελεγκτής Περιστερίου');
  await cli('user', 'add', '--email', people.dokimiAuditor, '--password-file', pwFile, '--role', 'auditor', '--tenant', 'dokimi');
  await cli('user', 'add', '--email', people.peristeriAdmin, '--password-file', pwFile, '--role', 'tenant_admin', '--tenant', 'peristeri');
});

after(async () => {
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function ids(res) {
  assert.equal(res.status, 200, `audit API: ${res.status} ${res.body.slice(0, 200)}`);
  return new Set(res.json().items.map((i) => i.id));
}

async function allAuditItems(get, base) {
  // Follows the "next" cursor so a long log is compared whole.
  const items = [];
  let url = `${base}?limit=200`;
  for (let page = 0; page < 50; page += 1) {
    const res = await get(url);
    assert.equal(res.status, 200, `${url}: ${res.status} ${res.body.slice(0, 200)}`);
    const body = res.json();
    items.push(...body.items);
    if (!body.next) return items;
    url = `${base}?limit=200&cursor=${body.next}`;
  }
  throw new Error('audit paging did not end');
}

// ------------------------------------------------------------------ path tenancy

describe('path tenancy (/m/<slug>/…)', () => {
  let srv;
  before(async () => {
    srv = await startServer({ db, migrate: false, env: { SYNERGEIA_TENANCY: 'path' } });
  });
  after(() => srv?.stop());

  const at = (slug, path) => `/m/${slug}${path}`;

  test("peristeri's auditor reads peristeri's audit log and nobody else's", async () => {
    const c = new HttpClient(srv.baseUrl);
    const res = await loginOk(c, people.peristeriAuditor, PASSWORD, { prefix: '/m/peristeri' });
    assert.equal(new URL(res.location).pathname, '/m/peristeri/my', 'links stay inside the municipality');

    const page = await c.get(at('peristeri', '/audit'));
    assert.equal(page.status, 200);
    assert.match(page.body, /<table/);
    assert.match(page.body, /account\.login/, 'their own log-in is listed');
    await saveHtml('integration-audit', page.body);

    const other = await c.get(at('kalamata', '/audit'));
    assert.equal(other.status, 403, "kalamata's audit page is forbidden");
    const otherApi = await c.get(at('kalamata', '/api/v1/audit'));
    assert.equal(otherApi.status, 403);
    assert.match(otherApi.headers.get('content-type'), /^application\/problem\+json/);

    const meHere = (await c.get(at('peristeri', '/api/v1/me'))).json();
    assert.deepEqual(meHere.roles, ['auditor']);
    assert.equal(meHere.municipality.slug, 'peristeri');
    assert.equal(meHere.municipality.elstat_code, '4701');
    const meThere = (await c.get(at('kalamata', '/api/v1/me'))).json();
    assert.deepEqual(meThere.roles, [], 'the auditor role does not travel to another municipality');
  });

  test("kalamata's entries never appear in peristeri's audit API, and the other way round", async () => {
    const kal = new HttpClient(srv.baseUrl);
    await loginOk(kal, demo.auditor.email, demo.auditor.password, { prefix: '/m/kalamata' });
    const per = new HttpClient(srv.baseUrl);
    await loginOk(per, people.peristeriAuditor, PASSWORD, { prefix: '/m/peristeri' });
    const kalId = (await kal.get(at('kalamata', '/api/v1/me'))).json().id;
    const perTenant = (await per.get(at('peristeri', '/api/v1/me'))).json().municipality.id;

    const kalItems = await allAuditItems((u) => kal.get(u), at('kalamata', '/api/v1/audit'));
    const perItems = await allAuditItems((u) => per.get(u), at('peristeri', '/api/v1/audit'));
    assert.ok(kalItems.some((i) => i.action === 'account.login' && i.subject === `user:${kalId}`), "kalamata sees its auditor's log-in");
    assert.ok(perItems.some((i) => i.action === 'tenant.created' && i.subject === `municipality:${perTenant}`), 'peristeri sees its own creation');
    const kalIds = new Set(kalItems.map((i) => i.id));
    const shared = perItems.filter((i) => kalIds.has(i.id));
    assert.deepEqual(shared, [], 'no entry is in both logs');
    assert.ok(!perItems.some((i) => i.subject === `user:${kalId}`), "nothing about kalamata's auditor in peristeri's log");

    // The operator may read every municipality, and still sees each one's own entries only.
    const op = new HttpClient(srv.baseUrl);
    await loginOk(op, demo.operator.email, demo.operator.password, { prefix: '/m/peristeri' });
    assert.deepEqual(ids(await op.get(at('peristeri', '/api/v1/audit?limit=200'))), ids(await per.get(at('peristeri', '/api/v1/audit?limit=200'))));
    assert.deepEqual(ids(await op.get(at('kalamata', '/api/v1/audit?limit=200'))), ids(await kal.get(at('kalamata', '/api/v1/audit?limit=200'))));
  });

  test('the audit filters narrow the list and reject nonsense', async () => {
    const c = new HttpClient(srv.baseUrl);
    await loginOk(c, demo.auditor.email, demo.auditor.password, { prefix: '/m/kalamata' });
    const myId = (await c.get(at('kalamata', '/api/v1/me'))).json().id;
    const all = (await c.get(at('kalamata', '/api/v1/audit?limit=200'))).json().items;
    assert.ok(all.some((i) => !i.action.startsWith('account.login')), 'the unfiltered list has other actions');

    const logins = (await c.get(at('kalamata', '/api/v1/audit?action=account.login&limit=200'))).json().items;
    assert.ok(logins.length > 0);
    assert.ok(logins.every((i) => i.action.startsWith('account.login')), 'action filter');
    const mine = (await c.get(at('kalamata', `/api/v1/audit?actor=${myId}&limit=200`))).json().items;
    assert.ok(mine.length > 0 && mine.every((i) => i.actor_user_id === myId), 'actor filter');
    const today = new Date().toISOString().slice(0, 10);
    const now = (await c.get(at('kalamata', `/api/v1/audit?from=${today}&to=${today}&limit=200`))).json().items;
    assert.equal(now.length, all.length, 'everything happened today');
    const past = (await c.get(at('kalamata', '/api/v1/audit?from=2001-01-01&to=2001-12-31'))).json().items;
    assert.deepEqual(past, [], 'nothing in 2001');

    const bad = await c.get(at('kalamata', '/api/v1/audit?from=yesterday&actor=abc'));
    assert.equal(bad.status, 422);
    assert.deepEqual(bad.json().errors.map((e) => e.field).sort(), ['actor', 'from']);
    for (const limit of ['abc', '0', '201', '12abc', '-1']) {
      const r = await c.get(at('kalamata', `/api/v1/audit?limit=${limit}`));
      assert.equal(r.status, 422, `limit=${limit} is refused`);
      assert.deepEqual(r.json().errors.map((e) => e.field), ['limit']);
    }
    assert.equal((await c.get(at('kalamata', '/api/v1/audit?limit=200'))).status, 200);
    for (const cursor of ['12abc', 'abc', '-5', '0']) {
      const r = await c.get(at('kalamata', `/api/v1/audit?cursor=${cursor}`));
      assert.equal(r.status, 400, `cursor=${cursor} is refused`);
      assert.match(r.headers.get('content-type') || '', /^application\/problem\+json/);
    }
    const badPage = await c.get(at('kalamata', '/audit?from=yesterday'));
    assert.equal(badPage.status, 422);
    assert.match(badPage.body, /href="#from"/, 'the page shows the error summary');
  });

  test('staff of kalamata cannot read either audit log', async () => {
    const c = new HttpClient(srv.baseUrl);
    await loginOk(c, demo.staff.email, demo.staff.password, { prefix: '/m/kalamata' });
    assert.equal((await c.get(at('kalamata', '/audit'))).status, 403);
    assert.equal((await c.get(at('kalamata', '/api/v1/audit'))).status, 403);
    assert.equal((await c.get(at('peristeri', '/audit'))).status, 403);
    const visitor = await new HttpClient(srv.baseUrl).get(at('kalamata', '/api/v1/audit'));
    assert.equal(visitor.status, 401, 'a visitor is asked to authenticate');
  });

  test("peristeri's administrator can neither see nor change kalamata's people and units", async () => {
    const kalamataAdmin = new HttpClient(srv.baseUrl);
    await loginOk(kalamataAdmin, demo.tenant_admin.email, demo.tenant_admin.password, { prefix: '/m/kalamata' });
    const theirList = (await kalamataAdmin.get(at('kalamata', '/admin/people'))).body;
    const staffRow = [...theirList.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => r.includes(demo.staff.email));
    const staffPath = /href="\/m\/kalamata(\/admin\/people\/\d+)"/.exec(staffRow)[1];
    const unitId = /href="\/m\/kalamata\/admin\/units\/(\d+)"/.exec((await kalamataAdmin.get(at('kalamata', '/admin/units'))).body)[1];

    const c = new HttpClient(srv.baseUrl);
    await loginOk(c, people.peristeriAdmin, PASSWORD, { prefix: '/m/peristeri' });
    const mine = await c.get(at('peristeri', '/admin/people'));
    assert.equal(mine.status, 200);
    assert.doesNotMatch(mine.body, /demo\.synergeia\.gr/, 'none of kalamata\'s people');
    assert.equal((await c.get(at('kalamata', '/admin/people'))).status, 403, 'no role in kalamata');
    assert.equal((await c.get(at('peristeri', staffPath))).status, 404);
    const form = at('peristeri', '/admin/people/invite');
    assert.equal((await c.submit(at('peristeri', `${staffPath}/grants`), { role: 'auditor', unit_id: '' }, { formPath: form })).status, 404);
    assert.equal((await c.submit(at('peristeri', `${staffPath}/deactivate`), {}, { formPath: form })).status, 404);
    assert.equal((await c.submit(at('peristeri', `/admin/units/${unitId}/retire`), {}, { formPath: form })).status, 404);
    const viaUnit = await c.submit(form, { email: 'kapoios@peristeri.test', display_name: 'Κάποιος', role: 'staff', unit_id: unitId });
    assert.equal(viaUnit.status, 422, 'a unit of kalamata is no unit of peristeri');
    assert.match((await kalamataAdmin.get(at('kalamata', staffPath))).body, /Προσωπικό του Δήμου/, 'kalamata\'s staff keep their roles');
  });

  test('an unknown municipality is a 404', async () => {
    const c = new HttpClient(srv.baseUrl);
    assert.equal((await c.get('/m/nowhere/login')).status, 404);
    assert.equal((await c.get('/m/nowhere/api/v1/audit')).status, 404);
    assert.equal((await c.get('/login')).status, 404, 'no municipality without the prefix');
    assert.equal((await c.get('/m/kalamata/login')).status, 200, 'the known one answers');
    assert.equal((await c.get('/m/peristeri/login')).status, 200);
  });
});

// ------------------------------------------------------------------ host tenancy

/** A small cookie-keeping client that can set the Host header, which fetch() cannot. */
class HostClient {
  constructor(port) {
    this.port = port;
    this.jar = new Map();
  }

  request(host, method, path, form) {
    const body = form ? new URLSearchParams(form).toString() : undefined;
    const headers = { host };
    if (this.jar.size) headers.cookie = [...this.jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (body !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      headers['content-length'] = Buffer.byteLength(body);
    }
    return new Promise((resolve, reject) => {
      const req = httpRequest({ host: '127.0.0.1', port: this.port, method, path, headers }, (res) => {
        const chunks = [];
        res.on('data', (d) => chunks.push(d));
        res.on('end', () => {
          for (const line of res.headers['set-cookie'] || []) {
            const [pair] = line.split(';');
            const eq = pair.indexOf('=');
            const name = pair.slice(0, eq).trim();
            if (/max-age=0/i.test(line)) this.jar.delete(name); else this.jar.set(name, pair.slice(eq + 1).trim());
          }
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode, headers: res.headers, body: text, json: () => JSON.parse(text) });
        });
      });
      req.on('error', reject);
      req.end(body);
    });
  }

  get(host, path) { return this.request(host, 'GET', path); }

  async submit(host, path, fields) {
    const page = await this.get(host, path);
    const csrf = extractCsrf(page.body);
    assert.ok(csrf, `no _csrf on ${host}${path} (${page.status})`);
    return this.request(host, 'POST', path, { ...fields, _csrf: csrf });
  }
}

describe('host tenancy (Host header)', () => {
  let srv;
  before(async () => {
    srv = await startServer({ db, migrate: false, env: { SYNERGEIA_TENANCY: 'host' } });
  });
  after(() => srv?.stop());

  test('each host name is its own municipality; unknown hosts get 404', async () => {
    const c = new HostClient(srv.port);
    const per = await c.get('peristeri.test', '/login');
    assert.equal(per.status, 200);
    assert.match(per.body, /Περιστερίου/);
    const withPort = await c.get('peristeri.test:8443', '/login');
    assert.equal(withPort.status, 200, 'a port in the Host header is ignored');
    assert.match(withPort.body, /Περιστερίου/);
    const dok = await c.get('dokimi.test', '/login');
    assert.equal(dok.status, 200);
    assert.match(dok.body, /Δοκιμής/);
    assert.doesNotMatch(dok.body, /Περιστερίου/);
    assert.equal((await c.get('unknown.example', '/login')).status, 404);
    assert.equal((await c.get('127.0.0.1', '/login')).status, 404, 'an address with no municipality');
    assert.equal((await c.get('peristeri.test.evil.example', '/login')).status, 404, 'no suffix matching');
    // A host name is the same in any case, and with the trailing dot of its fully qualified form.
    for (const host of ['Peristeri.TEST', 'peristeri.test.', 'PERISTERI.TEST.:8443']) {
      const same = await c.get(host, '/login');
      assert.equal(same.status, 200, host);
      assert.match(same.body, /Περιστερίου/, host);
    }
  });

  test("an auditor's session does not open another host's audit log", async () => {
    const c = new HostClient(srv.port);
    const res = await c.submit('peristeri.test', '/login', { email: people.peristeriAuditor, password: PASSWORD });
    assert.equal(res.status, 303, `log-in: ${res.status}`);
    assert.ok(c.jar.get('sid'));
    const own = await c.get('peristeri.test', '/audit');
    assert.equal(own.status, 200);
    // The same cookie presented to another host (as a shared parent-domain cookie would be).
    assert.equal((await c.get('dokimi.test', '/audit')).status, 403);
    assert.equal((await c.get('dokimi.test', '/api/v1/audit')).status, 403);

    const d = new HostClient(srv.port);
    const res2 = await d.submit('dokimi.test', '/login', { email: people.dokimiAuditor, password: PASSWORD });
    assert.equal(res2.status, 303);
    const perIds = ids(await c.get('peristeri.test', '/api/v1/audit?limit=200'));
    const dokIds = ids(await d.get('dokimi.test', '/api/v1/audit?limit=200'));
    assert.ok(perIds.size > 0 && dokIds.size > 0);
    assert.deepEqual([...perIds].filter((id) => dokIds.has(id)), [], 'no entry is in both logs');
  });
});

// ------------------------------------------------------------------ audit chain

describe('audit chain', () => {
  async function sql(statement) {
    if (db.backend === 'sqlite') {
      await execFileP('sqlite3', [db.url.slice('sqlite:'.length), statement]);
    } else {
      await execFileP('psql', [db.url, '-v', 'ON_ERROR_STOP=1', '-qAtc', statement]);
    }
  }

  test('`audit verify` says intact after all that activity, and finds a changed entry', async () => {
    const ok = await runBinary(['audit', 'verify', '--db', db.url], { check: false });
    assert.equal(ok.code, 0, ok.stderr + ok.stdout);
    assert.match(ok.stdout, /intact/);

    // The log is append-only: a plain UPDATE is refused by the database itself.
    await assert.rejects(sql("UPDATE audit_log SET subject = 'user:999' WHERE id = 3"), /append-only/);
    // Someone with the power to drop the guard can change an entry, but not unnoticed.
    const drop = db.backend === 'sqlite'
      ? 'DROP TRIGGER audit_log_no_update'
      : 'ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only';
    await sql(`${drop}; UPDATE audit_log SET subject = 'user:999' WHERE id = 3`);
    const broken = await runBinary(['audit', 'verify', '--db', db.url], { check: false });
    assert.equal(broken.code, 1, broken.stdout + broken.stderr);
    assert.match(broken.stdout, /BROKEN at entry 3\b/);
  });
});
