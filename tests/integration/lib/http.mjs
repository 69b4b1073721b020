// HTTP helpers for the tests: a cookie-keeping client that speaks to the server like a
// browser without JavaScript would, a raw-socket request for malformed input, and
// saveHtml() for the Nu HTML checker (tests/html/vnu-check).
import { connect } from 'node:net';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where pages are saved for the Nu checker; scripts/test empties it before the suites. */
export function htmlDir() {
  return process.env.SYNERGEIA_HTML_DIR || join(REPO_ROOT, 'build', 'html-pages');
}

/** Saves a page's HTML as build/html-pages/<name>.html for tests/html/vnu-check. */
export async function saveHtml(name, html) {
  const safe = String(name).replace(/[^A-Za-z0-9._-]+/g, '_');
  await mkdir(htmlDir(), { recursive: true });
  const path = join(htmlDir(), `${safe}.html`);
  await writeFile(path, html);
  return path;
}

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos|#39);/gi, (_, e) => {
    const k = e.toLowerCase();
    if (k === 'amp') return '&';
    if (k === 'lt') return '<';
    if (k === 'gt') return '>';
    if (k === 'quot') return '"';
    if (k === 'apos' || k === '#39') return "'";
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    return String.fromCodePoint(parseInt(k.slice(1), 10));
  });
}

function attr(tag, name) {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return m ? decodeEntities(m[1] ?? m[2] ?? m[3]) : undefined;
}

/** The value of the hidden input named `_csrf` in an HTML page, or undefined. */
export function extractCsrf(html, field = '_csrf') {
  for (const m of html.matchAll(/<input\b[^>]*>/gi)) {
    if (attr(m[0], 'name') === field) return attr(m[0], 'value');
  }
  return undefined;
}

function parseSetCookie(line) {
  const [pair, ...attrs] = line.split(';');
  const eq = pair.indexOf('=');
  const name = pair.slice(0, eq).trim();
  const value = pair.slice(eq + 1).trim();
  const attributes = {};
  for (const a of attrs) {
    const i = a.indexOf('=');
    const key = (i < 0 ? a : a.slice(0, i)).trim().toLowerCase();
    attributes[key] = i < 0 ? true : a.slice(i + 1).trim();
  }
  return { name, value, attributes, raw: line };
}

function isExpired(attributes) {
  if (attributes['max-age'] !== undefined && Number(attributes['max-age']) <= 0) return true;
  if (attributes.expires && Date.parse(attributes.expires) <= Date.now()) return true;
  return false;
}

/**
 * A fetch-based client with a cookie jar. Redirects are not followed unless asked
 * ({follow: true}), so tests can check each 303. Responses are read at once:
 * {status, headers, body, location, url, redirects, json()}.
 */
export class HttpClient {
  constructor(baseUrl, { headers = {} } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, '');
    this.headers = { ...headers };
    this.jar = new Map();   // name → {value, attributes, raw}
  }

  cookie(name) { return this.jar.get(name); }

  setCookie(name, value) { this.jar.set(name, { value, attributes: {}, raw: `${name}=${value}` }); }

  clearCookies() { this.jar.clear(); }

  cookieHeader() {
    return [...this.jar].map(([k, c]) => `${k}=${c.value}`).join('; ');
  }

  absolute(path) {
    return /^https?:/.test(path) ? path : `${this.baseUrl}${path.startsWith('/') ? '' : '/'}${path}`;
  }

  /**
   * options: headers, form (object or [[k,v]…] → urlencoded), json, multipart (FormData),
   * body (raw), follow (follow redirects, default false).
   */
  async request(method, path, options = {}) {
    let url = this.absolute(path);
    let currentMethod = method.toUpperCase();
    let body;
    const headers = { ...this.headers, ...(options.headers || {}) };
    if (options.form !== undefined) {
      body = new URLSearchParams(options.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (options.json !== undefined) {
      body = JSON.stringify(options.json);
      headers['content-type'] ??= 'application/json';
    } else if (options.multipart !== undefined) {
      body = options.multipart;     // fetch sets the multipart boundary itself
    } else if (options.body !== undefined) {
      body = options.body;
    }

    const redirects = [];
    for (let hop = 0; ; hop += 1) {
      const cookie = this.cookieHeader();
      const res = await fetch(url, {
        method: currentMethod,
        headers: { ...headers, ...(cookie ? { cookie } : {}) },
        body: currentMethod === 'GET' || currentMethod === 'HEAD' ? undefined : body,
        redirect: 'manual',
      });
      for (const line of res.headers.getSetCookie()) {
        const c = parseSetCookie(line);
        if (isExpired(c.attributes)) this.jar.delete(c.name); else this.jar.set(c.name, c);
      }
      const text = await res.text();
      const location = res.headers.get('location');
      const result = {
        status: res.status,
        headers: res.headers,
        body: text,
        url,
        location: location ? new URL(location, url).toString() : undefined,
        redirects,
        json() { return JSON.parse(text); },
      };
      if (!options.follow || !location || ![301, 302, 303, 307, 308].includes(res.status)) return result;
      if (hop >= 10) throw new Error(`too many redirects from ${path}`);
      redirects.push({ status: res.status, url, location: result.location });
      url = result.location;
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && currentMethod === 'POST')) {
        currentMethod = 'GET';
        body = undefined;
        delete headers['content-type'];
      }
    }
  }

  get(path, options) { return this.request('GET', path, options); }

  post(path, form, options = {}) { return this.request('POST', path, { ...options, form }); }

  /** GETs a form page and returns its `_csrf` value (throws if there is none). */
  async csrf(path) {
    const page = await this.get(path);
    const token = extractCsrf(page.body);
    if (!token) throw new Error(`no _csrf field in ${path} (status ${page.status})`);
    return token;
  }

  /**
   * Fills a form like a person would: GET formPath (default: path), take its `_csrf`,
   * POST the fields with it to path.
   */
  async submit(path, fields, { formPath, ...options } = {}) {
    const token = await this.csrf(formPath || path);
    const pairs = Array.isArray(fields) ? fields : Object.entries(fields);
    return this.request('POST', path, { ...options, form: [...pairs, ['_csrf', token]] });
  }
}

/**
 * Sends raw bytes on a new connection and reads until the server closes it or timeoutMs
 * passes. Returns {data, status, closed}: closed is true when the server ended the
 * connection itself.
 */
export function rawHttp(port, payload, { host = '127.0.0.1', timeoutMs = 5000 } = {}) {
  return new Promise((resolveRaw, reject) => {
    const chunks = [];
    let settled = false;
    const sock = connect({ host, port });
    const finish = (closed) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      sock.destroy();
      const data = Buffer.concat(chunks).toString('latin1');
      const m = /^HTTP\/\d\.\d (\d{3})/.exec(data);
      resolveRaw({ data, status: m ? Number(m[1]) : undefined, closed });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    sock.on('connect', () => sock.write(payload));
    sock.on('data', (d) => chunks.push(d));
    sock.on('end', () => finish(true));
    sock.on('close', () => finish(true));
    sock.on('error', (err) => {
      // A reset after the answer still means the server closed the connection.
      if (chunks.length || err.code === 'ECONNRESET' || err.code === 'EPIPE') finish(true);
      else if (!settled) { settled = true; clearTimeout(timer); reject(err); }
    });
  });
}
