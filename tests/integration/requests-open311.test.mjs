// Open311 GeoReport v2 at /open311/v2/, through HTTP against the real binary (SQLite, or
// PostgreSQL with SYNERGEIA_TEST_DB_BACKEND=postgres). Two municipalities on one install
// (Καλαμάτα from the demo, Περιστέρι added with the CLI), chosen by ?jurisdiction_id=<slug>:
//   - discovery, services and service definitions, in .json and .xml;
//   - a POST without a valid API key is refused (403, the spec's error format) and saves nothing;
//     bad input gets 400/404 in the same format; a good POST answers service_request_id;
//   - GET requests with the spec's filters; private and merged requests never appear, nor any
//     personal data;
//   - a request of one municipality never appears under the other's jurisdiction_id;
//   - every JSON answer validates against ../shared/data/open311-georeport-v2 (skipped when it is
//     absent), and every XML answer is well-formed and carries the same data as the JSON one.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

import { startServer, HttpClient, REPO_ROOT, demoDatabase, sleep } from './lib/server.mjs';
import { loginOk, writeConfig } from './lib/flows.mjs';

const SCHEMA_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'open311-georeport-v2');
const PASSWORD = 'κωδικός δήμου 2024';
const PERISTERI_ADMIN = 'diaxeiristis@peristeri.test';
const DAY = 86400;

let db;
let dir;
let srv;
let demo;
let config;
const keys = {};   // slug → API key issued by that municipality's administrator
const admins = {}; // slug → logged-in tenant administrator (HttpClient, path prefix /m/<slug>)

// Every JSON answer of the file, checked against the schemas by the last test: {kind, path, body}.
const answers = [];

before(async () => {
  config = await writeConfig('login_limit_per_ip = 1000\n');
  const made = await demoDatabase({ prefix: 'open311', password: PASSWORD, env: { SYNERGEIA_CONFIG: config } });
  ({ db, dir, demo } = made);
  const { cli, pwFile } = made;
  await cli('tenant', 'add', '--elstat', '4701', '--name', 'Περιστερίου', '--name-en', 'Peristeri', '--slug', 'peristeri', '--host', 'peristeri.test');
  // The same departments and types as the demo, and some requests of Περιστέρι's own.
  await cli('requests', 'generate', '--tenant', 'peristeri', '--count', '40', '--years', '1', '--seed', '4701');
  await cli('user', 'add', '--email', PERISTERI_ADMIN, '--password-file', pwFile, '--role', 'tenant_admin', '--tenant', 'peristeri', '--name', 'Διαχειριστής Περιστερίου');

  // Path tenancy: pages live under /m/<slug>/, while Open311 clients call /open311/v2/ and name
  // the municipality with jurisdiction_id.
  srv = await startServer({ db, migrate: false, env: { SYNERGEIA_TENANCY: 'path', SYNERGEIA_CONFIG: config } });
  admins.kalamata = await adminOf('kalamata', demo.tenant_admin.email, demo.tenant_admin.password);
  admins.peristeri = await adminOf('peristeri', PERISTERI_ADMIN, PASSWORD);
  keys.kalamata = await issueKey(admins.kalamata, 'kalamata');
  keys.peristeri = await issueKey(admins.peristeri, 'peristeri');
});

