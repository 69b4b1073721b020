// The organisation's own side of the registry, end to end through HTTP and a real SMTP server:
// a secretary registers an organisation with the form, uploads its statute and submits it; a
// member of one organisation cannot touch another; an .exe renamed .pdf and an invalid ΑΦΜ are
// refused with a clear Greek message and leave nothing behind; an invitation by e-mail is
// accepted by another account; the last admin cannot leave; admin rights are transferred.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startServer, startSmtpSink, HttpClient, extractCsrf, saveHtml } from './lib/server.mjs';
import { writeConfig, uniqueEmail, registerAndVerify, loginOk, parseDemoLogins } from './lib/flows.mjs';
import { fakeExe, smallPdf } from './lib/files.mjs';

let sink;
let srv;
let filesDir;

before(async () => {
  sink = await startSmtpSink();
  filesDir = await mkdtemp(join(tmpdir(), 'synergeia-files-'));
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({
    seed: true,
    env: { SYNERGEIA_SMTP_URL: sink.url, SYNERGEIA_CONFIG: config, SYNERGEIA_FILES_DIR: filesDir },
  });
});

after(async () => {
  await srv?.stop();
  await sink?.stop();
  if (filesDir) await rm(filesDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------- helpers

const RUN = `${process.pid}-${Date.now().toString(36)}`;
let afmCounter = 0;

/** A valid ΑΦΜ no other test (or demo organisation) uses: 8 digits from the run, then the check digit. */
function uniqueAfm() {
  afmCounter += 1;
  for (;;) {
    const body = String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
    let sum = 0;
    for (let i = 0; i < 8; i += 1) sum += Number(body[i]) * 2 ** (8 - i);
    const afm = body + String((sum % 11) % 10);
    if (afm !== '000000000') return afm;
  }
}

/** The same ΑΦΜ with a wrong check digit. */
function invalidAfm() {
  const good = uniqueAfm();
  return good.slice(0, 8) + String((Number(good[8]) + 1) % 10);
}

function orgFields(name, overrides = {}) {
  return {
    official_name: name,
    distinctive_title: '',
    kind: 'association',
    subtype: 'parents',
    afm: uniqueAfm(),
    founding_date: '2012-09-15',
    areas: 'education',
    description_markdown: 'Ο σύλλογος **στηρίζει** τους γονείς του σχολείου.',
    seat_address: 'Αριστομένους 12, Καλαμάτα',
    neighbourhood: 'Κέντρο',
    postal_code: '24100',
    latitude: '37.0389',
    longitude: '22.1142',
    email: 'info@example.gr',
    phone: '2721012345',
    website: 'https://example.gr',
    social_links: 'https://www.facebook.com/example\nhttps://www.instagram.com/example',
    declared_members: '85',
    'board.president': 'Μαρία Παπαδοπούλου',
    'board.secretary': 'Ελένη Γεωργίου',
    'board.treasurer': 'Νίκος Αντωνίου',
    'board.members': 'Γιώργος Δημητρίου\nΚατερίνα Νικολάου',
    ...overrides,
  };
}

/** A new verified account, logged in. Returns {client, email, name}. */
async function account(label, name) {
  const client = new HttpClient(srv.baseUrl);
  const email = uniqueEmail(label);
  const { password } = await registerAndVerify(client, sink, { name, email });
  await loginOk(client, email, password);
  return { client, email, password, name };
}

/** Registers an organisation through the form; returns its id. */
async function register(client, fields) {
  const res = await client.submit('/my/organisations/new', fields);
  assert.equal(res.status, 303, `registration: ${res.status}\n${res.body.slice(0, 1500)}`);
  const m = /\/my\/organisations\/(\d+)$/.exec(new URL(res.location).pathname);
  assert.ok(m, `redirects to the organisation: ${res.location}`);
  return Number(m[1]);
}

async function upload(client, orgId, { kind = 'statute', data, filename, type = 'application/pdf' }) {
  const csrf = await client.csrf(`/my/organisations/${orgId}/documents`);
  const form = new FormData();
  form.append('_csrf', csrf);
  form.append('kind', kind);
  form.append('file', new Blob([data], { type }), filename);
  return client.request('POST', `/my/organisations/${orgId}/documents`, { multipart: form });
}

async function filesIn(dir) {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.path ?? entry.parentPath ?? dir, entry.name));
  }
  return out.sort();
}

