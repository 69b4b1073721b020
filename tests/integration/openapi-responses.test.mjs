// Every operation of docs/openapi.yaml, called for real as every kind of caller — a visitor,
// each demo role with a session, and personal API tokens — on the demo municipality (SQLite, or
// PostgreSQL with SYNERGEIA_TEST_DB_BACKEND=postgres). Each answer must be declared by the spec:
//   - its status code (or `default`) for that operation;
//   - its Content-Type, as a media type (parameters such as charset are not compared);
//   - a JSON body valid against the declared schema (Ajv, draft 2020-12, $refs into the spec),
//     a text/xml body well-formed with the schema's root element, any declared header valid.
// Error answers count as much as successes: unknown ids, bad parameters, refusals.
// CALLS below says how each operation is called; the last tests fail when the spec has an
// operation that CALLS does not call, or one that never answered both a success and an error.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

import { startServer, HttpClient, rawHttp, REPO_ROOT } from './lib/server.mjs';
import { parseDemoLogins, loginOk, writeConfig } from './lib/flows.mjs';

const execFileP = promisify(execFile);

// ---------------------------------------------------------------- the spec

const SPEC_ID = 'openapi.json';
const spec = parseYaml(readFileSync(join(REPO_ROOT, 'docs', 'openapi.yaml'), 'utf8'));
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** operationId → {method, path, op} for every operation in the spec. */
const operations = new Map();
for (const [path, item] of Object.entries(spec.paths)) {
  for (const method of METHODS) {
    if (item[method]) operations.set(item[method].operationId, { method: method.toUpperCase(), path, op: item[method] });
  }
}

// Strict mode, so that a misspelt keyword in the spec's schemas fails here instead of being
// ignored. The spec's own members and the OpenAPI keywords inside schemas are declared as
// keywords without meaning, so that the whole document can be the base of every $ref.
const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
ajv.addVocabulary(['openapi', 'info', 'servers', 'tags', 'security', 'paths', 'components', 'webhooks', 'example', 'xml', 'externalDocs']);
ajv.addSchema(spec, SPEC_ID);

