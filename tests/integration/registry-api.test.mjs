// The registry's JSON API and open data, through HTTP against the real binary (SQLite, or
// PostgreSQL with SYNERGEIA_TEST_DB_BACKEND=postgres):
//   - a CSV import with one bad row imports nothing and names the row; a good file imports;
//   - the public reads the directory, a profile, the HSDS 3.0 and CSV exports, and a field set
//     to municipality-only appears in none of them;
//   - writes need a log-in (401), the CSRF header for a session (403), the right role (403);
//     an organisation's admin and the municipality's administrator may PATCH; staff decide;
//   - the HSDS export validates against ../shared/data/hsds-3.0 (skipped when it is absent).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import { startServer, HttpClient, extractCsrf, REPO_ROOT } from './lib/server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './lib/flows.mjs';

const HSDS_DIR = join(REPO_ROOT, '..', 'shared', 'data', 'hsds-3.0');

let srv;
let demo;

before(async () => {
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
  demo = parseDemoLogins(await srv.demoLogins());
});

after(async () => {
  await srv?.stop();
});

// ---------------------------------------------------------------- helpers

/** A valid ΑΦΜ (Greek tax number) from an 8-digit stem: the 9th digit is the check digit. */
function afm(stem) {
  const digits = String(stem).padStart(8, '0').split('').map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * 2 ** (8 - i), 0);
  return digits.join('') + String((sum % 11) % 10);
}

async function loggedIn(role) {
  const c = new HttpClient(srv.baseUrl);
  await loginOk(c, demo[role].email, demo[role].password);
  // Every page with a form carries the session's CSRF token; the API takes it as a header.
  c.csrfToken = await c.csrf('/account');
  return c;
}

function api(c, method, path, json, { csrf = true, headers = {} } = {}) {
  const h = { ...headers };
  if (csrf && c.csrfToken) h['x-csrf-token'] = c.csrfToken;
  return c.request(method, path, { json, headers: h });
}

function assertProblem(res, status, what) {
  assert.equal(res.status, status, `${what}: expected ${status}, got ${res.status} ${res.body.slice(0, 300)}`);
  assert.match(res.headers.get('content-type') || '', /^application\/problem\+json/, `${what}: problem+json`);
  assert.equal(res.json().status, status);
}

async function importCsv(c, csv, { dryRun = false, skipInvalid = false, name = 'register.csv' } = {}) {
  const page = await c.get('/admin/organisations/import');
  assert.equal(page.status, 200, `the import page: ${page.status}`);
  const form = new FormData();
  form.append('_csrf', extractCsrf(page.body));
  if (dryRun) form.append('dry_run', 'yes');
  if (skipInvalid) form.append('skip_invalid', 'yes');
  form.append('file', new Blob([csv], { type: 'text/csv' }), name);
  return c.request('POST', '/admin/organisations/import', { multipart: form });
}

/** The "Problems, by line of the file" table of the import page: [{line, column, message}]. */
function problemRows(html) {
  const rows = [];
  for (const m of html.matchAll(/<tr>\s*<t[dh][^>]*>\s*(\d+)\s*<\/t[dh]>\s*<td[^>]*>([^<]*)<\/td>\s*<td[^>]*>([^<]*)<\/td>/g)) {
    rows.push({ line: Number(m[1]), column: m[2].trim(), message: m[3].trim() });
  }
  return rows;
}

async function allListed(c) {
  const res = await c.get('/api/v1/organisations?per_page=100');
  assert.equal(res.status, 200, res.body.slice(0, 300));
  return res.json();
}

/** The listed organisation called `name`, found through the search (the demo may list many). */
async function findListed(name, q = name) {
  const res = await new HttpClient(srv.baseUrl).get(`/api/v1/organisations?per_page=100&q=${encodeURIComponent(q)}`);
  assert.equal(res.status, 200, res.body.slice(0, 300));
  return res.json().items.find((o) => o.official_name === name);
}

