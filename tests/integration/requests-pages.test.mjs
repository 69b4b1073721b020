// The requests pages as each audience sees them, over the demo municipality: every
// kind of page is fetched as a browser without JavaScript would, its status and the facts that
// matter to that audience are checked, and the page is saved for the Nu HTML checker
// (tests/html/vnu-check) — including the forms re-rendered with errors and the 403 pages that
// say why. requests-flow.test.mjs covers the rules; this file covers the page kinds.
//
//   visitor      the public list (filters, page 2, English), a request with and without a
//                location, the statistics, the home card; /requests/new sends them to log in
//   citizen      the form (and its 422), their requests, their resolved request with the rating
//                form (and its 422), the rated request, reopening
//   org admin    the form with «on behalf of», "Me too" and "Withdraw support", a merged request
//   staff        the queue (filters, overdue), a request they act on, one of another
//                department (read only, and the 403 page when they try), the CSV export
//   tenant admin the queue with the settings links and the bulk form (and its 422)
//   auditor      the queue and a request, read only
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, HttpClient, extractCsrf, saveHtml } from './lib/server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './lib/flows.mjs';

const RUN = Date.now().toString(36);
let srv;
let logins;
const people = {};

before(async () => {
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
  logins = parseDemoLogins(await srv.demoLogins());
  for (const role of ['citizen', 'org_admin', 'staff', 'tenant_admin', 'auditor']) {
    const c = new HttpClient(srv.baseUrl);
    await loginOk(c, logins[role].email, logins[role].password);
    people[role] = c;
  }
  people.visitor = new HttpClient(srv.baseUrl);
});

after(async () => {
  await srv?.stop();
});

function errorSummary(html) {
  const m = /<div class="error-summary"[\s\S]*?<\/div>/.exec(html);
  return m ? m[0] : '';
}

/** GETs a page, checks its status and saves it as requests-pages-<name>. */
async function page(who, path, name, status = 200) {
  const res = await people[who].get(path);
  assert.equal(res.status, status, `${who} GET ${path}: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 300)}`);
  if (name) await saveHtml(`requests-pages-${name}`, res.body);
  return res;
}

/** POSTs a form as `who` with the CSRF token of `formPath`, checks the status, saves a page answer. */
async function post(who, path, fields, { formPath = path, status = 303, name } = {}) {
  const token = extractCsrf((await people[who].get(formPath)).body);
  const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
  const res = await people[who].post(path, [...pairs, ['_csrf', token]]);
  assert.equal(res.status, status, `${who} POST ${path}: ${res.status}\n${errorSummary(res.body) || res.body.slice(0, 300)}`);
  if (name) await saveHtml(`requests-pages-${name}`, res.body);
  return res;
}

/** Files a request through the multipart form; returns the response. */
async function fileRequest(who, fields) {
  const form = await people[who].get('/requests/new');
  const data = new FormData();
  data.append('_csrf', extractCsrf(form.body));
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  return people[who].request('POST', '/requests/new', { multipart: data });
}

const ids = (html, re) => [...html.matchAll(re)].map((m) => m[1]);
const idFrom = (location) => Number(/\/requests\/(\d+)$/.exec(new URL(location).pathname)[1]);