const escapePointer = (s) => s.replace(/~/g, '~0').replace(/\//g, '~1');

function at(pointer) {
  let node = spec;
  for (const part of pointer.replace(/^#\//, '').split('/')) {
    node = node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  if (node === undefined) throw new Error(`the spec has nothing at ${pointer}`);
  return node;
}

/** Follows a component's $ref chain: {node, pointer}. */
function deref(node, pointer) {
  while (node && node.$ref) {
    pointer = node.$ref;
    node = at(pointer);
  }
  return { node, pointer };
}

const validators = new Map();   // schema pointer → compiled validator
function validatorAt(pointer) {
  if (!validators.has(pointer)) validators.set(pointer, ajv.compile({ $ref: `${SPEC_ID}${pointer}` }));
  return validators.get(pointer);
}

const mediaType = (contentType) => (contentType || '').split(';')[0].trim().toLowerCase();
const isJson = (media) => media === 'application/json' || media.endsWith('+json');

/** The response the spec declares for this status of an operation: {node, pointer} or undefined. */
function declaredResponse(opId, status) {
  const { method, path } = operations.get(opId);
  const responses = operations.get(opId).op.responses;
  const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => responses[k]);
  if (!key) return undefined;
  return deref(responses[key], `#/paths/${escapePointer(path)}/${method.toLowerCase()}/responses/${key}`);
}

const xmlParser = new XMLParser({ ignoreAttributes: true, ignoreDeclaration: true });

/** What is wrong with an answer by the spec: a list of texts, empty when it conforms. */
function violations(opId, res) {
  const declared = declaredResponse(opId, res.status);
  const codes = Object.keys(operations.get(opId).op.responses).join(', ');
  if (!declared) return [`status ${res.status} is not declared (declared: ${codes})`];
  const { node: response, pointer } = declared;
  const out = [];

  for (const [name, header] of Object.entries(response.headers || {})) {
    const value = res.headers.get(name);
    if (value === null || !header.schema) continue;
    const validate = validatorAt(`${pointer}/headers/${escapePointer(name)}/schema`);
    if (!validate(value)) out.push(`header ${name}: ${ajv.errorsText(validate.errors)}`);
  }

  const content = response.content || {};
  const media = mediaType(res.headers.get('content-type'));
  if (Object.keys(content).length === 0) {
    if (res.body.length > 0) out.push(`a body (${media}) where the spec declares none`);
    return out;
  }
  const declaredMedia = Object.keys(content).find((m) => {
    const d = mediaType(m);
    return d === media || d === '*/*' || (d.endsWith('/*') && media.startsWith(d.slice(0, -1)));
  });
  if (!declaredMedia) {
    out.push(`Content-Type ${res.headers.get('content-type')} is not declared (declared: ${Object.keys(content).join(', ')})`);
    return out;
  }
  const schemaPointer = `${pointer}/content/${escapePointer(declaredMedia)}/schema`;
  if (!content[declaredMedia].schema) return out;

  if (isJson(media)) {
    let body;
    try {
      body = JSON.parse(res.body);
    } catch (err) {
      return [...out, `the body is not JSON: ${err.message}`];
    }
    const validate = validatorAt(schemaPointer);
    if (!validate(body)) {
      for (const e of validate.errors.slice(0, 12)) {
        out.push(`${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)} [${e.schemaPath}]`);
      }
    }
  } else if (media.endsWith('/xml')) {
    const valid = XMLValidator.validate(res.body);
    if (valid !== true) return [...out, `the body is not well-formed XML: ${JSON.stringify(valid)}`];
    const root = Object.keys(xmlParser.parse(res.body))[0];
    const expected = deref(content[declaredMedia].schema, schemaPointer).node.xml?.name;
    if (expected && root !== expected) out.push(`the XML root is <${root}>, the schema says <${expected}>`);
  } else {
    // Text answers (CSV, plain text) are declared as strings, which may carry a pattern.
    const validate = validatorAt(schemaPointer);
    if (!validate(res.body)) out.push(`body: ${ajv.errorsText(validate.errors)}`);
  }
  return out;
}

// ---------------------------------------------------------------- callers and calls

let srv;
let demo;
const callers = [];        // {name, kind: 'visitor' | 'session' | 'token', client, csrf}
const fixtures = {};       // data the calls need, made once in before()
const exercised = new Map();   // operationId → Set of statuses answered
let answers = 0;
const failures = new Map();    // operationId → [texts]

/** An /api/v1 or Open311 call as `who`; checks the answer against the spec and returns it. */
async function call(opId, who, method, path, { json, form, body, headers = {}, csrf = true } = {}) {
  assert.ok(operations.has(opId), `${opId} is not in the spec`);
  const h = { ...headers };
  if (csrf && who.csrf && method !== 'GET') h['x-csrf-token'] = who.csrf;
  const res = await who.client.request(method, path, { json, form, body, headers: h });
  record(opId, who, `${method} ${path}`, res);
  return res;
}

function record(opId, who, what, res) {
  answers += 1;
  if (!exercised.has(opId)) exercised.set(opId, new Set());
  exercised.get(opId).add(res.status);
  const problems = violations(opId, res);
  if (problems.length) {
    if (!failures.has(opId)) failures.set(opId, []);
    failures.get(opId).push(`${opId} as ${who.name}: ${what} → ${res.status} ${res.headers.get('content-type')}\n    `
      + `${problems.join('\n    ')}\n    body: ${res.body.slice(0, 300)}`);
  }
}

/** The JSON of a 2xx answer, or undefined. */
function ok(res) {
  return res.status >= 200 && res.status < 300 && isJson(mediaType(res.headers.get('content-type'))) ? JSON.parse(res.body) : undefined;
}

/** Sends raw bytes (for answers that only malformed HTTP gets) and records the answer. */
async function callRaw(opId, who, payload) {
  const { data } = await rawHttp(srv.port, payload);
  const end = data.indexOf('\r\n\r\n');
  const [statusLine, ...lines] = data.slice(0, end).split('\r\n');
  const headers = new Headers();
  for (const l of lines) headers.append(l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim());
  const res = { status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]), headers, body: data.slice(end + 4) };
  record(opId, who, 'a malformed request', res);
  return res;
}

/** A POST whose Content-Length is over every body limit (20 MiB); only the head is sent. */
const tooLarge = (path, type) => `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${21 * 1024 * 1024}\r\n\r\n`;

const isLoggedIn = (who) => who.kind !== 'visitor';
const FORGED = { authorization: 'Bearer syn_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' };
const MISSING_ID = 999999999;

/** The open311_token of a request: the only way to it, since no answer carries it (by the spec). */
async function open311Token(id) {
  const sql = `SELECT open311_token FROM requests WHERE id = ${Number(id)}`;
  const { stdout } = srv.dbUrl.startsWith('sqlite:')
    ? await execFileP('sqlite3', ['-readonly', srv.dbUrl.slice('sqlite:'.length), sql])
    : await execFileP('psql', [srv.dbUrl, '-qAtc', sql]);
  return stdout.trim();
}