function invitationLink(mail) {
  const m = /https?:\/\/[^\s<>"]+\/invitations\/[A-Za-z0-9_-]+/.exec(mail.text);
  assert.ok(m, `an invitation link in the mail:\n${mail.text}`);
  return m[0];
}

function decode(s) {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** The fields a browser would send for the form posting to `action`: as [name, value] pairs. */
function formFields(html, action) {
  const form = new RegExp(`<form[^>]*action="${action.replace(/[/.]/g, '\\$&')}"[\\s\\S]*?</form>`).exec(html);
  assert.ok(form, `a form posting to ${action}`);
  const pairs = [];
  const attr = (tag, n) => { const m = new RegExp(`\\s${n}="([^"]*)"`).exec(tag); return m ? decode(m[1]) : undefined; };
  for (const [tag] of form[0].matchAll(/<input\b[^>]*>/g)) {
    const type = attr(tag, 'type') || 'text';
    const name = attr(tag, 'name');
    if (!name || name === '_csrf' || type === 'file') continue;
    if ((type === 'checkbox' || type === 'radio') && !/\schecked\b/.test(tag)) continue;
    pairs.push([name, attr(tag, 'value') ?? '']);
  }
  for (const m of form[0].matchAll(/<textarea\b([^>]*)>\n?([\s\S]*?)<\/textarea>/g)) pairs.push([attr(m[1], 'name'), decode(m[2])]);
  for (const m of form[0].matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
    const sel = /<option value="([^"]*)" selected>/.exec(m[2]);
    pairs.push([attr(m[1], 'name'), sel ? decode(sel[1]) : '']);
  }
  return pairs;
}

function memberIdsIn(html) {
  const select = /<select[^>]*name="to_user"[^>]*>([\s\S]*?)<\/select>/.exec(html);
  return select ? [...select[1].matchAll(/value="(\d+)"/g)].map((m) => Number(m[1])) : [];
}

// ---------------------------------------------------------------- tests

