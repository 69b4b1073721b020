// The municipality's people through the web, on the engine under test, with a real SMTP server
// and two-step log-in required: the administrator invites a new member of staff into a
// department; the person chooses a password through the mailed link, sets up two-step log-in,
// acts on that department's requests (and those of a unit below a unit they are given) and is
// refused another department's; the role withdrawn, the next call is refused. A member of staff
// who leaves is deactivated, and their requests go back to the unit's queue, which is told.
// Units are added and nested with the form; retiring one still in use, bad input, and everyone
// but the administrator are refused, in Greek, with nothing changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';

import { startServer, startSmtpSink, HttpClient, saveHtml } from './lib/server.mjs';
import { parseDemoLogins, writeConfig, uniqueEmail, linkIn, login, loginOk, loginWithCode, totp } from './lib/flows.mjs';

let sink;
let srv;
let demo;
const clients = {};

before(async () => {
  sink = await startSmtpSink();
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_SMTP_URL: sink.url, SYNERGEIA_CONFIG: config, SYNERGEIA_SECOND_FACTOR: '1' } });
  demo = parseDemoLogins(await srv.demoLogins());
});

after(async () => {
  await srv?.stop();
  await sink?.stop();
});

async function as(role) {
  if (clients[role]) return clients[role];
  const c = new HttpClient(srv.baseUrl);
  await loginWithCode(c, demo[role].email, demo[role].password, demo[role].totpSecret);
  c.csrfToken = await c.csrf('/account');
  clients[role] = c;
  return c;
}

/** Invites a new member of staff into a unit, and has them choose a password, log in and set up two-step log-in. */
async function newStaff(name, unitId) {
  const admin = await as('tenant_admin');
  const email = uniqueEmail('staff');
  const invited = await admin.submit('/admin/people/invite', { email, display_name: name, role: 'staff', unit_id: String(unitId) });
  assert.equal(invited.status, 303, invited.body.slice(0, 500));
  const mail = await sink.waitForMail((m) => m.toAddresses.includes(email));
  const link = linkIn(mail, '/password/reset');
  const person = new HttpClient(srv.baseUrl);
  assert.equal((await person.get(link)).status, 200);
  const password = 'καινούριος κωδικός 31';
  const chosen = await person.submit('/password/reset', { token: new URL(link).searchParams.get('token'), password, password_confirm: password },
    { formPath: link });
  assert.equal(chosen.status, 303);
  await loginOk(person, email, password);
  person.csrfToken = await person.csrf('/account');
  const setup = await person.get('/account/two-factor');
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)[1].replace(/ /g, '');
  assert.equal((await person.submit('/account/two-factor', { code: totp(secret) })).status, 200);
  person.csrfToken = await person.csrf('/account');
  return { person, email, mail, personPath: new URL(invited.location).pathname };
}

const api = (c, method, path, json) => c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });

/** The demo's departments by Greek name, from the units page's select. */
async function unitIds(admin) {
  const page = await admin.get('/admin/units');
  assert.equal(page.status, 200);
  const select = /<select[^>]*name="parent_id"[\s\S]*?<\/select>/.exec(page.body)[0];
  return Object.fromEntries([...select.matchAll(/<option value="(\d+)"[^>]*>(?:— )*([^<]+)<\/option>/g)].map((m) => [m[2].trim(), m[1]]));
}

async function newRequest(typeCode, title) {
  const citizen = await as('citizen');
  // Only a type that takes a location is given an address.
  const where = typeCode === 'local-problem' ? { address: 'Αριστομένους 25, Καλαμάτα' } : {};
  const res = await api(citizen, 'POST', '/api/v1/requests', {
    type: typeCode, title, description: 'Χρειάζεται επισκευή το συντομότερο δυνατό.', is_public: true, ...where,
  });
  assert.equal(res.status, 201, `${title}: ${res.body.slice(0, 600)}`);
  return res.json();
}