/** A valid ΑΦΜ (Greek tax number) from an 8-digit stem: the 9th digit is the check digit. */
function afm(stem) {
  const digits = String(stem).padStart(8, '0').split('').map(Number);
  const sum = digits.reduce((acc, d, i) => acc + d * 2 ** (8 - i), 0);
  return digits.join('') + String((sum % 11) % 10);
}

function informalGroup(who) {
  return {
    official_name: `Ομάδα Γειτονιάς ${who.name}`,
    kind: 'civil_society',
    subtype: 'informal_group',
    areas: ['environment', 'local_development'],
    description: 'Καθαρίζουμε το **πάρκο** κάθε Σάββατο.',
    neighbourhood: 'Βέργα',
    email: 'geitonia@example.gr',
    phone: '2721012345',
    website: 'https://geitonia.example.gr',
    social_links: ['https://social.example.gr/geitonia'],
    declared_members: 12,
    board: { president: 'Μαρία Παπαδοπούλου', members: ['Γιώργος Νικολάου'] },
    visibility: { phone: 'public', board: 'public', email: 'municipality' },
  };
}

const REQUEST = {
  type: 'local-problem', title: 'Σπασμένο παγκάκι', description: 'Στην πλατεία, δίπλα στη βρύση.',
  address: 'Πλατεία 23ης Μαρτίου, Καλαμάτα', postal_code: '24100', latitude: 37.0375, longitude: 22.1139,
};

const OPEN311_POST = {
  service_code: 'local-problem', lat: '37.0391', long: '22.1142', address_string: 'Αριστομένους 25, Καλαμάτα',
  email: 'polites@example.gr', description: 'Λακκούβα στη διασταύρωση.',
};

/**
 * How each operation is called: CALLS[operationId](who, c) makes that operation's calls as
 * `who`, where c(method, path, options) calls it and checks the answer. The operations run in
 * this order (one test each), every caller at once; within a caller, a later operation may use
 * what an earlier one made (who.draft, who.request).
 */