describe('an association registers, files its statute and submits', () => {
  test('the secretary registers with the form, uploads a real PDF and submits', async () => {
    const { client } = await account('secretary', 'Ελένη Γεωργίου');
    const list = await client.get('/my/organisations');
    assert.equal(list.status, 200);
    assert.match(list.body, /href="\/my\/organisations\/new"/, 'a button to register an organisation');

    const form = await client.get('/my/organisations/new');
    assert.equal(form.status, 200);
    assert.match(form.body, /<optgroup label="/, 'the type select is grouped per kind (works without JavaScript)');
    assert.match(form.body, /name="visibility.phone" value="1" checked/, 'the phone is hidden from the public by default');
    await saveHtml('registry-organisation-new', form.body);

    const name = `Σύλλογος Γονέων 5ου Δημοτικού Σχολείου ${RUN}`;
    const id = await register(client, orgFields(name));

    const overview = await client.get(`/my/organisations/${id}`);
    assert.equal(overview.status, 200);
    assert.ok(overview.body.includes(name));
    assert.match(overview.body, /Λείπει/, 'the checklist says the statute is missing');
    await saveHtml('registry-organisation-overview', overview.body);

    // Submitting without the statute is refused and says why.
    const early = await client.submit(`/my/organisations/${id}/submit`, {}, { formPath: `/my/organisations/${id}` });
    assert.equal(early.status, 422, `submit without documents: ${early.status}`);
    assert.match(early.body, /class="error-summary"/);

    const edit = await client.get(`/my/organisations/${id}/edit`);
    assert.equal(edit.status, 200);
    assert.ok(edit.body.includes('Μαρία Παπαδοπούλου'), 'the edit form keeps the board');
    assert.match(edit.body, /<option value="parents" selected>/);
    // Saving the form unchanged but for the title round-trips every stored value through validation.
    const fields = formFields(edit.body, `/my/organisations/${id}/edit`)
      .map(([k, v]) => (k === 'distinctive_title' ? [k, `Γονείς 5ου ${RUN}`] : [k, v]));
    const saved = await client.submit(`/my/organisations/${id}/edit`, fields, { formPath: `/my/organisations/${id}/edit` });
    assert.equal(saved.status, 303, `edit: ${saved.status}\n${saved.body.slice(0, 1500)}`);
    const reread = formFields((await client.get(`/my/organisations/${id}/edit`)).body, `/my/organisations/${id}/edit`);
    assert.deepEqual(Object.fromEntries(reread.filter(([k]) => k !== 'distinctive_title')),
      Object.fromEntries(fields.filter(([k]) => k !== 'distinctive_title')), 'nothing else changed');
    assert.ok((await client.get(`/my/organisations/${id}`)).body.includes(`Γονείς 5ου ${RUN}`), 'the new title is shown');

    const pdf = smallPdf();
    const up = await upload(client, id, { data: pdf, filename: 'Καταστατικό.pdf' });
    assert.equal(up.status, 303, `upload: ${up.status}\n${up.body.slice(0, 800)}`);
    const docs = await client.get(`/my/organisations/${id}/documents`);
    assert.equal(docs.status, 200);
    assert.match(docs.body, /enctype="multipart\/form-data"/);
    assert.match(docs.body, /accept="\.pdf,\.jpg,\.jpeg,\.png/);
    await saveHtml('registry-organisation-documents', docs.body);
    const href = /href="(\/organisation-documents\/\d+\/\d+)"/.exec(docs.body);
    assert.ok(href, 'the document is listed with a download link');

    const download = await client.request('GET', href[1]);
    assert.equal(download.status, 200);
    assert.equal(download.headers.get('content-type'), 'application/pdf');
    assert.match(download.headers.get('content-disposition') || '', /^attachment;/);
    assert.match(download.headers.get('cache-control') || '', /no-store/);
    assert.equal(download.body, pdf.toString('latin1'), 'the same bytes come back (the PDF is ASCII)');

    // A PDF that calls itself a web page keeps the name of what it is, so that it never opens
    // as HTML once downloaded.
    const disguised = await upload(client, id, { data: pdf, filename: 'πρακτικό.html', type: 'text/html' });
    assert.equal(disguised.status, 303, `upload: ${disguised.status}\n${disguised.body.slice(0, 800)}`);
    const listed = (await client.get(`/my/organisations/${id}/documents`)).body;
    assert.ok(listed.includes('πρακτικό.pdf'), 'listed as πρακτικό.pdf');
    assert.ok(!listed.includes('πρακτικό.html'), 'the .html name is not kept');
    const hrefs = [...listed.matchAll(/href="(\/organisation-documents\/\d+\/\d+)"/g)].map((m) => m[1]);
    const second = await client.request('GET', hrefs.find((h) => h !== href[1]));
    assert.equal(second.headers.get('content-type'), 'application/pdf');
    assert.match(second.headers.get('content-disposition'), /filename\*=UTF-8''%CF%80%CF%81%CE%B1%CE%BA%CF%84%CE%B9%CE%BA%CF%8C\.pdf$/);

    // A visitor cannot download it.
    const visitor = await new HttpClient(srv.baseUrl).get(href[1]);
    assert.equal(visitor.status, 303, 'a visitor is sent to log in');

    const submitted = await client.submit(`/my/organisations/${id}/submit`, {}, { formPath: `/my/organisations/${id}` });
    assert.equal(submitted.status, 303, `submit: ${submitted.status}\n${submitted.body.slice(0, 800)}`);
    const after = await client.get(`/my/organisations/${id}`);
    assert.doesNotMatch(after.body, /action="\/my\/organisations\/\d+\/submit"/, 'no submit button once submitted');
    const profile = /href="(\/organisations\/[^"]+)"/.exec(after.body);
    assert.ok(profile, 'a submitted organisation links to its public profile');
    const pub = await new HttpClient(srv.baseUrl).get(profile[1]);
    assert.equal(pub.status, 200, `the public profile of a submitted organisation: ${profile[1]}`);
    assert.ok(pub.body.includes(name));
  });
});