test('an invited member of staff chooses a password, acts in their department only, and loses it when the role is withdrawn', async () => {
  const admin = await as('tenant_admin');
  const listed = (await admin.get('/api/v1/request-types')).json();
  const types = Array.isArray(listed) ? listed : listed.items;
  const mine = types.find((t) => t.code === 'local-problem');
  const other = types.find((t) => t.department.id !== mine.department.id);
  assert.ok(mine && other, 'two types of two departments');

  const email = uniqueEmail('nikos');
  const invited = await admin.submit('/admin/people/invite', {
    email, display_name: 'Νίκος Δοκιμαστής', role: 'staff', unit_id: String(mine.department.id),
  });
  assert.equal(invited.status, 303, invited.body.slice(0, 500));
  const personPath = new URL(invited.location).pathname;
  const personPage = await admin.get(personPath);
  assert.equal(personPage.status, 200);
  saveHtml('people-person', personPage.body);
  assert.match(personPage.body, /Νίκος Δοκιμαστής/);
  assert.match(personPage.body, new RegExp(`Προσωπικό του Δήμου — ${mine.department.name}`));

  const mail = await sink.waitForMail((m) => m.toAddresses.includes(email));
  assert.match(mail.subject, /^Ρόλος στην πλατφόρμα — Δήμος Καλαμάτας$/, mail.subject);
  assert.match(mail.text, /^Ο Δήμος Καλαμάτας σάς έδωσε ρόλο στην πλατφόρμα του: Προσωπικό του Δήμου — /m);
  assert.match(mail.text, new RegExp(mine.department.name));
  const link = linkIn(mail, '/password/reset');
  const token = new URL(link).searchParams.get('token');
  const person = new HttpClient(srv.baseUrl);
  assert.equal((await person.get(link)).status, 200);
  const chosen = await person.submit('/password/reset', { token, password: 'καινούριος κωδικός 31', password_confirm: 'καινούριος κωδικός 31' }, { formPath: link });
  assert.equal(chosen.status, 303);
  await loginOk(person, email, 'καινούριος κωδικός 31');
  person.csrfToken = await person.csrf('/account');
  // Staff see other people's data: until two-step log-in is set up, the role waits.
  assert.equal((await person.get('/admin/requests')).status, 403);
  const setup = await person.get('/account/two-factor');
  const secret = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(setup.body)[1].replace(/ /g, '');
  assert.equal((await person.submit('/account/two-factor', { code: totp(secret) })).status, 200);
  // And the next log-in asks for the code.
  const again = new HttpClient(srv.baseUrl);
  const step1 = await login(again, email, 'καινούριος κωδικός 31');
  assert.equal(new URL(step1.location).pathname, '/login/code');

  const ours = await newRequest('local-problem', 'Λακκούβα για το νέο μέλος του προσωπικού');
  const theirs = await newRequest(other.code, 'Αίτημα άλλης υπηρεσίας');
  assert.equal((await person.get('/admin/requests')).status, 200, 'the staff queue');
  const acted = await api(person, 'POST', `/api/v1/requests/${ours.id}/transitions`, { event: 'acknowledge' });
  assert.equal(acted.status, 200, acted.body.slice(0, 300));
  const refused = await api(person, 'POST', `/api/v1/requests/${theirs.id}/transitions`, { event: 'acknowledge' });
  assert.equal(refused.status, 403, 'another department\'s request');

  // Withdrawn: the very next call is refused.
  const grantId = /\/grants\/(\d+)\/withdraw/.exec(personPage.body)[1];
  const withdrawn = await admin.submit(`${personPath}/grants/${grantId}/withdraw`, {}, { formPath: personPath });
  assert.equal(withdrawn.status, 303);
  const after = await api(person, 'POST', `/api/v1/requests/${ours.id}/replies`, { body: 'Θα έρθει συνεργείο.', public: true });
  assert.equal(after.status, 403, after.body.slice(0, 300));

  // Every step is in the audit log.
  const log = (await (await as('auditor')).get('/api/v1/audit?action=people.')).json().items.map((e) => e.action);
  assert.ok(log.includes('people.role_granted') && log.includes('people.role_withdrawn'), log.join(', '));
});

async function typesByDepartment() {
  const admin = await as('tenant_admin');
  const listed = (await admin.get('/api/v1/request-types')).json();
  const types = Array.isArray(listed) ? listed : listed.items;
  const mine = types.find((t) => t.code === 'local-problem');
  const other = types.find((t) => t.department.id !== mine.department.id);
  return { mine, other };
}

/** The unit form's fields as the unit's page shows them. */
async function unitFields(admin, id) {
  const page = (await admin.get(`/admin/units/${id}`)).body;
  const value = (name) => (new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(page) || [])[1] || '';
  const kind = /name="kind" value="(\w+)" checked/.exec(page)?.[1] || 'department';
  return { name_el: value('name_el'), name_en: value('name_en'), kind, email: value('email') };
}