const CALLS = {
  // ------------------------------------------------ accounts and audit
  async getMe(who, c) {
    await c('GET', '/api/v1/me');
    await c('GET', '/api/v1/me?q=%FF');
    if (!isLoggedIn(who)) await c('GET', '/api/v1/me', { headers: FORGED });
  },

  async listAuditEntries(who, c) {
    const first = ok(await c('GET', '/api/v1/audit?limit=3'));
    if (first?.next) await c('GET', `/api/v1/audit?limit=3&cursor=${encodeURIComponent(first.next)}`);
    await c('GET', '/api/v1/audit?action=account.&actor=1&from=2020-01-01&to=2100-12-31&limit=200');
    await c('GET', '/api/v1/audit?from=22-11-2026&limit=0');
    await c('GET', '/api/v1/audit?cursor=newest');
    await c('GET', '/api/v1/audit?action=%FF');
  },

  // ------------------------------------------------ registry
  async listOrganisations(who, c) {
    await c('GET', '/api/v1/organisations?per_page=20');
    await c('GET', `/api/v1/organisations?q=${encodeURIComponent('syllogos')}&verified=true&sort=newest&page=1&per_page=100`);
    await c('GET', '/api/v1/organisations?kind=civil_society&area=environment');
    await c('GET', '/api/v1/organisations?per_page=500&kind=club&verified=maybe');
    await c('GET', '/api/v1/organisations?q=%FF');
  },

  async createOrganisation(who, c) {
    const created = ok(await c('POST', '/api/v1/organisations', { json: informalGroup(who) }));
    if (created) who.draft = created;
    await c('POST', '/api/v1/organisations', { json: { ...informalGroup(who), email: 'not-an-address', colour: 'red' } });
    await c('POST', '/api/v1/organisations', { body: '{"official_name":', headers: { 'content-type': 'application/json' } });
    await c('POST', '/api/v1/organisations', { form: { official_name: 'Χ' } });
    if (who.kind === 'session') await c('POST', '/api/v1/organisations', { json: informalGroup(who), csrf: false });
    if (!isLoggedIn(who)) await c('POST', '/api/v1/organisations', { json: informalGroup(who), headers: FORGED });
    // Over the body limit: the HTTP layer answers 413 before reading it.
    if (!isLoggedIn(who)) await callRaw('createOrganisation', who, tooLarge('/api/v1/organisations', 'application/json'));
  },

  async getOrganisation(who, c) {
    await c('GET', `/api/v1/organisations/${encodeURIComponent(fixtures.listedSlug)}`);
    await c('GET', `/api/v1/organisations/${fixtures.listedId}`);
    await c('GET', `/api/v1/organisations/${fixtures.draft.id}`);
    if (who.draft) await c('GET', `/api/v1/organisations/${who.draft.id}`);
    await c('GET', '/api/v1/organisations/no-such-organisation');
    await c('GET', `/api/v1/organisations/${MISSING_ID}`);
    await c('GET', `/api/v1/organisations/${encodeURIComponent(fixtures.listedSlug)}?x=%FF`);
    // A path that is not UTF-8 is refused before routing, still in the API's error format.
    await c('GET', '/api/v1/organisations/%FF');
  },

  async updateOrganisation(who, c) {
    const id = who.draft?.id ?? fixtures.draft.id;
    await c('PATCH', `/api/v1/organisations/${id}`, { json: { website: 'https://geitonia2.example.gr', founding_date: '2019-04-01' } });
    await c('PATCH', `/api/v1/organisations/${id}`, { json: { postal_code: '999', colour: 'red' } });
    await c('PATCH', `/api/v1/organisations/${id}`, { body: '[1,', headers: { 'content-type': 'application/json' } });
    await c('PATCH', `/api/v1/organisations/${id}`, { form: { website: 'https://x.gr' } });
    await c('PATCH', `/api/v1/organisations/${fixtures.draft.id}`, { json: { website: 'https://x.example.gr' } });
    await c('PATCH', `/api/v1/organisations/${MISSING_ID}`, { json: { website: 'https://x.example.gr' } });
  },

  async submitOrganisation(who, c) {
    const id = who.draft?.id ?? fixtures.draft.id;
    await c('POST', `/api/v1/organisations/${id}/submit`);
    await c('POST', `/api/v1/organisations/${id}/submit`);   // no longer a draft: 422
    await c('POST', `/api/v1/organisations/${fixtures.statuteless.id}/submit`);
    await c('POST', `/api/v1/organisations/${MISSING_ID}/submit`);
  },

  async decideOrganisation(who, c) {
    const id = who.draft?.id ?? fixtures.draft.id;
    await c('POST', `/api/v1/organisations/${id}/decision`, { json: { decision: 'return', reasons: ['Λείπει το καταστατικό.'] } });
    await c('POST', `/api/v1/organisations/${id}/decision`, { json: { decision: 'verify', checklist: { afm_valid: true } } });
    await c('POST', `/api/v1/organisations/${id}/decision`, { json: { decision: 'fly', checklist: [], reasons: 'x' } });
    await c('POST', `/api/v1/organisations/${id}/decision`, { body: 'decision=verify', headers: { 'content-type': 'text/plain' } });
    await c('POST', `/api/v1/organisations/${MISSING_ID}/decision`, { json: { decision: 'suspend' } });
  },

  async exportOrganisationsCsv(who, c) {
    await c('GET', '/api/v1/organisations/export.csv');
    await c('GET', '/api/v1/organisations/export.csv?delimiter=semicolon');
    await c('GET', '/api/v1/organisations/export.csv?delimiter=pipe');
    await c('GET', '/api/v1/organisations/export.csv?delimiter=%FF');
  },

  async exportOrganisationsHsds(who, c) {
    await c('GET', '/api/v1/organisations/export/hsds.json');
    await c('GET', '/api/v1/organisations/export/hsds.json?x=%FF');
  },

  // ------------------------------------------------ requests
  async listRequestTypes(who, c) {
    await c('GET', '/api/v1/request-types');
    await c('GET', '/api/v1/request-types?x=%FF');
  },

  async submitRequest(who, c) {
    const created = ok(await c('POST', '/api/v1/requests', { json: { ...REQUEST, is_public: true } }));
    if (created) who.request = created;
    await c('POST', '/api/v1/requests', { json: { type: 'promotion', title: 'Χωρίς τόπο', description: 'Ιδιωτικό.', is_public: false } });
    await c('POST', '/api/v1/requests', { json: { type: 'no-such-type', title: '', description: '', is_public: 'maybe' } });
    await c('POST', '/api/v1/requests', { body: '{"type":', headers: { 'content-type': 'application/json' } });
    await c('POST', '/api/v1/requests', { form: { type: 'local-problem' } });
    if (who.kind === 'session') await c('POST', '/api/v1/requests', { json: REQUEST, csrf: false });
    if (!isLoggedIn(who)) await c('POST', '/api/v1/requests', { json: REQUEST, headers: FORGED });
  },

  async listRequests(who, c) {
    await c('GET', '/api/v1/requests?per_page=20');
    await c('GET', '/api/v1/requests?state=open&type=local-problem&overdue=false&q=paghaki&page=1&per_page=5');
    await c('GET', '/api/v1/requests?mine=true');
    await c('GET', `/api/v1/requests?department=${fixtures.departmentId}&state=resolved&overdue=true`);
    await c('GET', '/api/v1/requests?state=lost&per_page=1000&department=x&overdue=maybe');
    await c('GET', '/api/v1/requests?q=%FF');
  },

  async requestStatistics(who, c) {
    await c('GET', '/api/v1/requests/statistics');
    await c('GET', '/api/v1/requests/statistics?x=%FF');
  },

  async getRequest(who, c) {
    for (const id of fixtures.requestIds) await c('GET', `/api/v1/requests/${id}`);
    if (who.request) await c('GET', `/api/v1/requests/${who.request.id}`);
    await c('GET', `/api/v1/requests/${fixtures.privateRequest.id}`);
    await c('GET', `/api/v1/requests/${MISSING_ID}`);
    await c('GET', '/api/v1/requests/abc');
    await c('GET', `/api/v1/requests/${fixtures.publicRequest.id}?x=%FF`);
  },

  async transitionRequest(who, c) {
    const id = who.request?.id ?? fixtures.publicRequest.id;
    await c('POST', `/api/v1/requests/${id}/transitions`, { json: { event: 'close' } });
    await c('POST', `/api/v1/requests/${id}/transitions`, { json: { event: 'fly', department_id: 'x' } });
    await c('POST', `/api/v1/requests/${id}/transitions`, { json: { event: 'reject' } });
    await c('POST', `/api/v1/requests/${id}/transitions`, { body: '{', headers: { 'content-type': 'application/json' } });
    await c('POST', `/api/v1/requests/${id}/transitions`, { form: { event: 'acknowledge' } });
    await c('POST', `/api/v1/requests/${MISSING_ID}/transitions`, { json: { event: 'acknowledge' } });
    // Along the whole workflow, so that whoever may act resolves their own request (rated below).
    const department = who.request?.department.id ?? fixtures.departmentId;
    for (const step of [{ event: 'acknowledge' }, { event: 'assign', department_id: department }, { event: 'start' }, { event: 'resolve' }]) {
      if (!ok(await c('POST', `/api/v1/requests/${id}/transitions`, { json: step }))) break;
    }
  },

  async replyToRequest(who, c) {
    const id = who.request?.id ?? fixtures.publicRequest.id;
    await c('POST', `/api/v1/requests/${id}/replies`, { json: { body: 'Το συνεργείο θα περάσει αύριο.', public: true } });
    await c('POST', `/api/v1/requests/${id}/replies`, { json: { body: 'Εσωτερική σημείωση.' } });
    await c('POST', `/api/v1/requests/${id}/replies`, { json: { body: '' } });
    await c('POST', `/api/v1/requests/${id}/replies`, { body: 'x', headers: { 'content-type': 'application/json' } });
    await c('POST', `/api/v1/requests/${id}/replies`, { form: { body: 'x' } });
    await c('POST', `/api/v1/requests/${MISSING_ID}/replies`, { json: { body: 'x' } });
  },

  async supportRequest(who, c) {
    await c('POST', `/api/v1/requests/${fixtures.publicRequest.id}/support`);
    if (who.request) await c('POST', `/api/v1/requests/${who.request.id}/support`);
    await c('POST', `/api/v1/requests/${fixtures.privateRequest.id}/support`);
    await c('POST', `/api/v1/requests/${fixtures.closedRequest.id}/support`);
    await c('POST', `/api/v1/requests/${MISSING_ID}/support`);
    if (who.kind === 'session') await c('POST', `/api/v1/requests/${fixtures.publicRequest.id}/support`, { csrf: false });
  },

  async unsupportRequest(who, c) {
    await c('DELETE', `/api/v1/requests/${fixtures.publicRequest.id}/support`);
    await c('DELETE', `/api/v1/requests/${fixtures.privateRequest.id}/support`);
    await c('DELETE', `/api/v1/requests/${MISSING_ID}/support`);
  },

  async rateRequest(who, c) {
    const id = who.request?.id ?? fixtures.publicRequest.id;
    await c('POST', `/api/v1/requests/${id}/rating`, { json: { rating: 9 } });
    await c('POST', `/api/v1/requests/${id}/rating`, { json: { rating: 4, comment: 'Γρήγορα και σωστά.' } });
    await c('POST', `/api/v1/requests/${id}/rating`, { json: { rating: 5 } });   // a second time
    await c('POST', `/api/v1/requests/${id}/rating`, { body: 'null', headers: { 'content-type': 'application/json' } });
    await c('POST', `/api/v1/requests/${id}/rating`, { form: { rating: '4' } });
    await c('POST', `/api/v1/requests/${fixtures.privateRequest.id}/rating`, { json: { rating: 1 } });
  },

  async listNotifications(who, c) {
    const first = ok(await c('GET', '/api/v1/notifications?limit=2'));
    if (first?.next) await c('GET', `/api/v1/notifications?limit=2&cursor=${encodeURIComponent(first.next)}`);
    await c('GET', '/api/v1/notifications');
    await c('GET', '/api/v1/notifications?limit=500&cursor=abc');
    await c('GET', '/api/v1/notifications?cursor=%FF');
  },

  // ------------------------------------------------ Open311 (no log-in: cookies and tokens change nothing)
  async open311Discovery(who, c) {
    await c('GET', '/open311/v2/discovery.json');
    await c('GET', '/open311/v2/discovery.xml');
    await c('GET', `/open311/v2/discovery.json?jurisdiction_id=${fixtures.slug}`);
    await c('GET', '/open311/v2/discovery.json?jurisdiction_id=atlantida');
    await c('GET', '/open311/v2/discovery.xml?jurisdiction_id=atlantida');
    await c('GET', '/open311/v2/discovery.html');
    await c('GET', '/open311/v2/discovery.json?x=%FF');
    await c('GET', `/open311/v2/discovery.json?api_key=${fixtures.apiKey}`);
  },

  async open311Services(who, c) {
    await c('GET', '/open311/v2/services.json');
    await c('GET', '/open311/v2/services.xml');
    await c('GET', '/open311/v2/services.JSON');
    await c('GET', '/open311/v2/services.json?jurisdiction_id=atlantida');
    await c('GET', '/open311/v2/services.json?x=%FF');
  },

  async open311ServiceDefinition(who, c) {
    await c('GET', '/open311/v2/services/local-problem.json');
    await c('GET', '/open311/v2/services/local-problem.xml');
    await c('GET', '/open311/v2/services/no-such-service.json');
    await c('GET', '/open311/v2/services/local-problem.html');
    await c('GET', '/open311/v2/services/local-problem.json?jurisdiction_id=atlantida');
  },

  async open311ListRequests(who, c) {
    await c('GET', '/open311/v2/requests.json');
    await c('GET', '/open311/v2/requests.xml');
    await c('GET', '/open311/v2/requests.json?status=open,closed&service_code=local-problem&service_code=promotion');
    const now = Date.now();
    const w3c = (ms) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
    await c('GET', `/open311/v2/requests.json?start_date=${w3c(now - 30 * 86400e3)}&end_date=${w3c(now)}&status=closed`);
    await c('GET', `/open311/v2/requests.json?service_request_id=${fixtures.requestIds.join(',')}`);
    await c('GET', '/open311/v2/requests.json?start_date=yesterday&status=lost');
    await c('GET', '/open311/v2/requests.xml?start_date=yesterday');
    await c('GET', `/open311/v2/requests.json?api_key=${fixtures.apiKey}`);
  },

  async open311CreateRequest(who, c) {
    const key = { api_key: fixtures.apiKey };
    await c('POST', '/open311/v2/requests.json', { form: { ...OPEN311_POST, ...key } });
    await c('POST', '/open311/v2/requests.xml', { form: { ...OPEN311_POST, ...key, jurisdiction_id: fixtures.slug } });
    await c('POST', '/open311/v2/requests.json', { form: OPEN311_POST });
    await c('POST', '/open311/v2/requests.json', { form: { ...OPEN311_POST, api_key: 'o311_not-a-key' } });
    await c('POST', '/open311/v2/requests.xml', { form: { ...OPEN311_POST, api_key: 'o311_not-a-key' } });
    await c('POST', '/open311/v2/requests.json', { form: { ...key, description: 'Χωρίς είδος.' } });
    await c('POST', '/open311/v2/requests.json', { form: { ...OPEN311_POST, ...key, lat: '', address_string: '' } });
    await c('POST', '/open311/v2/requests.json', { form: { ...OPEN311_POST, ...key, service_code: 'no-such-service' } });
    await c('POST', '/open311/v2/requests.json', { json: { ...OPEN311_POST, ...key } });
    await c('POST', '/open311/v2/requests.json?jurisdiction_id=atlantida', { form: { ...OPEN311_POST, ...key } });
    await c('POST', `/open311/v2/requests.json?api_key=${fixtures.apiKey}`, { form: OPEN311_POST });
    if (!isLoggedIn(who)) await callRaw('open311CreateRequest', who, tooLarge('/open311/v2/requests.json', 'application/x-www-form-urlencoded'));
  },

  async open311GetRequest(who, c) {
    await c('GET', `/open311/v2/requests/${fixtures.publicRequest.id}.json`);
    await c('GET', `/open311/v2/requests/${fixtures.publicRequest.id}.xml`);
    for (const id of fixtures.requestIds) await c('GET', `/open311/v2/requests/${id}.json`);
    await c('GET', `/open311/v2/requests/${fixtures.privateRequest.id}.json`);
    await c('GET', `/open311/v2/requests/${MISSING_ID}.json`);
    await c('GET', '/open311/v2/requests/abc.xml');
    await c('GET', '/open311/v2/requests/%FF.json');
    await c('GET', '/open311/v2/requests/%FF.xml');
  },

  async open311GetToken(who, c) {
    await c('GET', `/open311/v2/tokens/${fixtures.open311Token}.json`);
    await c('GET', `/open311/v2/tokens/${fixtures.open311Token}.xml`);
    await c('GET', '/open311/v2/tokens/no-such-token.json');
    await c('GET', '/open311/v2/tokens/no-such-token.xml');
  },

  // ------------------------------------------------ operations
  async getHealth(who, c) {
    await c('GET', '/healthz');
    // Two Content-Lengths: not well-formed HTTP, answered in plain text before any routing.
    if (!isLoggedIn(who)) await callRaw('getHealth', who, 'GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab');
  },

  async getMetrics(who, c) {
    await c('GET', '/metrics');
    if (!isLoggedIn(who)) await callRaw('getMetrics', who, 'GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab');
  },
};

