// A real SMTP server for the mail tests: Debian's aiosmtpd, storing each message in a
// Maildir that the test reads back (the same command as scripts/smtp-sink).
//
//   const sink = await startSmtpSink();
//   const srv = await startServer({ env: { SYNERGEIA_SMTP_URL: sink.url } });
//   const mail = await sink.waitForMail((m) => m.to.includes('maria@example.gr'));
//   mail.subject, mail.text  (decoded)      await sink.stop();
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, sleep, trackChild } from './proc.mjs';

// aiosmtpd is installed for Debian's python3; a pyenv or venv python3 on PATH lacks it.
const PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

function canConnect(port) {
  return new Promise((resolve) => {
    const sock = connect({ host: '127.0.0.1', port });
    sock.once('connect', () => { sock.destroy(); resolve(true); });
    sock.once('error', () => resolve(false));
  });
}

/**
 * Starts an SMTP server on a free port.
 * Returns {url, port, dir, mails(), waitForMail(predicate, timeoutMs), stop()}.
 */
export async function startSmtpSink() {
  const dir = await mkdtemp(join(tmpdir(), 'synergeia-mail-'));
  // Python's Maildir only creates these for a folder that does not exist yet.
  for (const sub of ['new', 'cur', 'tmp']) await mkdir(join(dir, sub), { recursive: true });

  let lastError = '';
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const port = await freePort();
    const proc = trackChild(spawn(PYTHON,
      ['-m', 'aiosmtpd', '-n', '-l', `127.0.0.1:${port}`, '-c', 'aiosmtpd.handlers.Mailbox', dir],
      { stdio: ['ignore', 'pipe', 'pipe'] }));
    let stderr = '';
    proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
    proc.stdout.resume();
    const exited = new Promise((r) => proc.once('exit', r));

    const deadline = Date.now() + 15_000;
    let up = false;
    while (Date.now() < deadline && proc.exitCode === null) {
      if (await canConnect(port)) { up = true; break; }
      await sleep(50);
    }
    if (!up) {
      lastError = stderr;
      proc.kill('SIGKILL');
      await exited;
      continue;
    }

    const taken = new Set();
    const mails = async () => {
      const names = await readdir(join(dir, 'new'));
      const entries = await Promise.all(names.map(async (name) => {
        const path = join(dir, 'new', name);
        return { name, path, mtime: (await stat(path)).mtimeMs };
      }));
      entries.sort((a, b) => a.mtime - b.mtime || a.name.localeCompare(b.name));
      return Promise.all(entries.map(async (e) => ({ file: e.name, ...parseMail(await readFile(e.path)) })));
    };

    /** The first message, in arrival order, not returned before and matching predicate. */
    const waitForMail = async (predicate = () => true, timeoutMs = 15_000) => {
      const deadline2 = Date.now() + timeoutMs;
      for (;;) {
        for (const mail of await mails()) {
          if (!taken.has(mail.file) && predicate(mail)) {
            taken.add(mail.file);
            return mail;
          }
        }
        if (Date.now() > deadline2) {
          const seen = (await mails()).map((m) => `  to=${m.to} subject=${m.subject}`).join('\n');
          throw new Error(`no matching mail within ${timeoutMs} ms; received:\n${seen || '  (none)'}`);
        }
        await sleep(100);
      }
    };

    const stop = async () => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    };

    return { url: `smtp://127.0.0.1:${port}`, host: '127.0.0.1', port, dir, proc, mails, waitForMail, stop };
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`aiosmtpd did not start (is python3-aiosmtpd installed?)\n${lastError}`);
}

// ---------------------------------------------------------------- parsing (RFC 5322, MIME, RFC 2047)
// Bodies are handled as 'latin1' strings, which map bytes 1:1, and turned into text only
// after the transfer encoding is undone, with the part's own charset.

