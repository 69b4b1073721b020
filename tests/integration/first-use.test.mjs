// What a first-time user met, on the engine under test: the municipality's logo is uploaded and
// served from the site (an address elsewhere was blocked by the site's own policy); a
// neighbourhood is chosen from the municipality's areas, so "ταμπακικα" is "Ταμπάκικα"; the demo
// keeps its mail in a mailbox page (and only the demo has it); a lost confirmation link can be
// sent again, with the same answer for any address and a limit; the organisation's admins and an
// invited person find the news in the app; log-in lands on the person's own page; a citizen
// withdraws a request nobody has touched, and adds information to an open one; the staff lists
// download as CSV for Greek Excel and as XLSX with real dates and numbers.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';

import { startServer, HttpClient, saveHtml } from './lib/server.mjs';
import { writeConfig, uniqueEmail, registrationFields, confirmLink, loginOk, parseDemoLogins } from './lib/flows.mjs';
import { fakeExe, smallPdf } from './lib/files.mjs';

let srv;
let demo;
let filesDir;
const clients = {};

before(async () => {
  filesDir = await mkdtemp(join(tmpdir(), 'synergeia-files-'));
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_FILES_DIR: filesDir } });
  demo = parseDemoLogins(await srv.demoLogins());
});

after(async () => {
  await srv?.stop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

/** A client logged in as a demo role (once per role). */
async function as(role) {
  if (clients[role]) return clients[role];
  const c = new HttpClient(srv.baseUrl);
  await loginOk(c, demo[role].email, demo[role].password);
  c.csrfToken = await c.csrf('/account');
  clients[role] = c;
  return c;
}

function api(c, method, path, json) {
  return c.request(method, path, { json, headers: { 'x-csrf-token': c.csrfToken } });
}

function decode(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The newest message to `to` in the demo mailbox: {subject, text, links}. */
async function newestMail(to, { subject = /./ } = {}) {
  const box = await new HttpClient(srv.baseUrl).get('/demo/mail');
  assert.equal(box.status, 200);
  const rows = [...box.body.matchAll(/<tr>\s*<t[dh][^>]*><a href="(\/demo\/mail\/\d+)">([^<]*)<\/a><\/t[dh]>\s*<td[^>]*>([^<]*)<\/td>/g)];
  const row = rows.find((m) => decode(m[3]) === to && subject.test(decode(m[2])));
  assert.ok(row, `a message to ${to} in the demo mailbox:\n${rows.map((m) => `${m[3]}: ${m[2]}`).join('\n')}`);
  const letter = await new HttpClient(srv.baseUrl).get(row[1]);
  assert.equal(letter.status, 200);
  const body = /<div class="plain-text">([\s\S]*?)<\/div>/.exec(letter.body);
  assert.ok(body, 'the letter page shows the body');
  return { subject: decode(row[2]), text: decode(body[1].replace(/<[^>]+>/g, '')), html: body[1] };
}

/** A new account registered and confirmed through the demo mailbox, logged in. */
async function newAccount(label) {
  const c = new HttpClient(srv.baseUrl);
  const email = uniqueEmail(label);
  const password = 'ένα δύο τρία τέσσερα';
  const res = await c.submit('/register', registrationFields({ name: 'Ελένη Δοκιμή', email, password }));
  assert.equal(res.status, 303);
  const mail = await newestMail(email);
  const link = /https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/.exec(mail.text);
  assert.ok(link, mail.text);
  await confirmLink(c, link[0]);
  await loginOk(c, email, password);
  c.csrfToken = await c.csrf('/account');
  c.email = email;
  return c;
}

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const SVG = '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><defs><linearGradient id="g"><stop offset="0" stop-color="#003476"/></linearGradient></defs><rect width="10" height="10" fill="url(#g)"/></svg>';
const EVIL_SVG = '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="10" height="10"/></svg>';

async function uploadLogo(c, data, filename, type) {
  const form = new FormData();
  form.append('_csrf', await c.csrf('/admin/settings'));
  form.append('logo', new Blob([data], { type }), filename);
  return c.request('POST', '/admin/settings/logo', { multipart: form });
}

/** The header logo's address on the home page, or null for the default emblem. */
async function headerLogo() {
  const home = await new HttpClient(srv.baseUrl).get('/');
  const m = /<img class="site-header__logo" src="([^"]+)"/.exec(home.body);
  return { src: m ? decode(m[1]) : null, csp: home.headers.get('content-security-policy') };
}

// ---------------------------------------------------------------- the logo

describe('the municipality logo', () => {
  test('an uploaded PNG is served from the site, so the policy lets every visitor see it', async () => {
    const admin = await as('tenant_admin');
    const res = await uploadLogo(admin, PNG, 'logo.png', 'image/png');
    assert.equal(res.status, 303, res.body.slice(0, 500));
    const { src, csp } = await headerLogo();
    assert.match(src, /^\/logo\/[0-9a-f]{64}$/, 'a path of this site');
    assert.match(csp, /img-src 'self'/, 'which the site\'s own policy allows');
    const img = await fetch(`${srv.baseUrl}${src}`);
    assert.equal(img.status, 200);
    assert.equal(img.headers.get('content-type'), 'image/png');
    assert.ok(Buffer.from(await img.arrayBuffer()).equals(PNG));
    assert.equal((await fetch(`${srv.baseUrl}/logo/${'0'.repeat(64)}`)).status, 404, 'no other blob is served under the logo\'s address');
  });

  test('a plain SVG drawing is taken; one that can run script, a PDF, an .exe or a huge file is refused in Greek and the old logo stays', async () => {
    const admin = await as('tenant_admin');
    assert.equal((await uploadLogo(admin, SVG, 'logo.svg', 'image/svg+xml')).status, 303);
    const { src } = await headerLogo();
    const svg = await fetch(`${srv.baseUrl}${src}`);
    assert.equal(svg.headers.get('content-type'), 'image/svg+xml');
    assert.match(svg.headers.get('content-security-policy'), /sandbox/, 'opened on its own, it can run nothing');

    const refusals = [
      [EVIL_SVG, 'evil.svg', 'image/svg+xml', /σενάριο|script/i],
      [smallPdf(), 'logo.png', 'image/png', /PNG, JPEG ή SVG/],
      [fakeExe(), 'logo.png', 'image/png', /PNG, JPEG ή SVG/],
      [Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)]), 'big.png', 'image/png', /2 MB/],
    ];
    for (const [data, name, type, message] of refusals) {
      const res = await uploadLogo(admin, data, name, type);
      assert.equal(res.status, 422, name);
      assert.match(res.body, message, name);
      assert.match(res.body, /class="error-summary"/);
      assert.equal((await headerLogo()).src, src, `${name}: the old logo stays`);
    }
    await saveHtml('settings-logo-refused', (await uploadLogo(admin, EVIL_SVG, 'evil.svg', 'image/svg+xml')).body);
  });

  test('staff and citizens may not change it, and the administrator can go back to the emblem', async () => {
    for (const role of ['staff', 'citizen']) {
      const c = await as(role);
      const form = new FormData();
      form.append('_csrf', c.csrfToken);
      form.append('logo', new Blob([PNG], { type: 'image/png' }), 'logo.png');
      assert.equal((await c.request('POST', '/admin/settings/logo', { multipart: form })).status, 403, role);
    }
    const admin = await as('tenant_admin');
    assert.equal((await admin.submit('/admin/settings/logo/remove', {}, { formPath: '/admin/settings' })).status, 303);
    assert.equal((await headerLogo()).src, null, 'the default emblem again');
  });
});