test('the requests pages, as each audience sees them', async () => {
  // ---- visitor
  const list = await page('visitor', '/requests', 'list');
  assert.match(list.body, /href="\/requests\/new"/, 'the list invites to make a request');
  assert.match(list.body, /href="\/requests\/statistics"/, 'and links to the statistics');
  assert.doesNotMatch(list.body, /Εκπρόθεσμο/, 'the public list does not show overdue');
  await page('visitor', '/requests?state=closed&q=%CE%BB%CE%B1%CE%BA%CE%BA%CE%BF%CF%85%CE%B2%CE%B1', 'list-filtered');
  const second = await page('visitor', '/requests?page=2', 'list-page-2');
  assert.match(second.body, /rel="prev"/, 'page 2 links back');
  await page('visitor', '/requests?page=1000', 'list-past-the-end');
  const english = await people.visitor.get('/requests/statistics', { headers: { 'accept-language': 'en' } });
  assert.equal(english.status, 200);
  assert.match(english.body, /<caption[^>]*>By department<\/caption>/);
  await saveHtml('requests-pages-statistics-en', english.body);
  const stats = await page('visitor', '/requests/statistics', 'statistics');
  assert.match(stats.body, /<th class="table__header" scope="row"[^>]*>/, 'rows are headed by their department or type');
  const home = await page('visitor', '/', null);
  assert.match(home.body, /href="\/requests\/new"/, 'the home page has the requests card');
  const publicIds = ids(list.body, /href="\/requests\/(\d+)"/g);
  assert.ok(publicIds.length >= 10, 'the demo has public requests');
  for (const id of publicIds.slice(0, 3)) await page('visitor', `/requests/${id}`, `view-visitor-${id}`);
  const toLogin = await people.visitor.get('/requests/new');
  assert.equal(toLogin.status, 303, 'a visitor is sent to log in');
  assert.match(toLogin.location, /\/login\?next=/);

  // ---- citizen: the form, a problem, a request
  const form = await page('citizen', '/requests/new', 'new');
  assert.doesNotMatch(form.body, /name="organisation_id"/, 'a citizen with no organisation has no «on behalf of»');
  const typeId = /<option value="(\d+)"[^>]*data-location="1"/.exec(form.body)?.[1];
  assert.ok(typeId, 'a type that takes a location');
  const fields = {
    type: typeId, title: `Σβηστός φανοστάτης στην πλατεία ${RUN}`,
    description: 'Ο φανοστάτης στη γωνία της πλατείας είναι σβηστός εδώ και μια εβδομάδα.',
    address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', postal_code: '24100', latitude: '37.0389', longitude: '22.1142', is_public: '1',
  };
  const invalid = await fileRequest('citizen', { ...fields, title: 'Αβ', latitude: '137' });
  assert.equal(invalid.status, 422);
  assert.match(errorSummary(invalid.body), /href="#title"/);
  assert.match(errorSummary(invalid.body), /href="#latitude"/);
  assert.ok(invalid.body.includes('Ο φανοστάτης στη γωνία'), 'the values are kept');
  await saveHtml('requests-pages-new-invalid', invalid.body);
  const filed = await fileRequest('citizen', fields);
  assert.equal(filed.status, 303, errorSummary(filed.body));
  const id = idFrom(filed.location);
  const own = await page('citizen', `/requests/${id}`, 'view-requester-new');
  assert.match(own.body, /notification--success/, 'a confirmation');
  await page('citizen', '/my/requests', 'my');

  // ---- org admin: on behalf of, me too, withdraw
  const orgForm = await page('org_admin', '/requests/new', 'new-org-admin');
  assert.match(orgForm.body, /name="organisation_id"/, 'an organisation admin may file on its behalf');
  const other = await page('org_admin', `/requests/${id}`, 'view-other-citizen');
  assert.match(other.body, new RegExp(`action="/requests/${id}/support"`), '«Me too» for another resident');
  await post('org_admin', `/requests/${id}/support`, {}, { formPath: `/requests/${id}` });
  const supporter = await page('org_admin', `/requests/${id}`, 'view-supporter');
  assert.match(supporter.body, new RegExp(`action="/requests/${id}/unsupport"`), '«Withdraw support» once supporting');

  // ---- tenant admin: the staff page with every form; acknowledge and resolve
  const staffPage = `/admin/requests/${id}`;
  const full = await page('tenant_admin', staffPage, 'staff-view-new');
  assert.ok(full.body.includes(logins.citizen.email), 'staff see the requester');
  assert.match(full.body, /name="event" value="acknowledge"/);
  assert.doesNotMatch(full.body, /name="event" value="start"/, 'only the steps the state machine allows');
  await post('tenant_admin', `${staffPage}/transition`, { event: 'start' }, { formPath: staffPage, status: 422, name: 'staff-view-refused' });
  await post('tenant_admin', `${staffPage}/transition`, { event: 'acknowledge' }, { formPath: staffPage });
  await page('tenant_admin', staffPage, 'staff-view-acknowledged');
  await post('tenant_admin', `${staffPage}/reply`, { body: '', public: '1' }, { formPath: staffPage, status: 422, name: 'staff-reply-invalid' });
  await post('tenant_admin', `${staffPage}/reply`, { body: `Εσωτερική σημείωση ${RUN}`, public: '0' }, { formPath: staffPage });
  await post('tenant_admin', `${staffPage}/transition`, { event: 'resolve', reason: 'Ο λαμπτήρας αντικαταστάθηκε.' }, { formPath: staffPage });
  await page('tenant_admin', staffPage, 'staff-view-resolved');

  // ---- citizen: the answer, the rating form, a rating
  const resolved = await page('citizen', `/requests/${id}`, 'view-requester-resolved');
  assert.ok(resolved.body.includes('Ο λαμπτήρας αντικαταστάθηκε.'), 'the answer is shown');
  assert.ok(!resolved.body.includes(`Εσωτερική σημείωση ${RUN}`), 'the internal note is not');
  assert.match(resolved.body, /<legend class="fieldset__legend">[^<]+<\/legend>[\s\S]*name="rating" value="5"/, 'a 1–5 radio group with a legend');
  await post('citizen', `/requests/${id}/rating`, { rating: '', comment: '' }, { formPath: `/requests/${id}`, status: 422, name: 'rating-invalid' });
  await post('citizen', `/requests/${id}/rating`, { rating: '4', comment: 'Ευχαριστώ.' }, { formPath: `/requests/${id}` });
  const rated = await page('citizen', `/requests/${id}`, 'view-requester-rated');
  assert.match(rated.body, /4 στα 5/);
  assert.doesNotMatch(rated.body, new RegExp(`action="/requests/${id}/rating"`), 'one rating only');
  await post('citizen', `/requests/${id}/reopen`, {}, { formPath: `/requests/${id}` });

  // ---- a duplicate merged into it
  const dup = await fileRequest('org_admin', { ...fields, title: `Σκοτάδι στην πλατεία ${RUN}` });
  assert.equal(dup.status, 303, errorSummary(dup.body));
  const dupId = idFrom(dup.location);
  await post('tenant_admin', `/admin/requests/${dupId}/merge`, { into: 'όχι' }, { formPath: `/admin/requests/${dupId}`, status: 422, name: 'merge-invalid' });
  await post('tenant_admin', `/admin/requests/${dupId}/merge`, { into: String(id) }, { formPath: `/admin/requests/${dupId}` });
  const merged = await page('org_admin', `/requests/${dupId}`, 'view-merged');
  assert.match(merged.body, new RegExp(`href="/requests/${id}"`), 'the duplicate points to the request it joined');
  await page('tenant_admin', `/admin/requests/${dupId}`, 'staff-view-merged');

  // ---- the queue: tenant admin (settings, bulk form), staff, auditor
  const queue = await page('tenant_admin', '/admin/requests', 'queue-admin');
  for (const link of ['/admin/requests/departments', '/admin/requests/types', '/admin/requests/api-keys', '/admin/requests/export.csv']) {
    assert.ok(queue.body.includes(`href="${link}`), `the queue links to ${link}`);
  }
  assert.match(queue.body, /action="\/admin\/requests\/bulk-assign"/);
  const overdue = await page('tenant_admin', '/admin/requests?state=open&overdue=1', 'queue-overdue');
  assert.match(overdue.body, /requests-queue__row--overdue/, 'overdue rows are marked');
  assert.match(overdue.body, />Εκπρόθεσμο</, 'in words, not colour alone');
  await post('tenant_admin', '/admin/requests/bulk-assign', [['return', 'state=open'], ['department_id', '']],
    { formPath: '/admin/requests', status: 422, name: 'queue-bulk-invalid' });
  // Raw bytes: fetch's text() would drop the byte-order mark this checks.
  const csv = await fetch(`${srv.baseUrl}/admin/requests/export.csv?state=open`, { headers: { cookie: people.staff.cookieHeader() } });
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv; charset=utf-8/);
  const bytes = Buffer.from(await csv.arrayBuffer());
  assert.ok(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'a UTF-8 BOM, for Excel');
  assert.ok(bytes.subarray(3).toString('utf8').startsWith(
    'Αριθμός;Ημερομηνία υποβολής;Είδος;Υπηρεσία;Κατάσταση;Προθεσμία απάντησης;Εκπρόθεσμο;Ανατέθηκε σε;Τίτλος;Διεύθυνση;Υποστηρικτές;Αξιολόγηση\r\n'),
  'and the columns, in Greek, separated as Greek Excel expects');

  // A request the staff member cannot act on: of a type that a department they are not in
  // answers. The demo's own submitted requests may all be theirs, depending on the hour the
  // demo was made (its requests age with the clock).
  const staffDepartments = ['Κέντρο Ενεργών Πολιτών', 'Τεχνικές Υπηρεσίες'];  // the demo's (requests/demo.cpp)
  const types = (await people.citizen.get('/api/v1/request-types')).json().items;
  const elsewhere = types.find((t) => !t.takes_location && !staffDepartments.includes(t.department.name));
  assert.ok(elsewhere, 'a type another department answers');
  const elsewhereFiled = await fileRequest('citizen', {
    type: String(elsewhere.id), title: `Αίτημα άλλης υπηρεσίας ${RUN}`,
    description: 'Ένα αίτημα που απαντά άλλη υπηρεσία από εκείνες του υπαλλήλου.', is_public: '0',
  });
  assert.equal(elsewhereFiled.status, 303, errorSummary(elsewhereFiled.body));

  const staffQueue = await page('staff', '/admin/requests?state=submitted', 'queue-staff');
  // The rows of departments the staff member is not in are marked, with no box to tick.
  const others = [...staffQueue.body.matchAll(/<tr class="requests-queue__row[^"]*requests-queue__row--other[^"]*">([\s\S]*?)<\/tr>/g)];
  assert.ok(others.length > 0, 'the demo has a request of a department the staff member is not in, marked');
  assert.ok(others.every((m) => !/name="ids"/.test(m[1]) && /Άλλης υπηρεσίας/.test(m[1])), 'marked in words, with no box to tick');
  const otherId = /href="\/admin\/requests\/(\d+)"/.exec(others[0][1])[1];
  const readOnly = { id: otherId, res: await people.staff.get(`/admin/requests/${otherId}`) };
  assert.ok(!readOnly.res.body.includes('/transition"'), 'and its page offers no transition');
  await saveHtml('requests-pages-staff-view-read-only', readOnly.res.body);
  const refused = await post('staff', `/admin/requests/${readOnly.id}/transition`, { event: 'acknowledge' },
    { formPath: `/admin/requests/${readOnly.id}`, status: 403, name: 'staff-forbidden' });
  assert.match(refused.body, /ανήκει στην υπηρεσία «/, 'the 403 page names the department');

  await page('auditor', '/admin/requests?page=2', 'queue-auditor');
  const audit = await page('auditor', `/admin/requests/${id}`, 'staff-view-auditor');
  assert.doesNotMatch(audit.body, /\/transition"/, 'an auditor never acts');
  await page('citizen', '/admin/requests', null, 403);
});