const NAMES = {
  parents: 'Σύλλογος Γονέων 5ου Δημοτικού Σχολείου Καλαμάτας',
  choir: 'Πολυφωνική Χορωδία Καλαμάτας',
  bad: 'Αθλητικός Όμιλος Βέργας',
  coop: 'Κοιν.Σ.Επ. Ελαιώνας',
};
const SEARCH = { parents: 'Γονέων 5ου', choir: 'Πολυφωνική Χορωδία', bad: 'Αθλητικός Όμιλος Βέργας', coop: 'Ελαιώνας' };

const HEADER = 'official_name;distinctive_title;kind;subtype;afm;areas;seat_address;neighbourhood;postal_code;email;phone;website;description;verified';
const ROWS = {
  parents: `Σύλλογος Γονέων 5ου Δημοτικού Σχολείου Καλαμάτας;Γονείς 5ου;association;parents;${afm(10000001)};education|youth;Αριστομένους 50, Καλαμάτα;Κέντρο;24100;goneis5@example.gr;2721012345;https://goneis5.example.gr;"Στηρίζουμε το σχολείο.\nΚάθε Τρίτη.";ναι`,
  choir: `Πολυφωνική Χορωδία Καλαμάτας;;Σύλλογος;Πολιτιστικός σύλλογος;${afm(10000002)};Πολιτισμός;Ναυαρίνου 12, Καλαμάτα;Παραλία;24100;choir@example.gr;2721023456;;Χορωδία για όλους.;όχι`,
  bad: `Αθλητικός Όμιλος Βέργας;;association;sports;123456789;sport;Βέργα, Καλαμάτα;Βέργα;24100;;;;;no`,
  coop: `Κοιν.Σ.Επ. Ελαιώνας;;kalo;koinsep_collective;${afm(10000003)};local_development|environment;Φαρών 100, Καλαμάτα;Τέντα;24100;;;;;yes`,
};

// ---------------------------------------------------------------- import

describe('CSV import', () => {
  test('one bad row: nothing is imported, and the row is named by its line', async () => {
    const admin = await loggedIn('tenant_admin');
    const before = (await allListed(admin)).total;
    // BOM and ';' as Excel writes on Greek Windows; the choir's description spans no lines, the
    // parents' spans two (lines 2–3), so the bad row is on line 5.
    const csv = `\uFEFF${HEADER}\r\n${ROWS.parents}\r\n${ROWS.choir}\r\n${ROWS.bad}\r\n`;
    const res = await importCsv(admin, csv);
    assert.equal(res.status, 200, res.body.slice(0, 400));
    const problems = problemRows(res.body);
    assert.deepEqual(problems.map((p) => [p.line, p.column]), [[5, 'afm']], JSON.stringify(problems));
    assert.match(problems[0].message, /ΑΦΜ|AFM/);
    assert.equal((await allListed(admin)).total, before, 'nothing was imported');

    const dry = await importCsv(admin, `${HEADER}\n${ROWS.parents}\n`, { dryRun: true });
    assert.equal(dry.status, 200);
    assert.deepEqual(problemRows(dry.body), []);
    assert.equal((await allListed(admin)).total, before, 'a dry run imports nothing');
  });

  test('a bad header is reported on line 1 and imports nothing', async () => {
    const admin = await loggedIn('tenant_admin');
    const res = await importCsv(admin, 'official_name,colour\nΑ,κόκκινο\n');
    const problems = problemRows(res.body);
    const columns = problems.map((p) => p.column).sort();
    assert.ok(problems.every((p) => p.line === 1), JSON.stringify(problems));
    assert.ok(columns.includes('colour') && columns.includes('kind'), JSON.stringify(problems));
  });

  test('only the import role may import', async () => {
    const staff = await loggedIn('staff');
    const page = await staff.get('/admin/organisations/import');
    assert.equal(page.status, 403);
  });
});

// ---------------------------------------------------------------- reading and writing