// ---------------------------------------------------------------- areas

describe('the municipality\'s areas', () => {
  test('an organisation chooses its neighbourhood from them: any spelling becomes the area\'s own, anything else is refused', async () => {
    const admin = await as('tenant_admin');
    const list = await admin.get('/admin/settings/places');
    assert.equal(list.status, 200);
    assert.match(list.body, /Ταμπάκικα/, 'the demo\'s areas');
    // One spelling per area: accents and capitals aside, a second "Ταμπάκικα" is refused.
    const twice = await admin.submit('/admin/settings/places', { name: 'ΤΑΜΠΑΚΙΚΑ', kind: 'neighbourhood', parent: '' });
    assert.equal(twice.status, 422);
    assert.match(twice.body, /Υπάρχει ήδη περιοχή με αυτό το όνομα/);
    const added = await admin.submit('/admin/settings/places', { name: 'Λαϊκή Αγορά', kind: 'neighbourhood', parent: '' });
    assert.equal(added.status, 303, added.body.slice(0, 400));
    for (const role of ['staff', 'citizen']) {
      const c = await as(role);
      assert.equal((await c.get('/admin/settings/places')).status, 403, role);
    }

    const secretary = await newAccount('areas');
    const create = (neighbourhood, name) => api(secretary, 'POST', '/api/v1/organisations', {
      official_name: `${name} ${process.pid}`, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'], neighbourhood,
    });
    const lower = await create('  ταμπακικα ', 'Παρέα της γειτονιάς');
    assert.equal(lower.status, 201, lower.body.slice(0, 400));
    assert.equal(lower.json().neighbourhood, 'Ταμπάκικα', 'stored as the municipality spells it');
    const unknown = await create('Ανύπαρκτη Γειτονιά', 'Άλλη παρέα');
    assert.equal(unknown.status, 422);
    assert.match(unknown.body, /λίστα περιοχών/);
    // A request chooses from the same areas.
    const filed = await api(secretary, 'POST', '/api/v1/requests', {
      type: 'local-problem', title: 'Σπασμένο φανάρι στη γειτονιά', description: 'Το φανάρι στη γωνία δεν ανάβει εδώ και μέρες.',
      address: 'Ψαρών 3, Καλαμάτα', area: 'ταμπακικα', is_public: true,
    });
    assert.equal(filed.status, 201, filed.body.slice(0, 300));
    assert.equal(filed.json().location.area, 'Ταμπάκικα');
    const nowhere = await api(secretary, 'POST', '/api/v1/requests', {
      type: 'local-problem', title: 'Κάπου αλλού', description: 'Σε μια περιοχή που δεν υπάρχει στη λίστα.', area: 'Ατλαντίδα',
    });
    assert.equal(nowhere.status, 422);
    assert.match(nowhere.body, /λίστα περιοχών/);
    assert.match((await secretary.get('/requests/new')).body, /<select[^>]+id="area"/, 'the request form offers the list too');
    const form = await secretary.get('/my/organisations/new');
    assert.match(form.body, /<select[^>]+id="neighbourhood"/, 'the form offers a list, not a text box');
    assert.match(form.body, /Δημοτική Ενότητα Καλαμάτας › Ταμπάκικα/);
  });
});

