// Requests to the municipality, end to end through the HTML pages of the real binary
// and a real SMTP server, on SQLite or PostgreSQL (SYNERGEIA_TEST_DB_BACKEND):
//   - a citizen cannot see another citizen's private request (page, public list, /my/requests);
//   - staff of department A cannot act on department B's requests; a supervisor can;
//   - a status change the state machine forbids is refused with its Greek explanation;
//   - invalid fields get Greek messages and leave no request and no file behind;
//   - the requester is mailed and notified in the app; supporters hear of the outcome;
//     a rating once after resolution, not twice; reopening within the window;
//   - merging keeps the duplicate's people informed; bulk assignment; the CSV export;
//   - staff of one municipality get 404 for a request of another.
// Everything is set up as people would: the CLI for accounts and municipalities, the tenant
// admin's pages for departments, their staff and the request types, the citizen's form for
// requests. Two municipalities share the install (path tenancy: /m/<slug>/…).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, startSmtpSink, HttpClient, extractCsrf, saveHtml, demoDatabase } from './lib/server.mjs';
import { loginOk, writeConfig } from './lib/flows.mjs';
import { fakeExe, smallPdf } from './lib/files.mjs';

const PASSWORD = 'κωδικός αιτημάτων 2024';
const RUN = `${process.pid}${Date.now().toString(36)}`;
const mailOf = (label) => `${label}.${RUN}@example.gr`;

// Accounts made with the CLI (role, municipality); the demo's come from its log-ins file.
const PEOPLE = {
  staffA: { role: 'staff', tenant: 'kalamata', name: 'Αντώνης Καθαριότητας' },
  staffB: { role: 'staff', tenant: 'kalamata', name: 'Βασιλική Πρασίνου' },
  staffC: { role: 'staff', tenant: 'kalamata', name: 'Γεράσιμος Ηλεκτροφωτισμού' },
  chief: { role: 'staff', tenant: 'kalamata', name: 'Δέσποινα Προϊσταμένη' },
  maria: { role: 'citizen', tenant: 'kalamata', name: 'Μαρία Αιτούσα' },
  nikos: { role: 'citizen', tenant: 'kalamata', name: 'Νίκος Γείτονας' },
  eleni: { role: 'citizen', tenant: 'kalamata', name: 'Ελένη Υποστηρίκτρια' },
  petros: { role: 'citizen', tenant: 'kalamata', name: 'Πέτρος Λάθος' },
  spartiAdmin: { role: 'tenant_admin', tenant: 'sparti', name: 'Διαχειριστής Σπάρτης' },
  spartiStaff: { role: 'staff', tenant: 'sparti', name: 'Υπάλληλος Σπάρτης' },
};
for (const [label, p] of Object.entries(PEOPLE)) p.email = mailOf(label.toLowerCase());

let db;
let dir;
let filesDir;
let sink;
let srv;
let demo;   // role → {email, password} in kalamata

const at = (slug, path) => `/m/${slug}${path}`;
const kal = (path) => at('kalamata', path);

before(async () => {
  const made = await demoDatabase({ prefix: 'requests', password: PASSWORD });
  ({ db, dir, demo } = made);
  const { cli, pwFile } = made;
  filesDir = await mkdtemp(join(tmpdir(), 'synergeia-requests-files-'));
  await cli('tenant', 'add', '--elstat', '4501', '--name', 'Σπάρτης', '--name-en', 'Sparti', '--slug', 'sparti');
  for (const p of Object.values(PEOPLE)) {
    await cli('user', 'add', '--email', p.email, '--password-file', pwFile, '--role', p.role, '--tenant', p.tenant, '--name', p.name);
  }
  sink = await startSmtpSink();
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({
    db,
    migrate: false,
    env: { SYNERGEIA_TENANCY: 'path', SYNERGEIA_SMTP_URL: sink.url, SYNERGEIA_CONFIG: config, SYNERGEIA_FILES_DIR: filesDir },
  });
});