test('a role on a parent unit covers the units below it', async () => {
  const admin = await as('tenant_admin');
  const { mine, other } = await typesByDepartment();
  const added = await admin.submit('/admin/units', { name_el: 'Διεύθυνση Τεχνικών Έργων', name_en: '', kind: 'department', parent_id: '', email: '' });
  assert.equal(added.status, 303, added.body.slice(0, 300));
  const parentId = /\/admin\/units\/(\d+)/.exec(added.location)[1];
  const fields = await unitFields(admin, mine.department.id);
  const moved = await admin.submit(`/admin/units/${mine.department.id}`, { ...fields, parent_id: parentId }, { formPath: `/admin/units/${mine.department.id}` });
  assert.equal(moved.status, 303, moved.body.slice(0, 300));
  const tree = await admin.get('/admin/units');
  assert.match(tree.body, new RegExp(`unit-depth-1">${mine.department.name}<`), 'shown below its parent');

  const { person } = await newStaff('Άννα Διευθύντρια', parentId);
  const ours = await newRequest('local-problem', 'Αίτημα τμήματος της διεύθυνσης');
  const theirs = await newRequest(other.code, 'Αίτημα άλλης υπηρεσίας');
  assert.equal((await api(person, 'POST', `/api/v1/requests/${ours.id}/transitions`, { event: 'acknowledge' })).status, 200, 'a unit below hers');
  assert.equal((await api(person, 'POST', `/api/v1/requests/${theirs.id}/transitions`, { event: 'acknowledge' })).status, 403);
  assert.equal((await person.get(`/api/v1/requests/${theirs.id}`)).status, 200, 'staff read every request, as before');
});

test('a member of staff who leaves is deactivated, and their requests go back to the unit, which is told', async () => {
  const admin = await as('tenant_admin');
  const { mine } = await typesByDepartment();
  const { person, personPath } = await newStaff('Πέτρος Αποχωρών', mine.department.id);
  const me = (await person.get('/api/v1/me')).json();
  const r = await newRequest('local-problem', 'Αίτημα που είχε ο Πέτρος');
  assert.equal((await api(admin, 'POST', `/api/v1/requests/${r.id}/transitions`, { event: 'acknowledge' })).status, 200);
  const assigned = await api(admin, 'POST', `/api/v1/requests/${r.id}/transitions`,
    { event: 'assign', department_id: mine.department.id, assignee_user_id: me.id });
  assert.equal(assigned.status, 200, assigned.body.slice(0, 300));
  assert.equal((await admin.get(`/api/v1/requests/${r.id}`)).json().assignee.user_id, me.id);

  const done = await admin.submit(`${personPath}/deactivate`, {}, { formPath: personPath });
  assert.equal(done.status, 303, done.body.slice(0, 300));
  const after = (await admin.get(`/api/v1/requests/${r.id}`)).json();
  assert.equal(after.assignee, null, 'back in the unit\'s queue');
  assert.equal(after.department.id, mine.department.id);
  assert.equal(after.state, 'assigned', 'still with the unit');
  const told = await sink.waitForMail((m) => /επέστρεψε στην ουρά/.test(m.subject) && m.subject.includes('Αίτημα που είχε ο Πέτρος'));
  assert.ok(told.toAddresses.length >= 1);
  // Logged out everywhere, and no role left.
  assert.equal((await person.get('/api/v1/me')).status, 401);
  assert.equal((await admin.get(personPath)).status, 404, 'no longer one of the municipality\'s people');
});

test('units are added and nested, and one still answering requests is not retired', async () => {
  const admin = await as('tenant_admin');
  const ids = await unitIds(admin);
  const technical = ids['Τεχνικές Υπηρεσίες'];
  assert.ok(technical);
  const added = await admin.submit('/admin/units', {
    name_el: 'Τμήμα Ηλεκτροφωτισμού', name_en: 'Street Lighting', kind: 'department', parent_id: technical, email: '',
  });
  assert.equal(added.status, 303, added.body.slice(0, 400));
  const list = await admin.get('/admin/units');
  saveHtml('people-units', list.body);
  assert.match(list.body, /Τμήμα Ηλεκτροφωτισμού/);

  const retire = await admin.submit(`/admin/units/${technical}/retire`, {}, { formPath: `/admin/units/${technical}` });
  assert.equal(retire.status, 422);
  assert.match(retire.body, /Η μονάδα απαντά σε είδη αιτημάτων|Υπάρχουν πρόσωπα με ρόλο|Μονάδες που υπάγονται/);
  assert.doesNotMatch((await admin.get(`/admin/units/${technical}`)).body, /Η μονάδα είναι εκτός χρήσης/);

  // Bad input comes back in Greek with what was typed, and adds nothing.
  const rows = (list.body.match(/<tr/g) || []).length;
  const bad = await admin.submit('/admin/units', { name_el: 'Τεχνικές Υπηρεσίες', name_en: '', kind: 'department', parent_id: '', email: 'όχι email' });
  assert.equal(bad.status, 422);
  assert.match(bad.body, /Εισάγετε διεύθυνση email στη σωστή μορφή/);
  const dup = await admin.submit('/admin/units', { name_el: 'Τεχνικές Υπηρεσίες', name_en: '', kind: 'department', parent_id: '', email: '' });
  assert.equal(dup.status, 422);
  assert.match(dup.body, /Ο Δήμος έχει ήδη μονάδα με αυτή την ονομασία/);
  assert.equal(((await admin.get('/admin/units')).body.match(/<tr/g) || []).length, rows);
});