// ---------------------------------------------------------------- mail in the demo

describe('mail in the demo and the confirmation link', () => {
  test('the demo mailbox holds the confirmation mail, linked from the register page and the menu', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    const register = await visitor.get('/register');
    assert.match(register.body, /href="\/demo\/mail"/, 'the register page says where the mail goes');
    assert.match(register.body, /class="main-nav[\s\S]*?href="\/demo\/mail"/, 'and so does the menu');
    const email = uniqueEmail('mailbox');
    const res = await visitor.submit('/register', registrationFields({ email, password: 'ένα δύο τρία τέσσερα' }));
    assert.equal(res.status, 303);
    const check = await visitor.get(new URL(res.location).pathname);
    assert.match(check.body, /href="\/demo\/mail"/);
    assert.match(check.body, /href="\/verify\/resend"/, 'and how to get the link again');
    const mail = await newestMail(email);
    assert.match(mail.subject, /Επιβεβαιώστε/);
    assert.match(mail.html, /<a href="http[^"]+\/verify\?token=[^"]+">/, 'its link is a link');
  });

  test('"send the link again" mails a new link, answers the same for an unknown address, and stops after three asks', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    const email = uniqueEmail('resend');
    await visitor.submit('/register', registrationFields({ email, password: 'ένα δύο τρία τέσσερα' }));
    const first = await newestMail(email);
    const again = await visitor.submit('/verify/resend', { email });
    assert.equal(again.status, 200);
    const unknown = await new HttpClient(srv.baseUrl).submit('/verify/resend', { email: uniqueEmail('nobody') }, { formPath: '/verify/resend' });
    assert.equal(unknown.status, 200);
    const words = (html) => /<p class="lead">([^<]+)<\/p>/.exec(html)[1];
    assert.equal(words(unknown.body), words(again.body), 'the same answer whether the account exists or not');
    const second = await newestMail(email);
    assert.notEqual(second.text, first.text, 'a new message with a new link');
    const link = /https?:\/\/\S+\/verify\?token=[A-Za-z0-9_-]+/.exec(second.text)[0];
    await confirmLink(visitor, link);
    const bad = await visitor.submit('/verify/resend', { email: 'όχι διεύθυνση' }, { formPath: '/verify/resend' });
    assert.equal(bad.status, 422);
    assert.match(bad.body, /σωστή μορφή/);
    // Two more asks for the address reach its limit of three; the fourth is refused.
    await visitor.submit('/verify/resend', { email }, { formPath: '/verify/resend' });
    await visitor.submit('/verify/resend', { email }, { formPath: '/verify/resend' });
    const limited = await visitor.submit('/verify/resend', { email }, { formPath: '/verify/resend' });
    assert.equal(limited.status, 429);
    assert.match(limited.body, /Περιμένετε 15 λεπτά/);
  });
});