function decodeCharset(bytes, charset = 'utf-8') {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function qpBytes(text, underscoreIsSpace) {
  const s = underscoreIsSpace ? text.replace(/_/g, ' ') : text.replace(/=\r?\n/g, '');
  const out = [];
  for (let i = 0; i < s.length; i += 1) {
    if (s[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      out.push(s.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(out);
}

/** Decodes RFC 2047 encoded-words ("=?utf-8?b?…?="); header bytes otherwise read as UTF-8. */
export function decodeHeader(value) {
  const utf8 = decodeCharset(Buffer.from(value, 'latin1'));
  return utf8
    // whitespace between two adjacent encoded-words is not part of the text
    .replace(/(\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset, enc, text) => {
      const bytes = enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : qpBytes(text, true);
      return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
    });
}

function splitHeaderBody(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return [raw, ''];
  return [raw.slice(0, m.index), raw.slice(m.index + m[0].length)];
}

function parseHeaders(block) {
  const headers = new Map();
  const unfolded = block.replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const idx = line.indexOf(':');
    if (idx <= 0) continue;
    const name = line.slice(0, idx).trim().toLowerCase();
    const value = line.slice(idx + 1).trim();
    if (!headers.has(name)) headers.set(name, []);
    headers.get(name).push(value);
  }
  return headers;
}

function headerParam(value, param) {
  const m = new RegExp(`;\\s*${param}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(value || '');
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeBody(body, headers) {
  const cte = (headers.get('content-transfer-encoding')?.[0] || '7bit').toLowerCase();
  let bytes;
  if (cte === 'base64') bytes = Buffer.from(body.replace(/\s+/g, ''), 'base64');
  else if (cte === 'quoted-printable') bytes = qpBytes(body, false);
  else bytes = Buffer.from(body, 'latin1');
  const charset = headerParam(headers.get('content-type')?.[0], 'charset') || 'utf-8';
  return decodeCharset(bytes, charset);
}

// Collects the text/plain and text/html parts of a (possibly nested) MIME entity.
function collectParts(raw, found) {
  const [head, body] = splitHeaderBody(raw);
  const headers = parseHeaders(head);
  const type = (headers.get('content-type')?.[0] || 'text/plain').toLowerCase();
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(headers.get('content-type')[0], 'boundary');
    if (!boundary) return;
    const parts = body.split(new RegExp(`\\r?\\n?--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // parts[0] is the preamble; the part starting with "--" is the epilogue
    for (const part of parts.slice(1)) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^[ \t]*\r?\n/, ''), found);
    }
  } else if (type.startsWith('text/html')) {
    found.html ??= decodeBody(body, headers);
  } else if (type.startsWith('text/')) {
    found.text ??= decodeBody(body, headers);
  }
}

function addresses(value) {
  return [...(value || '').matchAll(/[^\s<>,;:"]+@[^\s<>,;:"]+/g)].map((m) => m[0].toLowerCase());
}

/**
 * Parses one stored message. Returns {from, to, toAddresses, rcptTo, subject, text, html,
 * headers (Map of lower-case name → decoded values), raw}.
 */
export function parseMail(buffer) {
  const raw = Buffer.isBuffer(buffer) ? buffer.toString('latin1') : Buffer.from(buffer, 'utf8').toString('latin1');
  const [head] = splitHeaderBody(raw);
  const rawHeaders = parseHeaders(head);
  const headers = new Map([...rawHeaders].map(([k, vs]) => [k, vs.map(decodeHeader)]));
  const found = {};
  collectParts(raw, found);
  const first = (name) => headers.get(name)?.[0] ?? '';
  return {
    from: first('from'),
    to: (headers.get('to') || []).join(', '),
    toAddresses: addresses((headers.get('to') || []).join(',')),
    // the SMTP envelope, as aiosmtpd recorded it
    rcptTo: addresses((headers.get('x-rcptto') || []).join(',')),
    subject: first('subject'),
    text: found.text ?? '',
    html: found.html ?? '',
    headers,
    raw: decodeCharset(Buffer.from(raw, 'latin1')),
  };
}