after(async () => {
  await srv?.stop();
  await sink?.stop();
  await db?.drop();
  if (dir) await rm(dir, { recursive: true, force: true });
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

const clients = new Map();
/** A client logged in as a PEOPLE label or a demo role, in `slug` (cached per person and municipality). */
async function as(who, slug = 'kalamata') {
  const key = `${who}@${slug}`;
  if (!clients.has(key)) {
    const c = new HttpClient(srv.baseUrl);
    const { email, password } = PEOPLE[who] ? { email: PEOPLE[who].email, password: PASSWORD } : demo[who];
    await loginOk(c, email, password, { prefix: `/m/${slug}` });
    c.slug = slug;
    clients.set(key, c);
  }
  return clients.get(key);
}

/** Any page's CSRF token of the client's session, for posts a form would not offer. */
function csrfOf(c, slug = c.slug) {
  return c.csrf(at(slug, '/account'));
}

function errorSummary(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? m[0] : '';
}

function escapeRe(s) {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The HTML-escaped form of a text, as the pages write it. */
function esc(s) {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Creates a department through the tenant admin's page; returns its id (the page it leads to selects it). */
async function createDepartment(admin, slug, name) {
  const res = await admin.submit(at(slug, '/admin/requests/departments'), { name_el: name, name_en: `Department ${RUN}`, department_email: '' });
  assert.equal(res.status, 303, `new department «${name}»: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 600)}`);
  const id = new URL(res.location).searchParams.get('department');
  assert.match(id || '', /^\d+$/, `the new department is selected: ${res.location}`);
  const page = await admin.get(res.location);
  assert.equal(page.status, 200);
  assert.ok(page.body.includes(esc(name)), 'the departments page shows it');
  return Number(id);
}

const departmentPage = (slug, id) => at(slug, `/admin/requests/departments?department=${id}`);

async function addStaff(admin, slug, departmentId, email, { supervisor = false } = {}) {
  const fields = { email };
  if (supervisor) fields.supervisor = '1';
  const res = await admin.submit(at(slug, `/admin/requests/departments/${departmentId}/staff`), fields,
    { formPath: departmentPage(slug, departmentId) });
  assert.equal(res.status, 303, `staff ${email} in department ${departmentId}: ${res.status}\n${errorSummary(res.body)}`);
}

/** The user ids of a department's staff, by e-mail, from the remove buttons of its page. */
async function staffIds(admin, slug, departmentId) {
  const page = await admin.get(departmentPage(slug, departmentId));
  const ids = {};
  const re = new RegExp(`action="[^"]*/admin/requests/departments/${departmentId}/staff/(\\d+)/remove"`, 'g');
  // The e-mail is shown in the same table row as its remove button.
  for (const m of page.body.matchAll(re)) {
    const row = page.body.slice(page.body.lastIndexOf('<tr', m.index), m.index);
    const email = /[\w.+-]+@[\w.-]+\.[a-z]+/.exec(row)?.[0];
    if (email) ids[email.toLowerCase()] = Number(m[1]);
  }
  return ids;
}

let typeCounter = 0;
/** Creates a request type through the tenant admin's form; returns {id, code, name}. */
async function createType(admin, slug, departmentId, name, { location = true, attachments = true, isPublic = true, deadline = 5 } = {}) {
  typeCounter += 1;
  const code = `t${typeCounter}-${RUN}`.toLowerCase().slice(0, 40);
  const fields = {
    code, name_el: name, name_en: `Type ${typeCounter} ${RUN}`, description_el: `Περιγραφή: ${name}`, description_en: '',
    department_id: String(departmentId), deadline_days: String(deadline), position: String(100 + typeCounter),
    active: '1',
  };
  if (location) fields.takes_location = '1';
  if (attachments) fields.takes_attachments = '1';
  if (isPublic) fields.public_default = '1';
  const res = await admin.submit(at(slug, '/admin/requests/types/new'), fields);
  assert.equal(res.status, 303, `new type «${name}»: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 600)}`);
  // The citizen's form offers it; its value is the type's id.
  const form = await admin.get(at(slug, '/requests/new'));
  const id = typeIdIn(form.body, name);
  assert.ok(id, `the request form offers «${name}»`);
  return { id, code, name };
}

/** The value of the request form's type <option> whose label starts with `name` (then " — answered within…"). */
function typeIdIn(html, name) {
  const option = new RegExp(`<option[^>]*value="(\\d+)"[^>]*>\\s*${escapeRe(esc(name))}(?:\\s|<| —)`).exec(html);
  return option ? Number(option[1]) : undefined;
}

/** Posts the request form (multipart, as the browser does). files: [{data, filename, type}]. */
async function postRequest(c, slug, fields, files = []) {
  const page = await c.get(at(slug, '/requests/new'));
  assert.equal(page.status, 200, `the request form: ${page.status}`);
  const form = new FormData();
  form.append('_csrf', extractCsrf(page.body));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new Blob([f.data], { type: f.type || 'application/pdf' }), f.filename);
  return c.request('POST', at(slug, '/requests/new'), { multipart: form });
}

let requestCounter = 0;
/** Files a request and returns {id, title}. */
async function fileRequest(c, type, { slug = c.slug, isPublic = true, title, files = [], extra = {} } = {}) {
  requestCounter += 1;
  const t = title || `Λακκούβα στην οδό Αριστομένους αρ. ${requestCounter} (${RUN})`;
  const res = await postRequest(c, slug, {
    type: String(type.id), organisation_id: '', title: t,
    description: 'Στο πεζοδρόμιο μπροστά από τον αριθμό 12 υπάρχει λακκούβα που κινδυνεύουν να πέσουν οι περαστικοί.',
    address: 'Αριστομένους 12, Καλαμάτα', postal_code: '24131', latitude: '37.0392', longitude: '22.1129',
    is_public: isPublic ? '1' : '0', ...extra,
  }, files);
  assert.equal(res.status, 303, `request «${t}»: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 800)}`);
  const m = /\/requests\/(\d+)$/.exec(new URL(res.location).pathname);
  assert.ok(m, `the form leads to the new request, not ${res.location}`);
  return { id: Number(m[1]), title: t };
}

/** A transition through the staff page's form. Returns the response (303 on success). */
async function transition(c, id, fields, slug = c.slug) {
  return c.post(at(slug, `/admin/requests/${id}/transition`), { ...fields, _csrf: await csrfOf(c, slug) });
}

async function transitionOk(c, id, fields, slug = c.slug) {
  const res = await transition(c, id, fields, slug);
  assert.equal(res.status, 303, `${fields.event} of ${id}: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 600)}`);
  return res;
}

/** The request's state code as staff read it (the JSON API). */
async function stateOf(id, slug = 'kalamata') {
  const reader = await as('tenant_admin', 'kalamata');
  const res = await reader.get(at(slug, `/api/v1/requests/${id}`));
  assert.equal(res.status, 200, `GET /api/v1/requests/${id}: ${res.status} ${res.body.slice(0, 300)}`);
  const body = res.json();
  return body.state ?? body.status;
}

async function requestJson(id) {
  const reader = await as('tenant_admin', 'kalamata');
  const res = await reader.get(kal(`/api/v1/requests/${id}`));
  assert.equal(res.status, 200);
  return res.json();
}

async function filesIn(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.path ?? entry.parentPath ?? d, entry.name));
  }
  return out.sort();
}