// ---------------------------------------------------------------- landing, notifications

describe('the person\'s own page and notifications', () => {
  test('log-in lands on "my page", or back where the person was going, with the reason on the log-in page', async () => {
    const c = new HttpClient(srv.baseUrl);
    const asked = await c.get('/requests/new');
    assert.equal(asked.status, 303);
    const loginPage = await c.get(new URL(asked.location).pathname + new URL(asked.location).search);
    assert.match(loginPage.body, /χρειάζεται λογαριασμό/, 'the log-in page says why it was asked for');
    const res = await loginOk(c, demo.citizen.email, demo.citizen.password, { next: '/requests/new' });
    assert.equal(new URL(res.location).pathname, '/requests/new', 'back where they were going');
    const plain = new HttpClient(srv.baseUrl);
    const home = await loginOk(plain, demo.citizen.email, demo.citizen.password);
    assert.equal(new URL(home.location).pathname, '/my');
    const my = await plain.get('/my');
    assert.equal(my.status, 200);
    assert.match(my.body, /<h2>Τα αιτήματά μου<\/h2>/);
    assert.match(my.body, /<h2>Οι φορείς μου<\/h2>/);
    assert.match(my.body, /class="main-nav[\s\S]*?href="\/my\/requests"/, '"My requests" in the menu');
    await saveHtml('my-page', my.body);
  });

  test('the admins of an organisation and an invited person find the news in the app', async () => {
    const secretary = await newAccount('notified');
    const created = await api(secretary, 'POST', '/api/v1/organisations', {
      official_name: `Ομάδα ειδοποιήσεων ${process.pid}`, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'],
    });
    assert.equal(created.status, 201, created.body.slice(0, 300));
    const { id } = created.json();
    assert.equal((await api(secretary, 'POST', `/api/v1/organisations/${id}/submit`, {})).status, 200);
    const staff = await as('staff');
    const review = `/admin/organisations/${id}`;
    const decided = await staff.submit(`${review}/decision`, { decision: 'return_with_reasons', reasons: 'Λείπει η διεύθυνση της έδρας' }, { formPath: review });
    assert.equal(decided.status, 303, decided.body.slice(0, 400));
    const list = await secretary.get('/notifications');
    assert.match(list.body, /Ο Δήμος επέστρεψε την εγγραφή του φορέα/, 'the decision is in the app');
    assert.match(list.body, /Λείπει η διεύθυνση της έδρας/);

    const invitee = await newAccount('invitee');
    const sent = await secretary.submit(`/my/organisations/${id}/invitations`, { email: invitee.email, role: 'member' },
      { formPath: `/my/organisations/${id}/members` });
    assert.equal(sent.status, 303, sent.body.slice(0, 400));
    const theirs = await invitee.get('/notifications');
    assert.match(theirs.body, /Πρόσκληση συμμετοχής/, 'the invitation is in the app too');
    const items = (await invitee.get('/api/v1/notifications')).json().items;
    assert.ok(items.some((n) => /^\/invitations\/[A-Za-z0-9_-]+$/.test(n.link)), `with its link: ${JSON.stringify(items)}`);
  });
});

// ---------------------------------------------------------------- the citizen's own request

describe('the citizen\'s own request', () => {
  async function file(c, title) {
    const res = await api(c, 'POST', '/api/v1/requests', {
      type: 'local-problem', title, description: 'Σπασμένο παγκάκι στην πλατεία, κοντά στη στάση.', address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', is_public: true,
    });
    assert.equal(res.status, 201, res.body.slice(0, 300));
    return res.json().id;
  }

  test('withdrawn while nobody acted on it; refused with the reason once staff did', async () => {
    const citizen = await newAccount('withdraw');
    const id = await file(citizen, 'Παγκάκι που δεν χρειάζεται πια');
    const page = await citizen.get(`/requests/${id}`);
    assert.match(page.body, /action="\/requests\/\d+\/withdraw"/, 'the page offers it');
    const res = await citizen.submit(`/requests/${id}/withdraw`, { reason: 'Το επισκεύασαν οι γείτονες.' }, { formPath: `/requests/${id}` });
    assert.equal(res.status, 303, res.body.slice(0, 400));
    const after = await citizen.get(`/requests/${id}`);
    assert.match(after.body, /Ανάκληση του αιτήματος/);
    assert.match(after.body, /Το επισκεύασαν οι γείτονες/);
    assert.equal((await api(citizen, 'GET', `/api/v1/requests/${id}`)).json().state, 'closed');
    assert.doesNotMatch(after.body, /action="\/requests\/\d+\/reopen"/, 'a withdrawn request is not offered for reopening');
    const reopened = await citizen.submit(`/requests/${id}/reopen`, {}, { formPath: `/requests/${id}` });
    assert.equal(reopened.status, 422);
    assert.match(reopened.body, /Ανακαλέσατε αυτό το αίτημα/);

    const other = await file(citizen, 'Λακκούβα που ήδη κοιτάζουν');
    const staff = await as('staff');
    const ack = await api(staff, 'POST', `/api/v1/requests/${other}/transitions`, { event: 'acknowledge' });
    assert.ok([200, 201].includes(ack.status), ack.body.slice(0, 300));
    const refused = await citizen.submit(`/requests/${other}/withdraw`, {}, { formPath: `/requests/${other}` });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /έχει ήδη αρχίσει να ασχολείται/);
    assert.equal((await api(citizen, 'GET', `/api/v1/requests/${other}`)).json().state, 'acknowledged', 'nothing changed');
    const stranger = await newAccount('stranger');
    assert.equal((await stranger.submit(`/requests/${other}/withdraw`, {}, { formPath: `/requests/${other}` })).status, 403);
  });

  test('information is added to an open request, text or a file, and an empty addition is refused', async () => {
    const citizen = await newAccount('inform');
    const id = await file(citizen, 'Σπασμένο φανάρι');
    const form = new FormData();
    form.append('_csrf', await citizen.csrf(`/requests/${id}`));
    form.append('information', 'Από χθες σβήνει και το διπλανό φανάρι.');
    form.append('attachments', new Blob([smallPdf()], { type: 'application/pdf' }), 'fotografia.pdf');
    const res = await citizen.request('POST', `/requests/${id}/information`, { multipart: form });
    assert.equal(res.status, 303, res.body.slice(0, 400));
    const page = await citizen.get(`/requests/${id}`);
    assert.match(page.body, /Συμπληρωματικές πληροφορίες/);
    assert.match(page.body, /Από χθες σβήνει και το διπλανό φανάρι/);
    assert.match(page.body, /fotografia\.pdf/, 'the file is among the attachments');

    const empty = new FormData();
    empty.append('_csrf', await citizen.csrf(`/requests/${id}`));
    empty.append('information', '   ');
    const refused = await citizen.request('POST', `/requests/${id}/information`, { multipart: empty });
    assert.equal(refused.status, 422);
    assert.match(refused.body, /Γράψτε την πληροφορία ή επισυνάψτε ένα αρχείο/);
  });
});