describe('API and exports', () => {
  let admin;
  let imported;  // slug → organisation (public view)

  before(async () => {
    admin = await loggedIn('tenant_admin');
    const csv = `${HEADER}\n${ROWS.parents}\n${ROWS.choir}\n${ROWS.bad}\n${ROWS.coop}\n`;
    const res = await importCsv(admin, csv, { skipInvalid: true });
    assert.equal(res.status, 200, res.body.slice(0, 400));
    imported = {};
    for (const key of ['parents', 'choir', 'coop']) {
      imported[NAMES[key]] = await findListed(NAMES[key], SEARCH[key]);
      assert.ok(imported[NAMES[key]], `${NAMES[key]} was imported with «skip invalid rows»`);
    }
    assert.equal(await findListed(NAMES.bad, SEARCH.bad), undefined, 'the invalid row was skipped');
  });

  test('the public directory: filters, paging, and public fields only', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    const parents = imported['Σύλλογος Γονέων 5ου Δημοτικού Σχολείου Καλαμάτας'];
    assert.equal(parents.verified, true);
    assert.equal(parents.kind, 'association');
    assert.deepEqual(parents.areas, ['education', 'youth']);
    assert.equal(parents.description, 'Στηρίζουμε το σχολείο.\nΚάθε Τρίτη.');
    assert.equal(parents.phone, undefined, 'the phone is municipality-only by default');
    assert.equal(parents.board, undefined, 'so is the board');
    assert.equal(parents.visibility, undefined);
    const choir = imported['Πολυφωνική Χορωδία Καλαμάτας'];
    assert.equal(choir.subtype, 'cultural', 'Greek labels in the file were read as codes');
    assert.equal(choir.verified, false);

    const search = (await visitor.get(`/api/v1/organisations?q=${encodeURIComponent('syllogos goneon')}`)).json();
    assert.ok(search.items.some((o) => o.slug === parents.slug), 'Latin letters find the Greek name');
    const verified = (await visitor.get('/api/v1/organisations?verified=true&per_page=100')).json();
    assert.ok(verified.items.every((o) => o.verified));
    assert.ok(!verified.items.some((o) => o.slug === choir.slug));
    const kalo = (await visitor.get('/api/v1/organisations?kind=kalo&area=environment&per_page=100')).json();
    assert.ok(kalo.items.some((o) => o.official_name === NAMES.coop));
    assert.ok(kalo.items.every((o) => o.kind === 'kalo' && o.areas.includes('environment')));
    const paged = (await visitor.get('/api/v1/organisations?per_page=1&page=2&sort=newest')).json();
    assert.equal(paged.page, 2);
    assert.equal(paged.items.length, 1);
    assert.equal(paged.pages, paged.total);

    const bad = await visitor.get('/api/v1/organisations?per_page=500&kind=club&verified=maybe');
    assertProblem(bad, 422, 'bad filters');
    assert.deepEqual(bad.json().errors.map((e) => e.field).sort(), ['kind', 'per_page', 'verified']);

    const one = await visitor.get(`/api/v1/organisations/${parents.slug}`);
    assert.equal(one.status, 200);
    assert.equal(one.json().afm, parents.afm);
    assertProblem(await visitor.get('/api/v1/organisations/no-such-organisation'), 404, 'unknown slug');
  });

  test('writes: 401 without log-in, 403 without the CSRF header or the role', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    const target = imported['Πολυφωνική Χορωδία Καλαμάτας'];
    assertProblem(await api(visitor, 'POST', '/api/v1/organisations', { official_name: 'Χ' }), 401, 'visitor POST');
    assertProblem(await api(visitor, 'PATCH', `/api/v1/organisations/${target.id}`, { website: 'https://x.gr' }), 401, 'visitor PATCH');
    assertProblem(await api(visitor, 'POST', `/api/v1/organisations/${target.id}/decision`, { decision: 'verify' }), 401, 'visitor decision');
    const forged = await visitor.request('POST', '/api/v1/organisations', {
      json: {}, headers: { authorization: 'Bearer syn_not-a-real-token' },
    });
    assertProblem(forged, 401, 'a bad token');

    const citizen = await loggedIn('citizen');
    assertProblem(await api(citizen, 'POST', '/api/v1/organisations', { official_name: 'Χ' }, { csrf: false }), 403, 'no CSRF header');
    const csrf = { 'x-csrf-token': citizen.csrfToken };
    assertProblem(await citizen.request('POST', '/api/v1/organisations', { body: '{"official_name":', headers: { ...csrf, 'content-type': 'application/json' } }), 400, 'broken JSON');
    assertProblem(await citizen.request('POST', '/api/v1/organisations', { form: { official_name: 'Χ' }, headers: csrf }), 415, 'a web form');
    assertProblem(await citizen.request('DELETE', `/api/v1/organisations/${target.id}`, { headers: csrf }), 405, 'DELETE');
    // A citizen is neither the organisation's admin nor staff. PATCH does not even confirm
    // that the id exists (404, as for any organisation they cannot see); deciding needs a role.
    const patch = await api(citizen, 'PATCH', `/api/v1/organisations/${target.id}`, { website: 'https://x.gr' });
    assert.ok([403, 404].includes(patch.status), `citizen PATCH: ${patch.status}`);
    assertProblem(await api(citizen, 'POST', `/api/v1/organisations/${target.id}/decision`, { decision: 'verify' }), 403, 'citizen decision');
    const after = (await new HttpClient(srv.baseUrl).get(`/api/v1/organisations/${target.slug}`)).json();
    assert.equal(after.website, target.website, 'nothing changed');
  });

  test('a citizen creates a draft, edits it and gets per-field errors', async () => {
    const citizen = await loggedIn('citizen');
    const invalid = await api(citizen, 'POST', '/api/v1/organisations', {
      official_name: 'Σύλλογος Φίλων του Δάσους', kind: 'association', subtype: 'environmental', afm: '123456789',
      areas: ['environment'], seat_address: 'Καλαμάτα', email: 'not-an-address',
    });
    assertProblem(invalid, 422, 'invalid draft');
    assert.deepEqual(invalid.json().errors.map((e) => e.field).sort(), ['afm', 'email']);
    assert.ok(invalid.json().errors.every((e) => e.message.length > 0));

    const res = await api(citizen, 'POST', '/api/v1/organisations', {
      official_name: 'Σύλλογος Φίλων του Δάσους', kind: 'association', subtype: 'environmental', afm: afm(10000004),
      areas: ['environment'], seat_address: 'Καλαμάτα', declared_members: 30, visibility: { email: 'municipality' },
    });
    assert.equal(res.status, 201, res.body.slice(0, 400));
    const draft = res.json();
    assert.equal(draft.state, 'draft');
    assert.equal(draft.declared_members, 30);
    assert.equal(draft.visibility.email, 'municipality');
    assert.ok(res.location.endsWith(`/api/v1/organisations/${draft.id}`), res.location);
    const back = await citizen.get(res.location);
    assert.equal(back.status, 200);
    assert.equal(back.json().official_name, 'Σύλλογος Φίλων του Δάσους');
    assertProblem(await new HttpClient(srv.baseUrl).get(res.location), 404, 'a draft is not public');

    const patched = await api(citizen, 'PATCH', `/api/v1/organisations/${draft.id}`, { website: 'https://dasos.example.gr' });
    assert.equal(patched.status, 200, patched.body.slice(0, 400));
    assert.equal(patched.json().website, 'https://dasos.example.gr');
    assert.equal(patched.json().afm, afm(10000004), 'fields not sent keep their value');

    const submit = await api(citizen, 'POST', `/api/v1/organisations/${draft.id}/submit`);
    assertProblem(submit, 422, 'submit without the statute');
    assert.equal(submit.json().errors[0].field, 'documents');
  });

  test('the administrator PATCHes and staff decide, with a token or a session', async () => {
    const choir = imported['Πολυφωνική Χορωδία Καλαμάτας'];
    const res = await api(admin, 'PATCH', `/api/v1/organisations/${choir.id}`, {
      website: 'https://choir.example.gr', declared_members: '45',
      // Shown in public, so that the HSDS export below carries phones and contacts too.
      board: { president: 'Ευαγγελία Μαρκοπούλου', members: ['Στέλιος Ανδρέου'] },
      visibility: { phone: 'public', board: 'public' },
    });
    assert.equal(res.status, 200, res.body.slice(0, 400));
    assert.equal(res.json().website, 'https://choir.example.gr');
    const wrong = await api(admin, 'PATCH', `/api/v1/organisations/${choir.id}`, { postal_code: '999', colour: 'red' });
    assertProblem(wrong, 422, 'bad PATCH');
    assert.deepEqual(wrong.json().errors.map((e) => e.field).sort(), ['colour']);

    // Staff with a personal API token: no CSRF header needed.
    const staff = await loggedIn('staff');
    const page = await staff.request('POST', '/account/tokens', { form: { token_name: 'registry test', _csrf: staff.csrfToken } });
    const token = /<code class="token">([^<]+)<\/code>/.exec(page.body)?.[1];
    assert.ok(token, `a token was shown: ${page.status}`);
    const bot = new HttpClient(srv.baseUrl, { headers: { authorization: `Bearer ${token}` } });
    const incomplete = await api(bot, 'POST', `/api/v1/organisations/${choir.id}/decision`, { decision: 'verify', checklist: { afm_valid: true } });
    assertProblem(incomplete, 422, 'verify with an incomplete checklist');
    const all = { documents_present: true, afm_valid: true, seat_in_municipality: true, no_duplicate: true };
    const ok = await api(bot, 'POST', `/api/v1/organisations/${choir.id}/decision`, { decision: 'verify', checklist: all });
    assert.equal(ok.status, 200, ok.body.slice(0, 400));
    assert.equal(ok.json().state, 'verified');
    assert.ok(ok.json().expires_at > ok.json().verified_at);
    const again = await api(bot, 'POST', `/api/v1/organisations/${choir.id}/decision`, { decision: 'return', reasons: ['x'] });
    assertProblem(again, 422, 'a verified organisation cannot be returned');
  });

  test('a municipality-only field leaks into neither the API nor the exports', async () => {
    const coop = imported['Κοιν.Σ.Επ. Ελαιώνας'];
    const secretEmail = 'elaionas-secret@example.gr';
    const secretPhone = '6971234567';
    const res = await api(admin, 'PATCH', `/api/v1/organisations/${coop.id}`, {
      email: secretEmail, phone: secretPhone, website: 'https://elaionas.example.gr',
      visibility: { email: 'municipality', phone: 'municipality' },
    });
    assert.equal(res.status, 200, res.body.slice(0, 400));
    assert.equal(res.json().email, secretEmail, 'the administrator sees it');

    const visitor = new HttpClient(srv.baseUrl);
    const bodies = {
      list: (await visitor.get(`/api/v1/organisations?per_page=100&q=${encodeURIComponent(SEARCH.coop)}`)).body,
      profile: (await visitor.get(`/api/v1/organisations/${coop.slug}`)).body,
      hsds: (await visitor.get('/api/v1/organisations/export/hsds.json')).body,
      csv: (await visitor.get('/api/v1/organisations/export.csv')).body,
    };
    for (const [what, body] of Object.entries(bodies)) {
      assert.ok(body.includes('https://elaionas.example.gr'), `${what} has the public web site`);
      assert.ok(!body.includes(secretEmail), `${what} must not contain the municipality-only e-mail`);
      assert.ok(!body.includes('6971234567') && !body.includes('306971234567'), `${what} must not contain the phone`);
    }
  });

  test('the CSV export opens in Excel: UTF-8 with a BOM, an attachment, formula-safe', async () => {
    const res = await new HttpClient(srv.baseUrl).request('GET', '/api/v1/organisations/export.csv');
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.match(res.headers.get('content-disposition') || '', /^attachment; filename="organisations-[a-z0-9-]+\.csv"$/);
    const raw = Buffer.from(await (await fetch(`${srv.baseUrl}/api/v1/organisations/export.csv`)).arrayBuffer());
    assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM');
    const lines = res.body.replace(/^\uFEFF/, '').split('\r\n');
    assert.ok(lines[0].startsWith('official_name,distinctive_title,kind,subtype,afm,'), lines[0]);
    assert.ok(lines[0].endsWith(',verified,url'));
    assert.ok(res.body.includes('Πολυφωνική Χορωδία Καλαμάτας'));
    const semi = await new HttpClient(srv.baseUrl).get('/api/v1/organisations/export.csv?delimiter=semicolon');
    assert.ok(semi.body.replace(/^\uFEFF/, '').startsWith('official_name;distinctive_title;'));
    assertProblem(await new HttpClient(srv.baseUrl).get('/api/v1/organisations/export.csv?delimiter=pipe'), 422, 'bad delimiter');

    // The export can be imported again (here as a dry run: the ΑΦΜs are taken, which it says).
    const dry = await importCsv(admin, res.body, { dryRun: true, name: 'export.csv' });
    const problems = problemRows(dry.body);
    assert.ok(problems.length > 0 && problems.every((p) => p.column === 'afm'), JSON.stringify(problems));
  });

  test('the HSDS 3.0 export validates against the Open Referral schema', async (t) => {
    if (!existsSync(join(HSDS_DIR, 'organization.json'))) {
      t.skip(`the HSDS schemas are not at ${HSDS_DIR} (../shared is absent)`);
      return;
    }
    // Fetched before the schemas are compiled, so a slow compile cannot outlast keep-alive.
    const res = await new HttpClient(srv.baseUrl).get('/api/v1/organisations/export/hsds.json');
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') || '', /^application\/json/);
    const orgs = res.json();
    assert.ok(Array.isArray(orgs));
    assert.equal(orgs.length, (await allListed(new HttpClient(srv.baseUrl))).total, 'every listed organisation');

    // The schema files as published, each under its file name so that "$ref": "phone.json"
    // resolves (compiled/organization.json inlines the same, but takes ~10 s to compile).
    // The files declare no $schema; draft 2020-12 reads them, non-strict for their extra keywords.
    const { default: Ajv2020 } = await import('ajv/dist/2020.js');
    const { default: addFormats } = await import('ajv-formats');
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    for (const file of (await readdir(HSDS_DIR)).filter((f) => f.endsWith('.json') && f !== 'openapi.json')) {
      ajv.addSchema(JSON.parse(await readFile(join(HSDS_DIR, file), 'utf8')), file);
    }
    const validate = ajv.getSchema('organization.json');
    assert.ok(validate, 'organization.json compiled');
    for (const o of orgs) {
      assert.ok(validate(o), `${o.name}: ${ajv.errorsText(validate.errors)}`);
    }
    const parents = orgs.find((o) => o.name === 'Σύλλογος Γονέων 5ου Δημοτικού Σχολείου Καλαμάτας');
    assert.ok(parents);
    assert.equal(parents.description, 'Στηρίζουμε το σχολείο. Κάθε Τρίτη.');
    assert.deepEqual(parents.organization_identifiers.map((i) => i.identifier_type), ['ΑΦΜ']);
    assert.equal(parents.locations[0].addresses[0].address_1, 'Αριστομένους 50, Καλαμάτα');
    assert.equal(parents.locations[0].addresses[0].country, 'GR');
    assert.equal(parents.phones, undefined, 'the phone is municipality-only');
    const choir = orgs.find((o) => o.name === 'Πολυφωνική Χορωδία Καλαμάτας');
    assert.equal(choir.phones[0].number, '+302721023456');
    assert.deepEqual(choir.contacts.map((c) => c.name), ['Ευαγγελία Μαρκοπούλου', 'Στέλιος Ανδρέου']);
    assert.equal(new Set(orgs.map((o) => o.id)).size, orgs.length, 'ids are unique');
    const again = (await new HttpClient(srv.baseUrl).get('/api/v1/organisations/export/hsds.json')).json();
    assert.deepEqual(again.map((o) => o.id), orgs.map((o) => o.id), 'ids are stable');
  });
});