/** RFC 4180 CSV (quoted fields, doubled quotes, CRLF) into rows of fields; a leading BOM is dropped. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  // Greek Excel's separator, as the exports write it; ',' for a machine file.
  const delimiter = s.split(/\r?\n/)[0].includes(';') ? ';' : ',';
  for (let i = 0; i < s.length; i += 1) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') { field += '"'; i += 1; } else if (ch === '"') quoted = false; else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) { row.push(field); field = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i += 1;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** The unread count in the page header: "Ειδοποιήσεις (n)", 0 when it says just "Ειδοποιήσεις". */
async function unreadCount(c, slug = c.slug) {
  const page = await c.get(at(slug, '/account'));
  assert.equal(page.status, 200);
  const link = new RegExp(`<a[^>]*href="${escapeRe(at(slug, '/notifications'))}"[^>]*>([^<]*)</a>`).exec(page.body);
  assert.ok(link, 'the header links to the notifications');
  const n = /\((\d+)\)/.exec(link[1]);
  if (!n) assert.equal(link[1].trim(), 'Ειδοποιήσεις', `the header's notifications link: «${link[1]}»`);
  else assert.match(link[1], /^\s*Ειδοποιήσεις \(\d+\)\s*$/, `the header's notifications link is in Greek: «${link[1]}»`);
  return n ? Number(n[1]) : 0;
}

/** Waits for a mail to `email` that links to request `id` (and matches `re`, if given). */
function mailAbout(email, id, re) {
  return sink.waitForMail((m) => m.toAddresses.includes(email.toLowerCase())
    && new RegExp(`/requests/${id}\\b`).test(m.text) && (!re || re.test(`${m.subject}\n${m.text}`)), 30_000);
}

// ---------------------------------------------------------------- set-up through the pages

const dept = {};   // a, b, c: ids in kalamata; sparti
const types = {};  // a, b, c (kalamata), sparti
const ids = {};    // user ids by label