// ---------------------------------------------------------------- exports

describe('exports Greek offices open', () => {
  test('the queue as CSV for Greek Excel: BOM, semicolons, CRLF, dd/mm/yyyy, Greek headings and values', async () => {
    const staff = await as('staff');
    const res = await fetch(`${srv.baseUrl}/admin/requests/export.csv?state=open`, { headers: { cookie: staff.cookieHeader() } });
    assert.equal(res.status, 200);
    const bytes = Buffer.from(await res.arrayBuffer());
    assert.ok(bytes.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), 'a UTF-8 BOM');
    const text = bytes.subarray(3).toString('utf8');
    const [head, first] = text.split('\r\n');
    assert.equal(head.split(';')[0], 'Αριθμός');
    assert.ok(head.split(';').includes('Υπηρεσία'));
    assert.match(first, /;\d{2}\/\d{2}\/\d{4};/, 'dates as dd/mm/yyyy');
    assert.ok(!/\r?\n/.test(text.replace(/\r\n/g, '')) || text.includes('"'), 'CRLF between records');
  });

  test('the queue, the people and the registry lists as XLSX: real dates and numbers, read back by exceljs', async () => {
    const staff = await as('staff');
    const res = await fetch(`${srv.baseUrl}/admin/requests/export.xlsx?state=open`, { headers: { cookie: staff.cookieHeader() } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()));
    const sheet = book.worksheets[0];
    assert.equal(sheet.getRow(1).getCell(1).value, 'Αριθμός');
    assert.ok(sheet.rowCount > 1, 'rows');
    assert.equal(typeof sheet.getRow(2).getCell(1).value, 'number', 'the number is a number');
    assert.ok(sheet.getRow(2).getCell(2).value instanceof Date, 'the date is a date');

    const admin = await as('tenant_admin');
    for (const path of ['/admin/people.xlsx', '/admin/organisations/export.xlsx?state=']) {
      const r = await fetch(`${srv.baseUrl}${path}`, { headers: { cookie: admin.cookieHeader() } });
      assert.equal(r.status, 200, path);
      const b = new ExcelJS.Workbook();
      await b.xlsx.load(Buffer.from(await r.arrayBuffer()));
      assert.ok(b.worksheets[0].rowCount > 1, `${path}: rows`);
    }
    const citizen = await as('citizen');
    assert.equal((await citizen.get('/admin/requests/export.xlsx')).status, 403);
    const wrong = await admin.get('/admin/organisations/export.csv?state=nonsense');
    assert.equal(wrong.status, 422, 'a wrong filter shows the list with its message');
    assert.match(wrong.body, /class="error-summary"/);
  });
});