describe('refusals', () => {
  test('a member of organisation A cannot edit organisation B', async () => {
    const a = await account('admin-a', 'Διαχειριστής Α');
    const b = await account('admin-b', 'Διαχειρίστρια Β');
    const nameA = `Αθλητικός Σύλλογος Α ${RUN}`;
    const nameB = `Πολιτιστικός Σύλλογος Β ${RUN}`;
    await register(a.client, orgFields(nameA, { subtype: 'sports', areas: 'sport' }));
    const idB = await register(b.client, orgFields(nameB, { subtype: 'cultural', areas: 'culture' }));

    const editPage = await a.client.get(`/my/organisations/${idB}/edit`);
    assert.ok([403, 404].includes(editPage.status), `A opens B's edit form: ${editPage.status}`);
    const view = await a.client.get(`/my/organisations/${idB}`);
    assert.ok([403, 404].includes(view.status), `A opens B's overview: ${view.status}`);

    // A POST with A's own valid CSRF token: the refusal is about permission, not the token.
    const csrf = await a.client.csrf('/my/organisations/new');
    const edit = await a.client.post(`/my/organisations/${idB}/edit`, { ...orgFields('Κατάληψη από Α'), _csrf: csrf });
    assert.ok([403, 404].includes(edit.status), `A edits B: ${edit.status}`);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('kind', 'statute');
    form.append('file', new Blob([smallPdf()], { type: 'application/pdf' }), 'x.pdf');
    const up = await a.client.request('POST', `/my/organisations/${idB}/documents`, { multipart: form });
    assert.ok([403, 404].includes(up.status), `A uploads to B: ${up.status}`);
    const inv = await a.client.post(`/my/organisations/${idB}/invitations`, { email: uniqueEmail('x'), role: 'admin', _csrf: csrf });
    assert.ok([403, 404].includes(inv.status), `A invites into B: ${inv.status}`);

    const still = await b.client.get(`/my/organisations/${idB}/edit`);
    assert.equal(still.status, 200);
    assert.ok(still.body.includes(nameB), 'B is unchanged');
    assert.ok(!still.body.includes('Κατάληψη από Α'));
    const docs = await b.client.get(`/my/organisations/${idB}/documents`);
    assert.doesNotMatch(docs.body, /\/organisation-documents\//, 'no document was added to B');
  });

  test('an .exe renamed .pdf is refused with a Greek message and leaves no file', async () => {
    const { client } = await account('exe', 'Δοκιμή Αρχείου');
    const id = await register(client, orgFields(`Περιβαλλοντικός Σύλλογος ${RUN}`, { subtype: 'environmental', areas: 'environment' }));
    const before = await filesIn(filesDir);
    const res = await upload(client, id, { data: fakeExe(), filename: 'katastatiko.pdf' });
    assert.equal(res.status, 422, `exe upload: ${res.status}`);
    assert.match(res.body, /Το αρχείο πρέπει να είναι έγγραφο PDF, JPEG ή PNG/);
    assert.match(res.body, /href="#file"/, 'the error summary links to the file field');
    assert.deepEqual(await filesIn(filesDir), before, 'no file was stored');
    const docs = await client.get(`/my/organisations/${id}/documents`);
    assert.doesNotMatch(docs.body, /\/organisation-documents\//, 'no document row');

    // A logo must be an image: the same bytes are refused there too.
    const csrf = await client.csrf(`/my/organisations/${id}/documents`);
    const form = new FormData();
    form.append('_csrf', csrf);
    form.append('logo', new Blob([fakeExe()], { type: 'image/png' }), 'logo.png');
    const logo = await client.request('POST', `/my/organisations/${id}/logo`, { multipart: form });
    assert.equal(logo.status, 422);
    assert.deepEqual(await filesIn(filesDir), before, 'still no file');
  });

  test('an invalid ΑΦΜ is refused with a clear message and nothing is saved', async () => {
    const { client } = await account('afm', 'Δοκιμή ΑΦΜ');
    const name = `Σύλλογος Λάθος ΑΦΜ ${RUN}`;
    const res = await client.submit('/my/organisations/new', orgFields(name, { afm: invalidAfm() }));
    assert.equal(res.status, 422, `invalid AFM: ${res.status}`);
    assert.match(res.body, /Ο ΑΦΜ δεν είναι έγκυρος/);
    assert.match(res.body, /href="#afm"/);
    assert.ok(res.body.includes(name), 'the typed values are kept');
    await saveHtml('registry-organisation-invalid', res.body);
    const list = await client.get('/my/organisations');
    assert.ok(!list.body.includes(name), 'nothing was saved');
    assert.doesNotMatch(list.body, /href="\/my\/organisations\/\d+"/, 'the account has no organisation');
  });
});

describe('people', () => {
  test('invite by mail, accept with another account, last admin, transfer of admin rights', async () => {
    const admin = await account('president', 'Μαρία Παπαδοπούλου');
    const name = `Σύλλογος Εθελοντών ${RUN}`;
    const id = await register(admin.client, orgFields(name, { subtype: 'volunteer', areas: 'social_solidarity' }));

    // The only admin cannot leave.
    const leave = await admin.client.submit(`/my/organisations/${id}/leave`, {}, { formPath: `/my/organisations/${id}/members` });
    assert.equal(leave.status, 422);
    assert.match(leave.body, /Είστε ο μοναδικός διαχειριστής/);
    assert.ok((await admin.client.get('/my/organisations')).body.includes(name), 'still a member');

    const other = await account('treasurer', 'Νίκος Αντωνίου');
    const invited = await admin.client.submit(`/my/organisations/${id}/invitations`, { email: other.email, role: 'member' },
      { formPath: `/my/organisations/${id}/members` });
    assert.equal(invited.status, 303, `invite: ${invited.status}\n${invited.body.slice(0, 600)}`);
    const members = await admin.client.get(`/my/organisations/${id}/members`);
    assert.ok(members.body.includes(other.email), 'the pending invitation is listed');
    await saveHtml('registry-organisation-members', members.body);
    const again = await admin.client.submit(`/my/organisations/${id}/invitations`, { email: other.email, role: 'member' },
      { formPath: `/my/organisations/${id}/members` });
    assert.equal(again.status, 422, 'a second pending invitation to the same address is refused');

    const mail = await sink.waitForMail((m) => m.toAddresses.includes(other.email) && /\/invitations\//.test(m.text));
    assert.ok(mail.text.includes(name), 'the mail names the organisation');
    const link = invitationLink(mail);
    const path = new URL(link).pathname;

    // A visitor is sent to log in and comes back to the invitation.
    const visitor = new HttpClient(srv.baseUrl);
    const gate = await visitor.get(path);
    assert.equal(gate.status, 303);
    assert.equal(new URL(gate.location).pathname, '/login');
    const back = await loginOk(visitor, other.email, other.password, { next: path });
    assert.equal(new URL(back.location).pathname, path, 'log-in returns to the invitation');

    const page = await visitor.get(path);
    assert.equal(page.status, 200);
    assert.ok(page.body.includes(name));
    await saveHtml('registry-organisation-invitation', page.body);
    const accepted = await visitor.post(path, { _csrf: extractCsrf(page.body) });
    assert.equal(accepted.status, 303, `accept: ${accepted.status}`);
    assert.equal(new URL(accepted.location).pathname, `/my/organisations/${id}`);
    const mine = await visitor.get('/my/organisations');
    assert.ok(mine.body.includes(name), 'the organisation is in the new member\'s list');
    assert.match(mine.body, /Μέλος/);
    const used = await visitor.get(path);
    assert.equal(used.status, 410, 'a used invitation is gone');

    // A plain member cannot invite.
    const csrf = await visitor.csrf('/my/organisations');
    const refused = await visitor.post(`/my/organisations/${id}/invitations`, { email: uniqueEmail('y'), role: 'member', _csrf: csrf });
    assert.equal(refused.status, 403);

    // Transfer: the member becomes admin, the admin a member; then the former admin may leave.
    const ids = memberIdsIn((await admin.client.get(`/my/organisations/${id}/members`)).body);
    assert.equal(ids.length, 1, 'the transfer list offers the other member');
    const transferred = await admin.client.submit(`/my/organisations/${id}/transfer`, { to_user: String(ids[0]) },
      { formPath: `/my/organisations/${id}/members` });
    assert.equal(transferred.status, 303, `transfer: ${transferred.status}\n${transferred.body.slice(0, 600)}`);
    assert.match((await visitor.get('/my/organisations')).body, /Διαχειριστής/, 'the new admin');
    const noLonger = await admin.client.post(`/my/organisations/${id}/invitations`,
      { email: uniqueEmail('z'), role: 'member', _csrf: await admin.client.csrf('/my/organisations') });
    assert.equal(noLonger.status, 403, 'the former admin can no longer invite');
    const left = await admin.client.submit(`/my/organisations/${id}/leave`, {}, { formPath: `/my/organisations/${id}/members` });
    assert.equal(left.status, 303, 'with another admin in place, the former admin may leave');
    assert.ok(!(await admin.client.get('/my/organisations')).body.includes(name));

    // The history records who did what.
    const overview = await visitor.get(`/my/organisations/${id}`);
    assert.ok(overview.body.includes('Μαρία Παπαδοπούλου'), 'the history names who acted');
    assert.match(overview.body, /Μεταβιβάστηκαν τα δικαιώματα διαχειριστή/);

    // The audit log records each action on the organisation, with the account that acted.
    const { auditor } = parseDemoLogins(await srv.demoLogins());
    const reader = new HttpClient(srv.baseUrl);
    await loginOk(reader, auditor.email, auditor.password);
    const log = await reader.get('/api/v1/audit?action=registry.&limit=200');
    assert.equal(log.status, 200, `audit API: ${log.status}`);
    const mineOnly = log.json().items.filter((i) => i.subject === `organisation:${id}`);
    const actions = mineOnly.map((i) => i.action);
    for (const a of ['registry.create', 'registry.member.invite', 'registry.member.join', 'registry.admin.transfer', 'registry.member.leave']) {
      assert.ok(actions.includes(a), `${a} is in the audit log: ${actions.join(', ')}`);
    }
    const invite = mineOnly.find((i) => i.action === 'registry.member.invite');
    const transfer = mineOnly.find((i) => i.action === 'registry.admin.transfer');
    assert.equal(invite.actor_user_id, transfer.details.from_user_id, 'the inviting admin is recorded as the actor');
    assert.equal(transfer.details.to_user_id, ids[0]);
  });
});