describe('requests to the municipality', () => {
  before(async () => {
    const admin = await as('tenant_admin');
    dept.a = await createDepartment(admin, 'kalamata', `Τμήμα Καθαριότητας ${RUN}`);
    dept.b = await createDepartment(admin, 'kalamata', `Τμήμα Πρασίνου ${RUN}`);
    dept.c = await createDepartment(admin, 'kalamata', `Τμήμα Ηλεκτροφωτισμού ${RUN}`);
    await addStaff(admin, 'kalamata', dept.a, PEOPLE.staffA.email);
    await addStaff(admin, 'kalamata', dept.b, PEOPLE.staffB.email);
    await addStaff(admin, 'kalamata', dept.c, PEOPLE.staffC.email);
    await addStaff(admin, 'kalamata', dept.b, PEOPLE.chief.email, { supervisor: true });
    Object.assign(ids, await staffIds(admin, 'kalamata', dept.a), await staffIds(admin, 'kalamata', dept.b),
      await staffIds(admin, 'kalamata', dept.c));
    for (const label of ['staffA', 'staffB', 'staffC', 'chief']) {
      assert.ok(ids[PEOPLE[label].email.toLowerCase()], `the departments page lists ${PEOPLE[label].email} with a remove button`);
    }
    types.a = await createType(admin, 'kalamata', dept.a, `Καθαριότητα κοινόχρηστων χώρων ${RUN}`);
    types.b = await createType(admin, 'kalamata', dept.b, `Κλάδεμα δέντρων ${RUN}`, { attachments: false });
    types.c = await createType(admin, 'kalamata', dept.c, `Βλάβη φωτιστικού ${RUN}`);
    await saveHtml('requests-admin-departments', (await admin.get(kal('/admin/requests/departments'))).body);
    await saveHtml('requests-admin-department', (await admin.get(departmentPage('kalamata', dept.b))).body);
    await saveHtml('requests-admin-types', (await admin.get(kal('/admin/requests/types'))).body);

    const spartiAdmin = await as('spartiAdmin', 'sparti');
    dept.sparti = await createDepartment(spartiAdmin, 'sparti', `Τεχνική Υπηρεσία Σπάρτης ${RUN}`);
    await addStaff(spartiAdmin, 'sparti', dept.sparti, PEOPLE.spartiStaff.email);
    types.sparti = await createType(spartiAdmin, 'sparti', dept.sparti, `Βλάβη ύδρευσης ${RUN}`);
  });

  test('a citizen cannot see another citizen\'s private request', async () => {
    const maria = await as('maria');
    const nikos = await as('nikos');
    const form = await maria.get(kal('/requests/new'));
    await saveHtml('requests-new', form.body);
    const mine = await fileRequest(maria, types.a, { isPublic: false, title: `Ιδιωτικό αίτημα για την αυλή μου ${RUN}`,
      files: [{ data: smallPdf(), filename: 'fotografia-aulis.pdf' }] });

    const own = await maria.get(kal(`/requests/${mine.id}`));
    assert.equal(own.status, 200, 'the requester sees her request');
    assert.ok(own.body.includes(esc(mine.title)));
    await saveHtml('requests-view-requester', own.body);
    const attachment = /href="([^"]*\/requests\/\d+\/attachments\/\d+)"/.exec(own.body);
    assert.ok(attachment, 'the attachment is linked on the request page');
    assert.equal((await maria.get(attachment[1])).status, 200, 'and she can download it');
    assert.ok((await filesIn(filesDir)).length > 0, 'the attachment is stored in the files folder');

    assert.equal((await nikos.get(kal(`/requests/${mine.id}`))).status, 404, 'another citizen gets 404');
    assert.equal((await nikos.get(attachment[1])).status, 404, 'and 404 for its attachment');
    assert.equal((await new HttpClient(srv.baseUrl).get(kal(`/requests/${mine.id}`))).status, 404, 'a visitor gets 404');

    const list = await nikos.get(kal(`/requests?q=${encodeURIComponent('Ιδιωτικό αίτημα')}`));
    assert.equal(list.status, 200);
    assert.ok(!list.body.includes(esc(mine.title)), 'not in the public list, even searched for');
    assert.ok(!list.body.includes(`/requests/${mine.id}"`), 'no link to it in the public list');
    const all = await new HttpClient(srv.baseUrl).get(kal('/requests'));
    assert.ok(!all.body.includes(`/requests/${mine.id}"`), 'nor on the first page for a visitor');
    await saveHtml('requests-public-list', all.body);

    const nikosOwn = await nikos.get(kal('/my/requests'));
    assert.equal(nikosOwn.status, 200);
    assert.ok(!nikosOwn.body.includes(esc(mine.title)), "not in the other citizen's /my/requests");
    const mariaOwn = await maria.get(kal('/my/requests'));
    assert.ok(mariaOwn.body.includes(esc(mine.title)), 'in her own /my/requests');
    await saveHtml('requests-my', mariaOwn.body);

    // Support needs a public request: a private one is not found.
    const support = await nikos.post(kal(`/requests/${mine.id}/support`), { _csrf: await csrfOf(nikos) });
    assert.equal(support.status, 404, 'supporting a private request one cannot see: 404');

    // Staff of the municipality see it, with the requester's name.
    const staff = await as('staffA');
    const review = await staff.get(kal(`/admin/requests/${mine.id}`));
    assert.equal(review.status, 200);
    assert.ok(review.body.includes(esc(PEOPLE.maria.name)), 'staff see who filed it');
  });

  test('a public request shows no personal data to the public', async () => {
    const maria = await as('maria');
    const req = await fileRequest(maria, types.a, { title: `Σπασμένο παγκάκι στην πλατεία ${RUN}` });
    const visitor = await new HttpClient(srv.baseUrl).get(kal(`/requests/${req.id}`));
    assert.equal(visitor.status, 200);
    assert.ok(visitor.body.includes(esc(req.title)));
    assert.ok(!visitor.body.includes(PEOPLE.maria.name), 'the requester\'s name is not public');
    assert.ok(!visitor.body.includes(PEOPLE.maria.email), 'nor her e-mail');
    await saveHtml('requests-view-public', visitor.body);
  });

  test('staff of department A cannot act on department B\'s request; a supervisor can', async () => {
    const maria = await as('maria');
    const req = await fileRequest(maria, types.b, { title: `Ξερά κλαδιά πάνω από την παιδική χαρά ${RUN}` });
    const staffA = await as('staffA');
    const page = await staffA.get(kal(`/admin/requests/${req.id}`));
    assert.equal(page.status, 200, 'staff of another department may read it');
    assert.doesNotMatch(page.body, new RegExp(`action="[^"]*/admin/requests/${req.id}/transition"`), 'but get no transition form');
    await saveHtml('requests-staff-view-readonly', page.body);

    for (const fields of [{ event: 'acknowledge' }, { event: 'resolve' }, { event: 'reject', reason: 'Δεν είναι αρμοδιότητά μας' }]) {
      const res = await transition(staffA, req.id, fields);
      assert.equal(res.status, 403, `${fields.event} by department A's staff: ${res.status}`);
      assert.ok(res.body.includes(esc(`Τμήμα Πρασίνου ${RUN}`)), 'the refusal names the department the request belongs to');
      await saveHtml('requests-staff-transition-forbidden', res.body);
    }
    const reply = await staffA.post(kal(`/admin/requests/${req.id}/reply`), { body: 'Θα το δούμε', public: '1', _csrf: await csrfOf(staffA) });
    assert.equal(reply.status, 403, 'nor reply');
    assert.equal(await stateOf(req.id), 'submitted', 'nothing changed');

    const chief = await as('chief');  // a supervisor, listed in department B only
    await transitionOk(chief, req.id, { event: 'acknowledge' });
    assert.equal(await stateOf(req.id), 'acknowledged');

    // A supervisor acts on any department's request, not only their own.
    const other = await fileRequest(maria, types.a, { title: `Γεμάτοι κάδοι στην οδό Φαρών ${RUN}` });
    await transitionOk(chief, other.id, { event: 'acknowledge' });
    assert.equal(await stateOf(other.id), 'acknowledged');
    const staffB = await as('staffB');
    const refused = await transition(staffB, other.id, { event: 'assign', department_id: String(dept.b) });
    assert.equal(refused.status, 403, 'plain staff of B cannot take A\'s request');
    assert.equal(await stateOf(other.id), 'acknowledged');

    // The auditor reads but never acts.
    const auditor = await as('auditor');
    assert.equal((await auditor.get(kal(`/admin/requests/${req.id}`))).status, 200);
    assert.equal((await transition(auditor, req.id, { event: 'resolve' })).status, 403);
    // A citizen has no back office.
    assert.equal((await maria.get(kal('/admin/requests'))).status, 403);
    assert.equal((await transition(maria, req.id, { event: 'resolve' })).status, 403);
    assert.equal(await stateOf(req.id), 'acknowledged');
  });

  test('a status change the state machine forbids is refused and explained in Greek', async () => {
    const maria = await as('maria');
    const req = await fileRequest(maria, types.a, { title: `Εγκαταλελειμμένο όχημα στην οδό Ναυαρίνου ${RUN}` });
    const staffA = await as('staffA');
    const start = await transition(staffA, req.id, { event: 'start' });
    assert.equal(start.status, 422, `start before assign: ${start.status}`);
    assert.ok(start.body.includes('Αναθέστε το αίτημα πριν ξεκινήσει η εργασία σε αυτό'), 'the page explains why, in Greek');
    assert.match(start.body, /<title>Σφάλμα/, 'the title says there was an error');
    await saveHtml('requests-staff-transition-refused', start.body);
    assert.equal(await stateOf(req.id), 'submitted', 'unchanged');

    const assign = await transition(staffA, req.id, { event: 'assign', department_id: String(dept.a) });
    assert.equal(assign.status, 422, 'assign before acknowledge');
    assert.ok(assign.body.includes('Σημειώστε το αίτημα ως παραληφθέν πριν το αναθέσετε'));
    const reject = await transition(staffA, req.id, { event: 'reject', reason: '   ' });
    assert.equal(reject.status, 422, 'a rejection without a reason');
    assert.ok(reject.body.includes('Αναφέρετε τον λόγο για τον οποίο απορρίπτεται το αίτημα'));
    const bogus = await transition(staffA, req.id, { event: 'teleport' });
    assert.equal(bogus.status, 422, 'an unknown event');
    assert.equal(await stateOf(req.id), 'submitted', 'still unchanged');

    const close = await transition(staffA, req.id, { event: 'close' });
    assert.equal(close.status, 422);
    assert.ok(close.body.includes('Μόνο ένα αίτημα που επιλύθηκε ή απορρίφθηκε μπορεί να κλείσει'));

    // The requester cannot reopen what is not finished.
    const reopen = await maria.post(kal(`/requests/${req.id}/reopen`), { _csrf: await csrfOf(maria) });
    assert.equal(reopen.status, 422);
    assert.ok(reopen.body.includes('Μόνο ένα αίτημα που επιλύθηκε, απορρίφθηκε ή έκλεισε μπορεί να ανοίξει ξανά'));
    assert.equal(await stateOf(req.id), 'submitted');
  });

  test('invalid fields get clear Greek messages and nothing is saved', async () => {
    const petros = await as('petros');
    const before = await filesIn(filesDir);
    const base = {
      type: String(types.a.id), organisation_id: '', title: `Σωστός τίτλος αιτήματος ${RUN}`,
      description: 'Μια περιγραφή που είναι αρκετά μεγάλη για να γίνει δεκτή από τη φόρμα.',
      address: 'Αριστομένους 12, Καλαμάτα', postal_code: '24131', latitude: '37.0392', longitude: '22.1129', is_public: '1',
    };
    const cases = [
      { what: 'a title too short', fields: { title: 'Αβ' }, field: 'title' },
      { what: 'a latitude out of range', fields: { latitude: '137.5' }, field: 'latitude' },
      { what: 'a longitude that is not a number', fields: { longitude: 'ανατολικά' }, field: 'longitude' },
      { what: 'a latitude without a longitude', fields: { longitude: '' }, field: 'longitude' },
      { what: 'no type', fields: { type: '' }, field: 'type' },
      { what: 'a type of another municipality', fields: { type: String(types.sparti.id) }, field: 'type' },
    ];
    for (const c of cases) {
      const res = await postRequest(petros, 'kalamata', { ...base, ...c.fields });
      assert.equal(res.status, 422, `${c.what}: ${res.status}`);
      const summary = errorSummary(res.body);
      assert.match(summary, new RegExp(`href="#${c.field}"`), `${c.what}: the summary links to #${c.field}\n${summary}`);
      assert.match(summary, /[Α-Ωα-ωά-ώ]{3}/, `${c.what}: the message is in Greek\n${summary}`);
      assert.doesNotMatch(summary, /\b(must|invalid|required)\b/i, `${c.what}: no English left\n${summary}`);
    }
    const short = await postRequest(petros, 'kalamata', { ...base, title: 'Αβ' });
    assert.ok(short.body.includes(esc(base.description)), 'the typed values are kept');
    await saveHtml('requests-new-invalid', short.body);

    const exe = await postRequest(petros, 'kalamata', base, [{ data: fakeExe(), filename: 'fotografia.pdf' }]);
    assert.equal(exe.status, 422, `an .exe renamed .pdf: ${exe.status}`);
    assert.match(exe.body, /Το αρχείο «fotografia\.pdf» πρέπει να είναι έγγραφο PDF, JPEG ή PNG/, 'the message names the file');
    assert.match(errorSummary(exe.body), /href="#attachments"/);

    // Attachments for a type that takes none are refused too.
    const noFiles = await postRequest(petros, 'kalamata', { ...base, type: String(types.b.id) }, [{ data: smallPdf(), filename: 'a.pdf' }]);
    assert.equal(noFiles.status, 422, `attachments to a type without them: ${noFiles.status}`);

    assert.deepEqual(await filesIn(filesDir), before, 'no file was stored');
    const mine = await petros.get(kal('/my/requests'));
    assert.equal(mine.status, 200);
    assert.doesNotMatch(mine.body, /href="[^"]*\/requests\/\d+"/, 'he has no request');
    const staff = await as('tenant_admin');
    const queue = await staff.get(kal(`/admin/requests?q=${encodeURIComponent('Σωστός τίτλος αιτήματος')}`));
    assert.equal(queue.status, 200);
    assert.ok(!queue.body.includes(esc(base.title)), 'no request row in the queue');
  });

  test('the requester is mailed and notified; supporters hear the outcome; one rating; reopening', async () => {
    const maria = await as('maria');
    const eleni = await as('eleni');
    const staffA = await as('staffA');
    const unread0 = await unreadCount(maria);
    const req = await fileRequest(maria, types.a, { title: `Σκουπίδια στο ρέμα του Νέδοντα ${RUN}` });

    const supported = await eleni.post(kal(`/requests/${req.id}/support`), { _csrf: await csrfOf(eleni) });
    assert.equal(supported.status, 303, `«me too»: ${supported.status}`);
    assert.equal((await requestJson(req.id)).supporters, 1, 'one supporter');
    const own = await maria.post(kal(`/requests/${req.id}/support`), { _csrf: await csrfOf(maria) });
    assert.ok(own.status >= 400 && own.status < 500, `supporting one's own request is refused: ${own.status}`);
    assert.equal((await requestJson(req.id)).supporters, 1);
    // Rating before the outcome is refused.
    const early = await maria.post(kal(`/requests/${req.id}/rating`), { rating: '5', comment: '', _csrf: await csrfOf(maria) });
    assert.equal(early.status, 422, `a rating before resolution: ${early.status}`);

    await transitionOk(staffA, req.id, { event: 'acknowledge' });
    const ack = await mailAbout(PEOPLE.maria.email, req.id);
    assert.match(`${ack.subject}\n${ack.text}`, /[Α-Ωα-ωά-ώ]{4}/, 'the mail is in Greek');
    assert.equal(await unreadCount(maria), unread0 + 1, 'the header shows one more unread notification');

    await transitionOk(staffA, req.id, { event: 'assign', department_id: String(dept.a), assignee_user_id: String(ids[PEOPLE.staffA.email]) });
    await mailAbout(PEOPLE.staffA.email, req.id);  // staff are mailed on assignment
    await transitionOk(staffA, req.id, { event: 'start' });
    const replyText = `Συνεργείο θα καθαρίσει το ρέμα την Πέμπτη (${RUN}).`;
    const reply = await staffA.post(kal(`/admin/requests/${req.id}/reply`), { body: replyText, public: '1', _csrf: await csrfOf(staffA) });
    assert.equal(reply.status, 303, `a public reply: ${reply.status}`);
    const note = `Εσωτερική σημείωση: χρειάζεται φορτηγό (${RUN}).`;
    assert.equal((await staffA.post(kal(`/admin/requests/${req.id}/reply`), { body: note, public: '0', _csrf: await csrfOf(staffA) })).status, 303);
    await transitionOk(staffA, req.id, { event: 'resolve', reason: 'Το ρέμα καθαρίστηκε.' });
    assert.equal(await stateOf(req.id), 'resolved');
    await saveHtml('requests-staff-view', (await staffA.get(kal(`/admin/requests/${req.id}`))).body);

    // Mail for each change (acknowledged, assigned, in progress, the reply, resolved): the last
    // one is about the resolution, and the supporter is told of the outcome too.
    await mailAbout(PEOPLE.maria.email, req.id, /[Εε]πιλύθηκε|ΕΠΙΛΥΘΗΚΕ/);
    await mailAbout(PEOPLE.eleni.email, req.id, /[Εε]πιλύθηκε|ΕΠΙΛΥΘΗΚΕ/);
    // Acknowledged, assigned, started, answered and resolved within minutes: one entry, the
    // newest news first.
    const unread = await unreadCount(maria);
    assert.equal(unread, unread0 + 1, `a burst of changes on one request is one notification: ${unread}`);
    assert.ok(await unreadCount(eleni) >= 1, 'the supporter has an unread notification');

    const notifications = await maria.get(kal('/notifications'));
    assert.equal(notifications.status, 200);
    assert.ok(notifications.body.includes(esc(req.title)), 'the list names the request');
    await saveHtml('requests-notifications', notifications.body);
    // An unread notification opens through a small form: reading it marks it read.
    const first = /<form[^>]*action="([^"]*\/notifications\/\d+\/read)"/.exec(notifications.body);
    assert.ok(first, 'an unread notification opens with a button');
    const opened = await maria.post(first[1], { _csrf: extractCsrf(notifications.body) });
    assert.equal(opened.status, 303, `opening a notification: ${opened.status}`);
    assert.equal(new URL(opened.location).pathname, kal(`/requests/${req.id}`), 'the newest notification leads to the request');
    assert.equal(await unreadCount(maria), unread - 1, 'one fewer unread');
    const othersRead = await (await as('nikos')).post(first[1], { _csrf: await csrfOf(await as('nikos')) });
    assert.equal(othersRead.status, 404, "another person's notification is not found");
    const read = await maria.post(kal('/notifications/read'), { _csrf: extractCsrf(notifications.body) });
    assert.equal(read.status, 303, `mark all read: ${read.status}`);
    assert.equal(await unreadCount(maria), 0, 'all read: no count in the header');

    const view = await maria.get(kal(`/requests/${req.id}`));
    assert.ok(view.body.includes(esc(replyText)), 'the requester sees the public reply');
    assert.ok(!view.body.includes(esc(note)), 'but not the internal note');
    assert.ok(!(await eleni.get(kal(`/requests/${req.id}`))).body.includes(esc(note)), 'nor does the public');

    // One rating, by the requester only.
    const byOther = await eleni.post(kal(`/requests/${req.id}/rating`), { rating: '1', comment: '', _csrf: await csrfOf(eleni) });
    assert.ok([403, 404].includes(byOther.status), `a rating by someone else: ${byOther.status}`);
    const bad = await maria.post(kal(`/requests/${req.id}/rating`), { rating: '9', comment: '', _csrf: await csrfOf(maria) });
    assert.equal(bad.status, 422, 'a rating of 9 of 5');
    const rated = await maria.post(kal(`/requests/${req.id}/rating`), { rating: '4', comment: 'Γρήγορη εξυπηρέτηση, ευχαριστώ.', _csrf: await csrfOf(maria) });
    assert.equal(rated.status, 303, `the rating: ${rated.status}\n${errorSummary(rated.body)}`);
    const again = await maria.post(kal(`/requests/${req.id}/rating`), { rating: '1', comment: 'Άλλαξα γνώμη', _csrf: await csrfOf(maria) });
    assert.equal(again.status, 422, `a second rating: ${again.status}`);
    assert.match(errorSummary(again.body), /[Α-Ωα-ωά-ώ]{4}/, 'explained in Greek');
    assert.equal((await requestJson(req.id)).rating, 4, 'the first rating stays');

    // Reopening within the window (14 days): back to "in progress".
    const byEleni = await eleni.post(kal(`/requests/${req.id}/reopen`), { _csrf: await csrfOf(eleni) });
    assert.ok([403, 404, 422].includes(byEleni.status), `only the requester reopens: ${byEleni.status}`);
    assert.equal(await stateOf(req.id), 'resolved');
    const reopened = await maria.post(kal(`/requests/${req.id}/reopen`), { _csrf: await csrfOf(maria) });
    assert.equal(reopened.status, 303, `reopen: ${reopened.status}\n${errorSummary(reopened.body)}`);
    assert.equal(await stateOf(req.id), 'in_progress');
    await saveHtml('requests-view-reopened', (await maria.get(kal(`/requests/${req.id}`))).body);
  });

  test('merging a duplicate keeps its requester and supporters informed', async () => {
    const maria = await as('maria');
    const nikos = await as('nikos');
    const eleni = await as('eleni');
    const staffA = await as('staffA');
    const original = await fileRequest(maria, types.a, { title: `Παράνομη απόρριψη μπάζων στην Ανάληψη ${RUN}` });
    const duplicate = await fileRequest(nikos, types.a, { title: `Μπάζα πεταμένα στον δρόμο της Ανάληψης ${RUN}` });
    assert.equal((await eleni.post(kal(`/requests/${duplicate.id}/support`), { _csrf: await csrfOf(eleni) })).status, 303);

    const self = await staffA.post(kal(`/admin/requests/${original.id}/merge`), { into: String(original.id), _csrf: await csrfOf(staffA) });
    assert.equal(self.status, 422, 'a request cannot be merged into itself');
    const merged = await staffA.post(kal(`/admin/requests/${duplicate.id}/merge`), { into: String(original.id), _csrf: await csrfOf(staffA) });
    assert.equal(merged.status, 303, `merge: ${merged.status}\n${errorSummary(merged.body)}`);
    // The duplicate's requester and its supporter are told, with a link to the request kept.
    await mailAbout(PEOPLE.nikos.email, original.id, new RegExp(escapeRe(duplicate.title)));
    await mailAbout(PEOPLE.eleni.email, original.id, new RegExp(escapeRe(duplicate.title)));
    assert.equal((await requestJson(original.id)).supporters, 2, 'the duplicate\'s requester and supporter now support the original');
    const dupPage = await nikos.get(kal(`/requests/${duplicate.id}`));
    if (dupPage.status === 200) await saveHtml('requests-view-merged', dupPage.body);
    assert.ok(dupPage.status === 200 ? dupPage.body.includes(`/requests/${original.id}`) : dupPage.status === 404,
      'the duplicate points to the request it was merged into');
    const again = await staffA.post(kal(`/admin/requests/${duplicate.id}/merge`), { into: String(original.id), _csrf: await csrfOf(staffA) });
    assert.equal(again.status, 422, 'a merged request cannot be merged again');

    await transitionOk(staffA, original.id, { event: 'resolve' });
    await mailAbout(PEOPLE.maria.email, original.id, /[Εε]πιλύθηκε|ΕΠΙΛΥΘΗΚΕ/);
    await mailAbout(PEOPLE.nikos.email, original.id, /[Εε]πιλύθηκε|ΕΠΙΛΥΘΗΚΕ/);
    await mailAbout(PEOPLE.eleni.email, original.id, /[Εε]πιλύθηκε|ΕΠΙΛΥΘΗΚΕ/);
    const notes = await nikos.get(kal('/notifications'));
    assert.ok(notes.body.includes(esc(duplicate.title)), 'the duplicate\'s requester is notified of the merge in the app too');
    assert.ok(notes.body.includes(esc(original.title)), 'and of the outcome of the request it was merged into');
  });

  test('bulk assignment, all or nothing, and the CSV export of the filtered queue', async () => {
    const nikos = await as('nikos');
    const staffC = await as('staffC');
    const batch = [];
    for (let i = 1; i <= 3; i += 1) batch.push(await fileRequest(nikos, types.c, { title: `Σβηστή λάμπα στην οδό Σιδηροδρομικού Σταθμού ${i} ${RUN}` }));
    const untouched = await fileRequest(nikos, types.c, { title: `Σβηστή λάμπα στο πάρκο ${RUN}` });
    for (const r of batch) await transitionOk(staffC, r.id, { event: 'acknowledge' });
    const other = await fileRequest(nikos, types.b, { title: `Πεσμένο δέντρο ${RUN}` });
    await transitionOk(await as('staffB'), other.id, { event: 'acknowledge' });

    const queue = await staffC.get(kal(`/admin/requests?department=${dept.c}&state=acknowledged`));
    assert.equal(queue.status, 200);
    for (const r of batch) assert.ok(queue.body.includes(esc(r.title)), `the filtered queue lists «${r.title}»`);
    assert.ok(!queue.body.includes(esc(untouched.title)), 'but not a request in another state');
    await saveHtml('requests-staff-queue', queue.body);
    const csrf = extractCsrf(queue.body);
    const assignee = String(ids[PEOPLE.staffC.email]);

    // One request of another department in the batch refuses the whole batch.
    const mixed = await staffC.post(kal('/admin/requests/bulk-assign'),
      [...[...batch, other].map((r) => ['ids', String(r.id)]), ['department_id', String(dept.c)], ['assignee_user_id', assignee], ['_csrf', csrf]]);
    assert.ok([403, 422].includes(mixed.status), `a batch with another department's request: ${mixed.status}`);
    await saveHtml('requests-staff-bulk-refused', mixed.body);
    for (const r of batch) assert.equal(await stateOf(r.id), 'acknowledged', 'none of the batch was assigned');

    const ok = await staffC.post(kal('/admin/requests/bulk-assign'),
      [...batch.map((r) => ['ids', String(r.id)]), ['department_id', String(dept.c)], ['assignee_user_id', assignee], ['_csrf', csrf]]);
    assert.equal(ok.status, 303, `bulk assign: ${ok.status}\n${errorSummary(ok.body)}`);
    for (const r of batch) assert.equal(await stateOf(r.id), 'assigned');

    const csv = await staffC.get(kal(`/admin/requests/export.csv?department=${dept.c}&state=assigned`));
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') || '', /^text\/csv/);
    assert.match(csv.headers.get('content-disposition') || '', /^attachment;/);
    const [header, ...rows] = parseCsv(csv.body);
    const idCol = header.findIndex((h) => /^(id|α\/α|αριθμός)$/i.test(h.trim()));
    assert.ok(idCol >= 0, `the header names the id column: ${header.join(',')}`);
    const titleCol = header.findIndex((h) => /^(title|τίτλος)$/i.test(h.trim()));
    assert.ok(titleCol >= 0, `the header names the title column: ${header.join(',')}`);
    assert.ok(rows.every((r) => r.length === header.length), 'every row has as many fields as the header');
    const exported = rows.map((r) => Number(r[idCol])).sort((x, y) => x - y);
    assert.deepEqual(exported, batch.map((r) => r.id).sort((x, y) => x - y), 'exactly the three assigned requests');
    for (const r of batch) assert.equal(rows.find((row) => Number(row[idCol]) === r.id)[titleCol], r.title, 'with their titles');
    for (const row of rows) assert.ok(row.includes(PEOPLE.staffC.name), `and the assignee: ${row.join(' | ')}`);
    const all = await staffC.get(kal(`/admin/requests/export.csv?department=${dept.c}`));
    assert.equal(parseCsv(all.body).length, 1 + 4, 'the whole department: four rows');

    const citizen = await nikos.get(kal('/admin/requests/export.csv'));
    assert.equal(citizen.status, 403, 'no export for a citizen');
  });

  test('staff of one municipality get 404 for a request of another', async () => {
    const maria = await as('maria', 'sparti');
    const req = await fileRequest(maria, types.sparti, { slug: 'sparti', title: `Διαρροή νερού στην πλατεία Σπάρτης ${RUN}` });
    const spartiStaff = await as('spartiStaff', 'sparti');
    assert.equal((await spartiStaff.get(at('sparti', `/admin/requests/${req.id}`))).status, 200, "sparti's staff see it");

    const staffA = await as('staffA');
    const admin = await as('tenant_admin');
    for (const c of [staffA, admin]) {
      assert.equal((await c.get(kal(`/admin/requests/${req.id}`))).status, 404, 'not found through kalamata');
      assert.equal((await transition(c, req.id, { event: 'acknowledge' }, 'kalamata')).status, 404);
      const merge = await c.post(kal(`/admin/requests/${req.id}/merge`), { into: '1', _csrf: await csrfOf(c, 'kalamata') });
      assert.equal(merge.status, 404);
      assert.equal((await c.get(kal(`/requests/${req.id}`))).status, 404, 'nor on the public page of kalamata');
      const queue = await c.get(kal(`/admin/requests?q=${encodeURIComponent('Διαρροή νερού')}`));
      assert.ok(!queue.body.includes(esc(req.title)), "not in kalamata's queue");
      // Through sparti's address they have no role at all.
      assert.equal((await c.get(at('sparti', `/admin/requests/${req.id}`))).status, 403);
    }
    assert.equal((await new HttpClient(srv.baseUrl).get(kal(`/requests/${req.id}`))).status, 404);
    const reader = await as('tenant_admin');
    assert.equal((await reader.get(kal(`/api/v1/requests/${req.id}`))).status, 404, 'nor in kalamata\'s API');
    // Through sparti's address it is a public request like any other: no personal data for
    // someone without a role there.
    const viaSparti = await reader.get(at('sparti', `/api/v1/requests/${req.id}`));
    assert.equal(viaSparti.status, 200, `the public request through sparti: ${viaSparti.status}`);
    assert.ok(!viaSparti.body.includes(PEOPLE.maria.email) && !viaSparti.body.includes(PEOPLE.maria.name),
      "kalamata's admin gets no personal data of sparti's request");
    const own = await spartiStaff.get(at('sparti', `/admin/requests/${req.id}`));
    assert.ok(own.body.includes(esc(req.title)), 'still there, untouched');
  });

  test('the statistics page and the staff pages render', async () => {
    const stats = await new HttpClient(srv.baseUrl).get(kal('/requests/statistics'));
    assert.equal(stats.status, 200);
    await saveHtml('requests-statistics', stats.body);
    const admin = await as('tenant_admin');
    const keys = await admin.get(kal('/admin/requests/api-keys'));
    assert.equal(keys.status, 200);
    await saveHtml('requests-admin-api-keys', keys.body);
    const typePage = await admin.get(kal('/admin/requests/types/new'));
    assert.equal(typePage.status, 200);
    await saveHtml('requests-admin-type-new', typePage.body);
    const overdue = await (await as('staffA')).get(kal('/admin/requests?overdue=1'));
    assert.equal(overdue.status, 200);
  });
});