test('a bad invitation comes back in Greek and creates nothing; the last administrator keeps the role', async () => {
  const admin = await as('tenant_admin');
  const before = (await admin.get('/admin/people')).body;
  const res = await admin.submit('/admin/people/invite', { email: 'κάτι', display_name: '', role: 'staff', unit_id: '' });
  assert.equal(res.status, 422);
  assert.match(res.body, /Γράψτε το ονοματεπώνυμο του προσώπου/);
  assert.match(res.body, /Επιλέξτε τη μονάδα στην οποία ασκείται ο ρόλος|στη σωστή μορφή/);
  const operatorRole = await admin.submit('/admin/people/invite', { email: uniqueEmail('op'), display_name: 'Κάποιος', role: 'operator', unit_id: '' });
  assert.equal(operatorRole.status, 422, 'the operator is not the municipality\'s to give');
  assert.equal((await admin.get('/admin/people')).body.match(/<tr/g)?.length, before.match(/<tr/g)?.length);

  const me = await admin.get('/api/v1/me');
  const mine = await admin.get(`/admin/people/${me.json().id}`);
  const row = [...mine.body.matchAll(/<tr[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((r) => /Διαχειριστής Δήμου/.test(r) && /withdraw/.test(r));
  const adminGrant = row && /\/grants\/(\d+)\/withdraw/.exec(row);
  assert.ok(adminGrant, 'the administrator\'s own grant is listed');
  const last = await admin.submit(`/admin/people/${me.json().id}/grants/${adminGrant[1]}/withdraw`, {}, { formPath: `/admin/people/${me.json().id}` });
  assert.equal(last.status, 422);
  assert.match(last.body, /Ο Δήμος πρέπει να έχει τουλάχιστον έναν διαχειριστή/);
  assert.equal((await admin.get('/admin/people')).status, 200, 'still the administrator');
});

test('everyone but the administrator is refused the pages and their forms', async () => {
  for (const role of ['staff', 'citizen', 'auditor', 'social_worker']) {
    const c = await as(role);
    for (const path of ['/admin/people', '/admin/units', '/admin/people/invite', '/admin/people.csv']) {
      assert.equal((await c.get(path)).status, 403, `${role} reads ${path}`);
    }
    const own = await c.csrf('/account');
    const res = await c.request('POST', '/admin/people/invite', {
      form: [['email', uniqueEmail('x')], ['display_name', 'Χ'], ['role', 'tenant_admin'], ['unit_id', ''], ['_csrf', own]],
    });
    assert.equal(res.status, 403, `${role} invites a tenant admin`);
  }
  const visitor = new HttpClient(srv.baseUrl);
  const res = await visitor.get('/admin/people');
  assert.ok([302, 303, 401].includes(res.status), `a visitor is sent to log in (${res.status})`);
});

test('the list is searched without accents and downloads as CSV for Greek Excel', async () => {
  const admin = await as('tenant_admin');
  const found = await admin.get('/admin/people?q=' + encodeURIComponent('σταυρου'));
  assert.equal(found.status, 200);
  saveHtml('people-list', found.body);
  const table = /<table[\s\S]*?<\/table>/.exec(found.body)[0];
  assert.match(table, /Αγγελική Σταύρου/);
  assert.doesNotMatch(table, /Παναγιώτης Βασιλείου/, 'the administrator does not match');
  const csv = await admin.get('/admin/people.csv?role=social_worker');
  assert.equal(csv.status, 200);
  assert.match(csv.headers.get('content-type'), /^text\/csv/);
  const raw = Buffer.from(await (await fetch(`${srv.baseUrl}/admin/people.csv?role=social_worker`,
    { headers: { cookie: admin.cookieHeader() } })).arrayBuffer());
  assert.deepEqual([...raw.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'starts with the UTF-8 BOM, for Excel');
  const lines = csv.body.replace(/^\uFEFF/, '').trim().split(/\r\n/);
  assert.equal(lines[0], 'Όνομα;Διεύθυνση email;Ρόλοι;Αποδέχθηκε την πρόσκληση');
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[1], /Κοινωνικός λειτουργός — Κοινωνικό Παντοπωλείο/);
});