// ---------------------------------------------------------------- small things

describe('small things a newcomer notices', () => {
  test('statistics for a period, and a wrong range said in Greek', async () => {
    const visitor = new HttpClient(srv.baseUrl);
    for (const q of ['period=this-year', 'period=last-year', 'period=last-12-months', 'period=range&from=2020-01-01&to=2030-12-31']) {
      const res = await visitor.get(`/requests/statistics?${q}`);
      assert.equal(res.status, 200, q);
    }
    const ranged = await visitor.get('/requests/statistics?period=range&from=2020-01-01&to=2030-12-31');
    assert.match(ranged.body, /Αιτήματα που υποβλήθηκαν από 01\/01\/2020 έως 31\/12\/2030/);
    const empty = await visitor.get('/requests/statistics?period=range&from=1990-01-01&to=1990-12-31');
    assert.match(empty.body, /Δεν υποβλήθηκαν αιτήματα σε αυτό το διάστημα/);
    const wrong = await visitor.get('/requests/statistics?period=range&from=2026-12-31&to=2026-01-01');
    assert.equal(wrong.status, 422);
    assert.match(wrong.body, /Η τελευταία ημέρα δεν μπορεί να είναι πριν από την πρώτη/);
  });

  test('favicon.ico is served', async () => {
    const res = await fetch(`${srv.baseUrl}/favicon.ico`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/x-icon');
  });

  test('a web site typed as www.… gets its https://', async () => {
    const secretary = await newAccount('website');
    const res = await api(secretary, 'POST', '/api/v1/organisations', {
      official_name: `Σύλλογος ιστοσελίδας ${process.pid}`, kind: 'civil_society', subtype: 'informal_group', areas: ['culture'], website: 'www.example.gr',
    });
    assert.equal(res.status, 201, res.body.slice(0, 300));
    assert.equal(res.json().website, 'https://www.example.gr');
  });
});

describe('outside demo mode', () => {
  test('there is no demo mailbox', async () => {
    const config = await writeConfig('login_limit_per_ip = 1000\n');
    const first = await startServer({ seed: true, keepDb: true, env: { SYNERGEIA_CONFIG: config } });
    await first.stop();
    const real = await startServer({ db: first.db, migrate: false, env: { SYNERGEIA_CONFIG: config, SYNERGEIA_DEMO: '0' } });
    try {
      const c = new HttpClient(real.baseUrl);
      assert.equal((await c.get('/demo/mail')).status, 404);
      const register = await c.get('/register');
      assert.equal(register.status, 200);
      assert.doesNotMatch(register.body, /\/demo\/mail/);
    } finally {
      await real.stop();
      await first.db.drop();
    }
  });
});