// ---------------------------------------------------------------- setup

async function sessionOf(role) {
  const client = new HttpClient(srv.baseUrl);
  await loginOk(client, demo[role].email, demo[role].password);
  // Every page with a form carries the session's CSRF token; the API takes it as a header.
  return { name: role, kind: 'session', client, csrf: await client.csrf('/account') };
}

async function tokenOf(session) {
  const page = await session.client.request('POST', '/account/tokens', { form: { token_name: 'openapi test', _csrf: session.csrf } });
  const token = /<code class="token">([^<]+)<\/code>/.exec(page.body)?.[1];
  assert.ok(token, `a token for ${session.name} was shown: ${page.status}`);
  return { name: `${session.name} (API token)`, kind: 'token', client: new HttpClient(srv.baseUrl, { headers: { authorization: `Bearer ${token}` } }) };
}

const byName = (name) => callers.find((w) => w.name === name);

/** Makes a JSON API call for the fixtures and insists on the status. */
async function must(who, method, path, status, options = {}) {
  const headers = { ...(who.csrf && method !== 'GET' ? { 'x-csrf-token': who.csrf } : {}), ...(options.headers || {}) };
  const res = await who.client.request(method, path, { ...options, headers });
  assert.equal(res.status, status, `${method} ${path} as ${who.name}: ${res.status} ${res.body.slice(0, 300)}`);
  return res;
}