after(async () => {
  await srv?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

async function adminOf(slug, email, password) {
  const c = new HttpClient(srv.baseUrl);
  await loginOk(c, email, password, { prefix: `/m/${slug}` });
  c.prefix = `/m/${slug}`;
  return c;
}

async function issueKey(admin, slug) {
  const res = await admin.submit(`/m/${slug}/admin/requests/api-keys`, { name: `Εφαρμογή δοκιμής ${slug}` });
  assert.equal(res.status, 200, `issuing a key in ${slug}: ${res.status} ${res.body.slice(0, 300)}`);
  const key = /<code class="api-key">([^<]+)<\/code>/.exec(res.body)?.[1];
  assert.ok(key, `the key is shown once in ${slug}`);
  return key;
}

/** Every request of a municipality as its administrator's staff queue shows them (JSON API v1). */
async function allRequests(slug) {
  const out = [];
  for (let page = 1; page < 100; page += 1) {
    const res = await admins[slug].get(`/m/${slug}/api/v1/requests?per_page=100&page=${page}`);
    assert.equal(res.status, 200, `the queue of ${slug}: ${res.status} ${res.body.slice(0, 300)}`);
    const body = res.json();
    out.push(...body.items);
    if (page >= body.pages) return out;
  }
  throw new Error('queue paging did not end');
}

const CONTAINERS = {
  services: 'service', service_requests: 'request', errors: 'error', endpoints: 'endpoint', formats: 'format', attributes: 'attribute', values: 'value',
};

function parseXml(text, what) {
  assert.match(text, /^<\?xml version="1\.0" encoding="UTF-8"\?>/, `${what}: the XML declaration with its encoding`);
  const valid = XMLValidator.validate(text);
  assert.equal(valid, true, `${what}: well-formed XML (${JSON.stringify(valid)})`);
  const parser = new XMLParser({
    ignoreAttributes: true,
    ignoreDeclaration: true,
    parseTagValue: false,
    trimValues: false,
    isArray: (name, jpath) => {
      const parts = String(jpath).split('.');
      return CONTAINERS[parts[parts.length - 2]] === name;
    },
  });
  return parser.parse(text);
}

/** The XML element (as fast-xml-parser reads it) carries the same data as the JSON value. */
function assertSameData(xml, json, name, path) {
  if (json === null) {
    assert.equal(xml, '', `${path}: null is an empty element`);
  } else if (Array.isArray(json)) {
    if (json.length === 0) {
      assert.equal(xml, '', `${path}: an empty list is an empty element`);
      return;
    }
    const item = CONTAINERS[name];
    assert.ok(item, `${path}: <${name}> is a known container`);
    assert.deepEqual(Object.keys(xml), [item], `${path}: <${name}> holds only <${item}> elements`);
    assert.equal(xml[item].length, json.length, `${path}: as many <${item}> as JSON items`);
    json.forEach((v, i) => assertSameData(xml[item][i], v, item, `${path}[${i}]`));
  } else if (typeof json === 'object') {
    assert.equal(typeof xml, 'object', `${path}: an element with children`);
    assert.deepEqual(Object.keys(xml).sort(), Object.keys(json).sort(), `${path}: the same fields`);
    for (const [k, v] of Object.entries(json)) assertSameData(xml[k], v, k, `${path}.${k}`);
  } else if (typeof json === 'number') {
    assert.equal(Number(xml), json, `${path}: the same number`);
  } else {
    assert.equal(xml, String(json), `${path}: the same text`);
  }
}

function assertContentType(res, format) {
  // JSON has no charset parameter (RFC 8259 defines none); XML names UTF-8 (RFC 7303).
  const expected = format === 'json' ? 'application/json' : 'text/xml; charset=utf-8';
  assert.equal(res.headers.get('content-type'), expected, `${res.url}: the spec's content type`);
}

/**
 * GETs path.json and path.xml (query appended), checks both answer the same status, content
 * types and data, records the JSON for the schema test, and returns {status, body}.
 */
async function getBoth(path, query = {}, { kind, root, status = 200, client = new HttpClient(srv.baseUrl) } = {}) {
  const qs = new URLSearchParams(query).toString();
  const json = await client.get(`${path}.json${qs ? `?${qs}` : ''}`);
  const xml = await client.get(`${path}.xml${qs ? `?${qs}` : ''}`);
  assert.equal(json.status, status, `${path}.json?${qs}: ${json.status} ${json.body.slice(0, 300)}`);
  assert.equal(xml.status, status, `${path}.xml?${qs}: ${xml.status} ${xml.body.slice(0, 300)}`);
  assertContentType(json, 'json');
  assertContentType(xml, 'xml');
  const body = json.json();
  const xmlRoot = status >= 400 ? 'errors' : root;
  const parsed = parseXml(xml.body, `${path}.xml`);
  assert.deepEqual(Object.keys(parsed), [xmlRoot], `${path}.xml: the root element is <${xmlRoot}>`);
  assertSameData(parsed[xmlRoot], body, xmlRoot, `${path}.xml`);
  answers.push({ kind: status >= 400 ? 'errors' : kind, path: `${path}.json?${qs}`, body });
  return { status: json.status, body, xml: xml.body, json: json.body };
}

function assertSpecError(body, code, what) {
  assert.ok(Array.isArray(body) && body.length >= 1, `${what}: an array of errors`);
  for (const e of body) {
    assert.equal(e.code, code, `${what}: code ${code}`);
    assert.equal(typeof e.description, 'string');
    assert.ok(e.description.length > 0, `${what}: a description`);
  }
}

/** POSTs a service request form in one format; returns {res, body} (body: JSON or parsed XML). */
async function post(fields, { format = 'json', path = '/open311/v2/requests', headers = {}, raw, query } = {}) {
  const c = new HttpClient(srv.baseUrl);
  const url = `${path}.${format}${query ? `?${query}` : ''}`;
  const res = raw !== undefined
    ? await c.request('POST', url, { body: raw, headers })
    : await c.request('POST', url, { form: fields, headers });
  assertContentType(res, format);
  if (format === 'json') {
    const body = res.json();
    answers.push({ kind: res.status >= 400 ? 'errors' : 'post', path: `POST ${path}.json`, body });
    return { res, body };
  }
  return { res, body: parseXml(res.body, `POST ${path}.xml`) };
}

async function queueTotal(slug) {
  const res = await admins[slug].get(`/m/${slug}/api/v1/requests?per_page=1`);
  assert.equal(res.status, 200, res.body.slice(0, 300));
  return res.json().total;
}

const w3c = (unix) => new Date(unix * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
const PERSONAL = {
  email: 'mystiko.email@example.gr', first_name: 'Ευστάθιος', last_name: 'Κρυφόπουλος', phone: '6912345678',
  device_id: 'syskevi-123', account_id: 'logariasmos-456',
};

// ---------------------------------------------------------------- discovery and services

describe('discovery and services', () => {
  test('discovery names the GeoReport v2 endpoint and both formats', async () => {
    const { body } = await getBoth('/open311/v2/discovery', { jurisdiction_id: 'kalamata' }, { kind: 'discovery', root: 'discovery' });
    for (const field of ['changeset', 'contact', 'key_service']) assert.ok(body[field], `discovery has ${field}`);
    assert.equal(body.endpoints.length, 1);
    const [endpoint] = body.endpoints;
    assert.equal(endpoint.specification, 'http://wiki.open311.org/GeoReport_v2');
    assert.equal(endpoint.url, `${srv.baseUrl}/open311/v2`);
    assert.equal(endpoint.type, 'production');
    assert.deepEqual(endpoint.formats, ['text/xml', 'application/json']);
    // The same document is at the municipality's own address.
    await getBoth('/m/peristeri/open311/v2/discovery', {}, { kind: 'discovery', root: 'discovery' });
  });

  test('services list the active request types, with a service definition each', async () => {
    const { body } = await getBoth('/open311/v2/services', { jurisdiction_id: 'kalamata' }, { kind: 'services', root: 'services' });
    assert.ok(body.length >= 6, `the demo's six types: ${body.length}`);
    const problem = body.find((s) => s.service_code === 'local-problem');
    assert.ok(problem, 'the local problem report is a service');
    assert.equal(problem.metadata, false);
    assert.equal(problem.type, 'realtime');
    assert.match(problem.service_name, /[α-ω]/i, 'the Greek name');
    assert.ok(problem.group, 'the department is the group');
    for (const s of body) {
      const def = await getBoth(`/open311/v2/services/${encodeURIComponent(s.service_code)}`, { jurisdiction_id: 'kalamata' },
        { kind: 'service-definition', root: 'service_definition' });
      assert.deepEqual(def.body, { service_code: s.service_code, attributes: [] });
    }
    const unknown = await getBoth('/open311/v2/services/no-such-service', { jurisdiction_id: 'kalamata' }, { status: 404 });
    assertSpecError(unknown.body, 404, 'an unknown service_code');
    const csv = await new HttpClient(srv.baseUrl).get('/open311/v2/services/local-problem.csv?jurisdiction_id=kalamata');
    assert.equal(csv.status, 404);
  });
});

// ---------------------------------------------------------------- jurisdictions

describe('jurisdiction_id', () => {
  test('an unknown, missing or contradicting jurisdiction_id is refused in the spec format', async () => {
    const unknown = await getBoth('/open311/v2/services', { jurisdiction_id: 'atlantida' }, { status: 404 });
    assertSpecError(unknown.body, 404, 'an unknown jurisdiction');
    assert.match(unknown.body[0].description, /atlantida/);
    // Under path tenancy the bare address serves no municipality until jurisdiction_id names one.
    const missing = await getBoth('/open311/v2/requests', {}, { status: 400 });
    assertSpecError(missing.body, 400, 'no jurisdiction');
    assert.match(missing.body[0].description, /jurisdiction_id/);
    // /m/kalamata/ chose Καλαμάτα: jurisdiction_id may repeat it, not name another.
    await getBoth('/m/kalamata/open311/v2/services', { jurisdiction_id: 'kalamata' }, { kind: 'services', root: 'services' });
    const other = await getBoth('/m/kalamata/open311/v2/services', { jurisdiction_id: 'peristeri' }, { status: 404 });
    assertSpecError(other.body, 404, 'another municipality than the address');
    const posted = await post({ api_key: keys.kalamata, jurisdiction_id: 'atlantida', service_code: 'local-problem', lat: '37.04', long: '22.11', description: 'x' });
    assert.equal(posted.res.status, 404);
    assertSpecError(posted.body, 404, 'POST to an unknown jurisdiction (named in the body)');
  });

  test("a request of one municipality never appears under the other's jurisdiction_id", async () => {
    const made = {};
    for (const slug of ['kalamata', 'peristeri']) {
      const { res, body } = await post({
        api_key: keys[slug], jurisdiction_id: slug, service_code: 'local-problem', lat: '37.9839', long: '23.6878',
        address_string: `Οδός Δοκιμής 1, ${slug}`, description: `Σπασμένο φανάρι στη γειτονιά (${slug}).`,
      });
      assert.equal(res.status, 200, `POST in ${slug}: ${JSON.stringify(body)}`);
      made[slug] = body[0].service_request_id;
    }
    const kalamata = await allRequests('kalamata');
    const peristeri = await allRequests('peristeri');
    const ids = { kalamata: new Set(kalamata.map((r) => String(r.id))), peristeri: new Set(peristeri.map((r) => String(r.id))) };
    assert.ok(ids.kalamata.has(made.kalamata) && ids.peristeri.has(made.peristeri));
    assert.ok(!ids.kalamata.has(made.peristeri) && !ids.peristeri.has(made.kalamata));

    for (const [slug, other] of [['kalamata', 'peristeri'], ['peristeri', 'kalamata']]) {
      const listed = (await getBoth('/open311/v2/requests', { jurisdiction_id: slug }, { kind: 'requests', root: 'service_requests' })).body;
      assert.ok(listed.some((r) => r.service_request_id === made[slug]), `${slug} lists its own new request`);
      const strays = listed.filter((r) => ids[other].has(r.service_request_id));
      assert.deepEqual(strays, [], `none of ${other}'s requests under jurisdiction_id=${slug}`);
      // Asked for by id, the other's requests are not found here.
      const theirs = [...ids[other]].slice(0, 50);
      const byId = await getBoth('/open311/v2/requests', { jurisdiction_id: slug, service_request_id: theirs.join(',') }, { kind: 'requests', root: 'service_requests' });
      assert.deepEqual(byId.body, []);
      const one = await getBoth(`/open311/v2/requests/${made[other]}`, { jurisdiction_id: slug }, { status: 404 });
      assertSpecError(one.body, 404, `${other}'s request under ${slug}`);
    }
    // A key works only in the municipality that issued it.
    const foreign = await post({ api_key: keys.peristeri, jurisdiction_id: 'kalamata', service_code: 'local-problem', lat: '37.04', long: '22.11', description: 'Ξένο κλειδί.' });
    assert.equal(foreign.res.status, 403);
    assertSpecError(foreign.body, 403, "peristeri's key in kalamata");
  });
});

// ---------------------------------------------------------------- POST requests

describe('POST requests', () => {
  const good = () => ({
    api_key: keys.kalamata, jurisdiction_id: 'kalamata', service_code: 'local-problem',
    lat: '37.0391', long: '22.1142', address_string: 'Αριστομένους 25, Καλαμάτα',
    description: 'Λακκούβα <μεγάλη> & επικίνδυνη στη διασταύρωση.', ...PERSONAL,
  });

  test('without a valid API key: 403 in the spec format, and nothing is saved', async () => {
    const before = await queueTotal('kalamata');
    const { api_key: _, ...withoutKey } = good();
    for (const format of ['json', 'xml']) {
      const cases = [
        ['no api_key', withoutKey],
        ['an invented api_key', { ...withoutKey, api_key: 'o311_invented-key-that-was-never-issued-000000000' }],
        ['a malformed api_key', { ...withoutKey, api_key: 'x' }],
      ];
      for (const [what, fields] of cases) {
        const { res, body } = await post(fields, { format });
        assert.equal(res.status, 403, `${what} (${format}): ${res.status} ${res.body.slice(0, 200)}`);
        if (format === 'json') assertSpecError(body, 403, what);
        else {
          assert.equal(body.errors.error.length, 1);
          assert.equal(body.errors.error[0].code, '403');
          assert.ok(body.errors.error[0].description.length > 0);
        }
      }
    }
    // A revoked key is refused too: issue one, revoke it on the keys page, try it.
    const revoked = await issueKey(admins.kalamata, 'kalamata');
    const page = await admins.kalamata.get('/m/kalamata/admin/requests/api-keys');
    const forms = [...page.body.matchAll(/action="([^"]*\/api-keys\/(\d+)\/revoke)"/g)].map((m) => ({ action: m[1], id: Number(m[2]) }));
    assert.ok(forms.length >= 2, 'each live key has a revoke button');
    const newest = forms.sort((a, b) => b.id - a.id)[0];
    const res = await admins.kalamata.submit(newest.action, {}, { formPath: '/m/kalamata/admin/requests/api-keys' });
    assert.equal(res.status, 303, `revoking: ${res.status}`);
    const refused = await post({ ...withoutKey, api_key: revoked });
    assert.equal(refused.res.status, 403);
    assertSpecError(refused.body, 403, 'a revoked key');
    assert.equal(await queueTotal('kalamata'), before, 'no request was saved');
  });

  test('bad input: 400 or 404 in the spec format, and nothing is saved', async () => {
    const before = await queueTotal('kalamata');
    const cases = [
      ['no service_code', { ...good(), service_code: '' }, 400],
      ['an unknown service_code', { ...good(), service_code: 'no-such-service' }, 404],
      ['no location at all', { ...good(), lat: '', long: '', address_string: '' }, 400],
      ['coordinates outside Greece', { ...good(), lat: '48.85', long: '2.35' }, 400],
      ['lat without long', { ...good(), long: '', address_string: '' }, 400],
      ['an invalid e-mail', { ...good(), email: 'not-an-address' }, 400],
      ['no description', { ...good(), description: '' }, 400],
    ];
    for (const [what, fields, status] of cases) {
      for (const format of ['json', 'xml']) {
        const { res, body } = await post(fields, { format });
        assert.equal(res.status, status, `${what} (${format}): ${res.status} ${res.body.slice(0, 300)}`);
        if (format === 'json') assertSpecError(body, status, what);
        else assert.ok(body.errors.error.every((e) => e.code === String(status) && e.description.length > 0), what);
      }
    }
    const notForm = await post(undefined, { raw: JSON.stringify(good()), headers: { 'content-type': 'application/json' } });
    assert.equal(notForm.res.status, 400);
    assertSpecError(notForm.body, 400, 'a JSON body');
    assert.equal(await queueTotal('kalamata'), before, 'no request was saved');
  });

  test('a good POST answers service_request_id, and the request reads back without personal data', async () => {
    const before = await queueTotal('kalamata');
    const { res, body } = await post(good());
    assert.equal(res.status, 200, JSON.stringify(body));
    assert.equal(body.length, 1);
    const [created] = body;
    assert.match(created.service_request_id, /^\d+$/);
    assert.equal(created.token, undefined, 'the spec: no token when service_request_id is returned');
    assert.equal(created.account_id, undefined, 'no accounts for Open311 submitters: "may not be returned"');
    assert.deepEqual(Object.keys(created), ['service_request_id']);
    const xml = await post({ ...good(), description: 'Δεύτερη αναφορά, σε XML.' }, { format: 'xml' });
    assert.equal(xml.res.status, 200, xml.res.body);
    const [xmlCreated] = xml.body.service_requests.request;
    assert.match(xmlCreated.service_request_id, /^\d+$/);
    assert.deepEqual(Object.keys(xmlCreated), ['service_request_id']);
    assert.equal(await queueTotal('kalamata'), before + 2, 'both were saved');

    const one = await getBoth(`/open311/v2/requests/${created.service_request_id}`, { jurisdiction_id: 'kalamata' }, { kind: 'requests', root: 'service_requests' });
    assert.equal(one.body.length, 1);
    const r = one.body[0];
    assert.equal(r.service_request_id, created.service_request_id);
    assert.equal(r.status, 'open');
    assert.equal(r.service_code, 'local-problem');
    assert.ok(r.service_name && r.agency_responsible);
    assert.equal(r.description, 'Λακκούβα <μεγάλη> & επικίνδυνη στη διασταύρωση.');
    assert.equal(r.address, 'Αριστομένους 25, Καλαμάτα');
    assert.equal(r.lat, 37.0391);
    assert.equal(r.long, 22.1142);
    assert.match(r.requested_datetime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    assert.match(r.expected_datetime, /^\d{4}-\d\d-\d\dT23:59:59\+0[23]:00$/, 'due at the end of a working day in Athens');
    assert.ok(Date.parse(r.expected_datetime) > Date.parse(r.requested_datetime));
    assert.match(one.xml, /Λακκούβα &lt;μεγάλη&gt; &amp; επικίνδυνη/, 'escaped in the XML');

    const list = await getBoth('/open311/v2/requests', { jurisdiction_id: 'kalamata' }, { kind: 'requests', root: 'service_requests' });
    assert.ok(list.body.some((x) => x.service_request_id === created.service_request_id), 'listed among the last 90 days');
    for (const text of [one.json, one.xml, list.json, list.xml]) {
      for (const [field, value] of Object.entries(PERSONAL)) assert.ok(!text.includes(value), `the ${field} never appears`);
    }
  });

  test('a type the administrator withdraws takes no more reports, and comes back when restored', async () => {
    // The POST reads the municipality's types from a cache; a change of configuration must reach it.
    const admin = admins.kalamata;
    const code = `temporary-${process.pid}`;
    const form = await admin.get('/m/kalamata/admin/requests/types/new');
    const department = /<select[^>]*name="department_id"[^>]*>[\s\S]*?<option[^>]*value="(\d+)"/.exec(form.body)?.[1];
    assert.ok(department, 'the type form offers a department');
    const fields = (active) => ({
      code, name_el: 'Προσωρινός τύπος', name_en: 'Temporary type', description_el: '', description_en: '',
      department_id: department, deadline_days: '5', position: '300', ...(active ? { active: '1' } : {}),
    });
    const added = await admin.submit('/m/kalamata/admin/requests/types/new', fields(true));
    assert.equal(added.status, 303, added.body.slice(0, 300));
    const list = await admin.get('/m/kalamata/admin/requests/types');
    const id = new RegExp(`href="/m/kalamata/admin/requests/types/(\\d+)"[^>]*>[^<]*(?:<[^>]+>)*[^<]*Προσωρινός τύπος`).exec(list.body)?.[1];
    assert.ok(id, 'the new type is listed with its link');
    const report = { ...good(), service_code: code, description: 'Αναφορά σε προσωρινό τύπο.' };
    assert.equal((await post(report)).res.status, 200, 'an active type takes reports');

    const withdrawn = await admin.submit(`/m/kalamata/admin/requests/types/${id}`, fields(false));
    assert.equal(withdrawn.status, 303, withdrawn.body.slice(0, 300));
    const before = await queueTotal('kalamata');
    const refused = await post(report);
    assert.equal(refused.res.status, 404, JSON.stringify(refused.body));
    assertSpecError(refused.body, 404, 'a withdrawn service_code');
    assert.equal(await queueTotal('kalamata'), before, 'nothing was saved');

    const restored = await admin.submit(`/m/kalamata/admin/requests/types/${id}`, fields(true));
    assert.equal(restored.status, 303, restored.body.slice(0, 300));
    assert.equal((await post(report)).res.status, 200, 'restored, it takes reports again');
  });

  test("a POSTed report is found by the staff queue's search within a few seconds", async () => {
    // SQLite writes Open311 reports' full-text entries in a job (about once a second), not in the
    // POST; PostgreSQL indexes them as it inserts. Either way staff find the report by its words.
    const words = 'Ξεριζωμένο πεύκο Φαρών';
    const { res, body } = await post({ ...good(), description: `${words}, πάνω στο πεζοδρόμιο.` });
    assert.equal(res.status, 200, JSON.stringify(body));
    const id = Number(body[0].service_request_id);
    const search = async (q) => {
      const r = await admins.kalamata.get(`/m/kalamata/api/v1/requests?q=${encodeURIComponent(q)}`);
      assert.equal(r.status, 200, r.body.slice(0, 300));
      return r.json().items.map((x) => x.id);
    };
    // Under the queue cache's 10 s: a search cached before the job ran must not hide the report.
    let found = [];
    for (const deadline = Date.now() + 8000; Date.now() < deadline; await sleep(200)) {
      found = await search('ξεριζωμενο πευκο');
      if (found.length > 0) break;
    }
    assert.deepEqual(found, [id], 'found by its folded words');
    assert.deepEqual(await search('xerizomeno pevko'), [id], 'and by their Latin transliteration');
  });

  test('tokens: an unknown token is a 404 in the spec format', async () => {
    const res = await getBoth('/open311/v2/tokens/no-such-token', { jurisdiction_id: 'kalamata' }, { status: 404 });
    assertSpecError(res.body, 404, 'an unknown token');
  });
});

// ---------------------------------------------------------------- GET requests

describe('GET requests', () => {
  let everything;   // kalamata's staff queue: every request, private and merged ones too

  before(async () => {
    everything = await allRequests('kalamata');
  });

  test('private and merged requests never appear; the public ones all do', async () => {
    const hidden = everything.filter((r) => !r.is_public || r.merged_into_id !== null);
    const shown = everything.filter((r) => r.is_public && r.merged_into_id === null);
    assert.ok(hidden.some((r) => !r.is_public), 'the demo has private requests');
    assert.ok(hidden.some((r) => r.merged_into_id !== null), 'the demo has merged requests');
    const hiddenIds = new Set(hidden.map((r) => String(r.id)));

    // A year back from now, in spans of 90 days (the spec's limit).
    const now = Math.floor(Date.now() / 1000) + 60;
    const seen = new Set();
    for (let end = now; end > now - 380 * DAY; end -= 90 * DAY) {
      const { body } = await getBoth('/open311/v2/requests', { jurisdiction_id: 'kalamata', start_date: w3c(end - 90 * DAY), end_date: w3c(end) },
        { kind: 'requests', root: 'service_requests' });
      assert.ok(body.length <= 1000);
      for (const r of body) {
        assert.ok(!hiddenIds.has(r.service_request_id), `request ${r.service_request_id} is private or merged`);
        seen.add(r.service_request_id);
      }
    }
    const oldest = now - 360 * DAY;
    for (const r of shown.filter((x) => x.submitted_at >= oldest)) assert.ok(seen.has(String(r.id)), `public request ${r.id} is listed`);

    // Asked for by id, or one by one, they are not found either.
    const ids = [...hiddenIds].slice(0, 40);
    const byId = await getBoth('/open311/v2/requests', { jurisdiction_id: 'kalamata', service_request_id: ids.join(',') }, { kind: 'requests', root: 'service_requests' });
    assert.deepEqual(byId.body, []);
    for (const id of ids.slice(0, 5)) {
      const one = await getBoth(`/open311/v2/requests/${id}`, { jurisdiction_id: 'kalamata' }, { status: 404 });
      assertSpecError(one.body, 404, `hidden request ${id}`);
    }
  });

  test('the default list is kept for a few seconds, yet a new report shows in it at once', async () => {
    const q = { jurisdiction_id: 'kalamata' };
    const first = await getBoth('/open311/v2/requests', q, { kind: 'requests', root: 'service_requests' });
    assert.ok(first.body.length < 1000, 'the demo leaves room in its last 90 days');
    const { res, body } = await post({
      api_key: keys.kalamata, jurisdiction_id: 'kalamata', service_code: 'local-problem', lat: '37.0391', long: '22.1142',
      description: 'Σπασμένο παγκάκι στην πλατεία Υπαπαντής.',
    });
    assert.equal(res.status, 200, JSON.stringify(body));
    const id = body[0].service_request_id;
    assert.ok(!first.body.some((r) => r.service_request_id === id));
    // Asked again at once, as a client polling every second would: the kept answer was dropped.
    const again = await getBoth('/open311/v2/requests', q, { kind: 'requests', root: 'service_requests' });
    assert.ok(again.body.some((r) => r.service_request_id === id), 'the new report is listed');
    assert.equal(again.body.length, first.body.length + 1);
  });

  test('a private request filed through the JSON API stays out of Open311', async () => {
    const citizen = new HttpClient(srv.baseUrl);
    await loginOk(citizen, demo.citizen.email, demo.citizen.password, { prefix: '/m/kalamata' });
    const csrf = await citizen.csrf('/m/kalamata/account');
    const res = await citizen.request('POST', '/m/kalamata/api/v1/requests', {
      json: { type: 'local-problem', title: 'Ιδιωτικό αίτημα δοκιμής', description: 'Δεν πρέπει να φαίνεται δημόσια.', address: 'Φαρών 10, Καλαμάτα', is_public: false },
      headers: { 'x-csrf-token': csrf },
    });
    assert.equal(res.status, 201, res.body.slice(0, 300));
    const id = String(res.json().id);
    assert.equal(res.json().is_public, false);
    const one = await getBoth(`/open311/v2/requests/${id}`, { jurisdiction_id: 'kalamata' }, { status: 404 });
    assertSpecError(one.body, 404, 'a private request');
    const listed = await getBoth('/open311/v2/requests', { jurisdiction_id: 'kalamata' }, { kind: 'requests', root: 'service_requests' });
    assert.ok(!listed.body.some((r) => r.service_request_id === id));
    assert.ok(!listed.json.includes('Ιδιωτικό αίτημα δοκιμής'));
  });

  test('the filters: service_request_id, service_code, status, dates', async () => {
    const shown = everything.filter((r) => r.is_public && r.merged_into_id === null);
    const some = shown.slice(0, 3).map((r) => String(r.id));
    const byIds = await getBoth('/open311/v2/requests', { jurisdiction_id: 'kalamata', service_request_id: some.join(','), status: 'closed', service_code: 'x' },
      { kind: 'requests', root: 'service_requests' });
    assert.deepEqual(byIds.body.map((r) => r.service_request_id).sort(), [...some].sort(), 'service_request_id overrides the other arguments');

    const q = { jurisdiction_id: 'kalamata' };
    const problems = await getBoth('/open311/v2/requests', { ...q, service_code: 'local-problem' }, { kind: 'requests', root: 'service_requests' });
    assert.ok(problems.body.length > 0 && problems.body.every((r) => r.service_code === 'local-problem'));
    const two = await getBoth('/open311/v2/requests', { ...q, service_code: 'local-problem,promotion' }, { kind: 'requests', root: 'service_requests' });
    assert.ok(two.body.every((r) => ['local-problem', 'promotion'].includes(r.service_code)));
    assert.ok(two.body.length >= problems.body.length);

    const open = await getBoth('/open311/v2/requests', { ...q, status: 'open' }, { kind: 'requests', root: 'service_requests' });
    const closed = await getBoth('/open311/v2/requests', { ...q, status: 'closed' }, { kind: 'requests', root: 'service_requests' });
    const all = await getBoth('/open311/v2/requests', { ...q, status: 'open,closed' }, { kind: 'requests', root: 'service_requests' });
    assert.ok(open.body.length > 0 && open.body.every((r) => r.status === 'open'));
    assert.ok(closed.body.length > 0 && closed.body.every((r) => r.status === 'closed'));
    assert.equal(all.body.length, open.body.length + closed.body.length);
    for (const r of closed.body) assert.ok(r.updated_datetime >= r.requested_datetime);

    const past = await getBoth('/open311/v2/requests', { ...q, start_date: '2001-01-01T00:00:00Z', end_date: '2001-02-01T00:00:00+02:00' },
      { kind: 'requests', root: 'service_requests' });
    assert.deepEqual(past.body, [], 'nothing in 2001');
    const week = Math.floor(Date.now() / 1000) - 7 * DAY;
    const recent = await getBoth('/open311/v2/requests', { ...q, start_date: w3c(week) }, { kind: 'requests', root: 'service_requests' });
    assert.ok(recent.body.every((r) => Date.parse(r.requested_datetime) >= week * 1000));

    for (const bad of [
      { start_date: 'yesterday' }, { end_date: '2026-01-01T00:00:00' }, { status: 'pending' },
      { start_date: '2026-01-01T00:00:00Z', end_date: '2026-06-01T00:00:00Z' },
      { start_date: '2026-02-01T00:00:00Z', end_date: '2026-01-01T00:00:00Z' },
    ]) {
      const res = await getBoth('/open311/v2/requests', { ...q, ...bad }, { status: 400 });
      assertSpecError(res.body, 400, JSON.stringify(bad));
    }
  });
});

// ---------------------------------------------------------------- what the outside validator checks

describe('conformance', () => {
  test("discovery's changeset is a date-time, the start of today in Athens", async () => {
    const { body, xml } = await getBoth('/open311/v2/discovery', { jurisdiction_id: 'kalamata' }, { kind: 'discovery', root: 'discovery' });
    const dateTime = /^\d{4}-\d{2}-\d{2}T00:00:00\+0[23]:00$/;
    assert.match(body.changeset, dateTime);
    assert.equal(body.endpoints[0].changeset, body.changeset);
    assert.match(xml, new RegExp(`<changeset>${body.changeset.replace('+', '\\+')}</changeset>`));
    const age = Date.now() - Date.parse(body.changeset);
    assert.ok(age >= 0 && age <= 25 * 3600 * 1000, `today's start: ${body.changeset}`);
  });

  test('an unknown format, a wrong method or an unreadable address gets the spec error list, not an HTML page', async () => {
    const c = new HttpClient(srv.baseUrl);
    const asJson = async (res, status, what) => {
      assert.equal(res.status, status, `${what}: ${res.status} ${res.body.slice(0, 200)}`);
      assert.equal(res.headers.get('content-type'), 'application/json', `${what}: JSON when no format was named`);
      assertSpecError(res.json(), status, what);
      answers.push({ kind: 'errors', path: what, body: res.json() });
    };
    await asJson(await c.get('/open311/v2/discovery.html?jurisdiction_id=kalamata'), 404, 'discovery.html');
    await asJson(await c.get('/open311/v2/services.JSON?jurisdiction_id=kalamata'), 404, 'services.JSON');
    await asJson(await c.get('/open311/v2/requests/1.html?jurisdiction_id=kalamata'), 404, 'requests/1.html');
    await asJson(await c.get('/m/kalamata/open311/v2/nothing-here'), 404, 'an unknown resource');
    // Invalid UTF-8 in jurisdiction_id, and in another parameter once the address chose the municipality.
    const unreadable = await getBoth('/open311/v2/services', {}, { status: 400, client: {
      get: (path) => c.get(path.replace('.json', '.json?jurisdiction_id=%FF').replace('.xml', '.xml?jurisdiction_id=%FF')),
    } });
    assertSpecError(unreadable.body, 400, 'an unreadable jurisdiction_id');
    assert.match(unreadable.body[0].description, /cannot read|δεν μπορούμε/i);
    const badParam = await getBoth('/m/kalamata/open311/v2/requests', {}, { status: 400, client: {
      get: (path) => c.get(`${path}?status=%C0%AF`),
    } });
    assertSpecError(badParam.body, 400, 'an unreadable parameter');
    const wrongMethod = await c.request('DELETE', '/m/kalamata/open311/v2/requests.xml');
    assert.equal(wrongMethod.status, 405);
    assert.equal(wrongMethod.headers.get('content-type'), 'text/xml; charset=utf-8');
    assert.match(parseXml(wrongMethod.body, 'DELETE requests.xml').errors.error[0].code, /^405$/);
  });

  test('an api_key in the address is refused with 400 on every resource, and nothing is saved', async () => {
    const before = await queueTotal('kalamata');
    const fields = { jurisdiction_id: 'kalamata', service_code: 'local-problem', lat: '37.04', long: '22.11', description: 'Κλειδί στη διεύθυνση.' };
    for (const format of ['json', 'xml']) {
      // Even with the key in the body too: the one in the address has been logged already.
      const both = await post({ ...fields, api_key: keys.kalamata }, { format, path: `/open311/v2/requests`, query: `api_key=${keys.kalamata}` });
      assert.equal(both.res.status, 400, `POST .${format} with api_key in the address`);
      const onlyAddress = await post(fields, { format, query: `api_key=${keys.kalamata}` });
      assert.equal(onlyAddress.res.status, 400);
      if (format === 'json') {
        assertSpecError(both.body, 400, 'api_key in the address');
        assert.match(both.body[0].description, /api_key/);
      } else {
        assert.equal(both.body.errors.error[0].code, '400');
      }
    }
    const listed = await getBoth('/open311/v2/services', { jurisdiction_id: 'kalamata', api_key: keys.kalamata }, { status: 400 });
    assertSpecError(listed.body, 400, 'GET with api_key in the address');
    const item = await new HttpClient(srv.baseUrl).get(`/open311/v2/requests/1.json?jurisdiction_id=kalamata&api_key=x`);
    assert.equal(item.status, 400);
    assert.equal(await queueTotal('kalamata'), before, 'nothing was saved');
  });
});

// ---------------------------------------------------------------- one install, one municipality

describe('single tenancy', () => {
  test('jurisdiction_id chooses among the municipalities of the database', async () => {
    const single = await startServer({ db, migrate: false, env: { SYNERGEIA_CONFIG: config } });
    try {
      const [peristeriRequest] = await allRequests('peristeri');
      const c = new HttpClient(single.baseUrl);
      const there = await c.get(`/open311/v2/requests/${peristeriRequest.id}.json?jurisdiction_id=peristeri`);
      const here = await c.get(`/open311/v2/requests/${peristeriRequest.id}.json`);
      assert.equal(here.status, 404, 'without jurisdiction_id, the default municipality (Καλαμάτα)');
      if (peristeriRequest.is_public && peristeriRequest.merged_into_id === null) assert.equal(there.status, 200, there.body);
      else assert.equal(there.status, 404);
      const services = await c.get('/open311/v2/services.json?jurisdiction_id=atlantida');
      assert.equal(services.status, 404);
      assertSpecError(services.json(), 404, 'an unknown jurisdiction');
    } finally {
      await single.stop();
    }
  });
});

// ---------------------------------------------------------------- the schemas

test('every Open311 JSON answer validates against the GeoReport v2 schemas', async (t) => {
  if (!existsSync(join(SCHEMA_DIR, 'request.json'))) {
    t.skip(`the Open311 schemas are not at ${SCHEMA_DIR} (../shared is absent)`);
    return;
  }
  const { default: Ajv } = await import('ajv');
  const { default: addFormats } = await import('ajv-formats');
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  // swagger.json's own format name for identifiers; any string is one.
  ajv.addFormat('uid', true);
  for (const file of ['request.json', 'requests.json', 'service.json', 'services.json', 'service-definition.json']) {
    ajv.addSchema(JSON.parse(await readFile(join(SCHEMA_DIR, file), 'utf8')), file);
  }
  // No schema file covers these answers: the POST and token answers use swagger.json's
  // definitions, item by item (swagger.json wrongly has the token answer as one object, where
  // the spec's example is an array); discovery and errors follow the spec's field tables.
  const swagger = JSON.parse(await readFile(join(SCHEMA_DIR, 'swagger.json'), 'utf8'));
  const arrayOf = (items) => ({ type: 'array', items });
  const validators = {
    services: ajv.getSchema('services.json'),
    'service-definition': ajv.getSchema('service-definition.json'),
    requests: ajv.getSchema('requests.json'),
    post: ajv.compile(arrayOf({ ...swagger.definitions.RequestResponse, required: ['service_request_id'], additionalProperties: false })),
    token: ajv.compile(arrayOf({ ...swagger.definitions.TokenResponse, required: ['service_request_id', 'token'] })),
    errors: ajv.compile(arrayOf({
      type: 'object', required: ['code', 'description'], additionalProperties: false,
      properties: { code: { type: 'integer' }, description: { type: 'string', minLength: 1 } },
    })),
    discovery: ajv.compile({
      type: 'object', required: ['changeset', 'contact', 'key_service', 'endpoints'],
      properties: {
        changeset: { type: 'string', format: 'date-time' }, contact: { type: 'string' }, key_service: { type: 'string' },
        endpoints: arrayOf({
          type: 'object', required: ['specification', 'url', 'changeset', 'type', 'formats'],
          properties: {
            specification: { type: 'string' }, url: { type: 'string', format: 'uri' }, changeset: { type: 'string', format: 'date-time' },
            type: { enum: ['production', 'test'] }, formats: arrayOf({ type: 'string' }),
          },
        }),
      },
    }),
  };
  for (const v of Object.values(validators)) assert.ok(v, 'every schema compiled');
  const kinds = new Set(answers.map((a) => a.kind));
  for (const kind of ['services', 'service-definition', 'requests', 'post', 'errors', 'discovery']) {
    assert.ok(kinds.has(kind), `some ${kind} answers were checked`);
  }
  assert.ok(answers.length > 50, `${answers.length} answers`);
  for (const a of answers) {
    const validate = validators[a.kind];
    assert.ok(validate, `a validator for ${a.kind}`);
    assert.ok(validate(a.body), `${a.path} (${a.kind}): ${ajv.errorsText(validate.errors)}`);
  }
});