before(async () => {
  const config = await writeConfig('login_limit_per_ip = 1000\n');
  srv = await startServer({ seed: true, env: { SYNERGEIA_CONFIG: config } });
  demo = parseDemoLogins(await srv.demoLogins());

  callers.push({ name: 'visitor', kind: 'visitor', client: new HttpClient(srv.baseUrl) });
  callers.push(...await Promise.all(Object.keys(demo).map(sessionOf)));
  callers.push(...await Promise.all(['citizen', 'staff'].map((role) => tokenOf(byName(role)))));

  const citizen = byName('citizen');
  const admin = byName('tenant_admin');
  fixtures.slug = JSON.parse((await must(citizen, 'GET', '/api/v1/me', 200)).body).municipality.slug;
  const listed = JSON.parse((await must(citizen, 'GET', '/api/v1/organisations?per_page=1', 200)).body).items[0];
  assert.ok(listed, 'the demo lists organisations');
  fixtures.listedSlug = listed.slug;
  fixtures.listedId = listed.id;
  // Drafts of the citizen's, for the calls of those who have none of their own: one that
  // stays a draft, and one that is not an informal group and so cannot be submitted.
  fixtures.draft = JSON.parse((await must(citizen, 'POST', '/api/v1/organisations', 201, { json: informalGroup({ name: 'citizen' }) })).body);
  fixtures.statuteless = JSON.parse((await must(citizen, 'POST', '/api/v1/organisations', 201, {
    json: { ...informalGroup({ name: 'citizen 2' }), subtype: 'amke', afm: afm(70000311), seat_address: 'Αριστομένους 10, Καλαμάτα' },
  })).body);

  fixtures.publicRequest = JSON.parse((await must(citizen, 'POST', '/api/v1/requests', 201, { json: { ...REQUEST, is_public: true } })).body);
  fixtures.privateRequest = JSON.parse((await must(citizen, 'POST', '/api/v1/requests', 201, { json: { ...REQUEST, is_public: false } })).body);
  fixtures.departmentId = fixtures.publicRequest.department.id;
  // Requests of the demo in every state, merged ones and those filed for an organisation, so
  // that the answers show every shape the schemas allow.
  const states = ['submitted', 'acknowledged', 'assigned', 'in_progress', 'resolved', 'rejected', 'closed'];
  const queue = (await Promise.all(states.map(async (state) => {
    const res = await must(admin, 'GET', `/api/v1/requests?state=${state}&per_page=50`, 200);
    return JSON.parse(res.body).items;
  }))).flat();
  const picks = new Set();
  for (const state of states) {
    const r = queue.find((x) => x.state === state && x.is_public);
    if (r) picks.add(r.id);
  }
  for (const pick of [(x) => x.merged_into_id, (x) => x.organisation, (x) => x.rating, (x) => x.source === 'open311']) {
    const r = queue.find(pick);
    if (r) picks.add(r.id);
  }
  fixtures.requestIds = [...picks];
  fixtures.closedRequest = queue.find((x) => !x.open && x.is_public && !x.merged_into_id) ?? fixtures.publicRequest;

  const keyPage = await admin.client.submit('/admin/requests/api-keys', { name: 'Έλεγχος OpenAPI' });
  fixtures.apiKey = /<code class="api-key">([^<]+)<\/code>/.exec(keyPage.body)?.[1];
  assert.ok(fixtures.apiKey, `an Open311 API key was issued: ${keyPage.status}`);
  const posted = await new HttpClient(srv.baseUrl).request('POST', '/open311/v2/requests.json', { form: { ...OPEN311_POST, api_key: fixtures.apiKey } });
  assert.equal(posted.status, 200, posted.body.slice(0, 300));
  fixtures.open311Token = await open311Token(JSON.parse(posted.body)[0].service_request_id);
  assert.ok(fixtures.open311Token, 'the Open311 request has a token');
});

after(async () => {
  await srv?.stop();
});

// ---------------------------------------------------------------- the tests

describe('every answer is one the spec declares', () => {
  for (const opId of Object.keys(CALLS)) {
    test(opId, async () => {
      await Promise.all(callers.map((who) => CALLS[opId](who, (method, path, options) => call(opId, who, method, path, options))));
      const found = failures.get(opId) || [];
      assert.equal(found.length, 0, `${found.length} answers of ${opId} break docs/openapi.yaml:\n${found.join('\n')}`);
    });
  }
});

describe('coverage', () => {
  test('every operation in the spec was called, and CALLS names no other', () => {
    const inSpec = [...operations.keys()].sort();
    assert.deepEqual(Object.keys(CALLS).sort(), inSpec, 'CALLS has one entry per operationId of the spec');
    assert.deepEqual([...exercised.keys()].sort(), inSpec, 'every operation answered at least once');
  });

  test('every operation answered with success at least once, and with an error', (t) => {
    t.diagnostic(`${answers} answers from ${operations.size} operations, ${callers.length} callers`);
    for (const [opId, statuses] of exercised) {
      const list = [...statuses].sort();
      t.diagnostic(`${opId}: ${list.join(' ')}`);
      assert.ok(list.some((s) => s >= 200 && s < 300), `${opId} never succeeded: ${list.join(' ')}`);
      assert.ok(list.some((s) => s >= 400), `${opId} never answered an error: ${list.join(' ')}`);
    }
  });
});
