// The real nginx site of deploy/nginx/synergeia.conf, started for a test on loopback ports in
// front of the given copies of the program: the site file as an operator installs it, with only
// its addresses, certificate and static folder changed to the test's.
//
//   const proxy = await startNginx({ upstreams: [a.port, b.port] });
//   await fetch(`${proxy.httpsUrl}/`)   // (NODE_TLS_REJECT_UNAUTHORIZED=0: a self-signed certificate)
//   await proxy.stop();
//
// rate: the site's request rate per address instead of its 20r/s; workers: nginx worker processes
// (1 for the tests; 'auto', one per core, as Debian's nginx.conf has it, for the benchmark).
import { spawn, execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile, rm, chmod, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

import { freePort, sleep, trackChild } from '../../integration/lib/proc.mjs';
import { REPO_ROOT, runBinary } from '../../integration/lib/server.mjs';

const execFileP = promisify(execFile);

export async function startNginx({ upstreams, rate, workers = 1 }) {
  const dir = await mkdtemp(join(tmpdir(), 'synergeia-nginx-'));
  await chmod(dir, 0o755);
  const [httpsPort, httpPort] = [await freePort(), await freePort()];
  await execFileP('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')]);
  const staticRoot = join(dir, 'share');
  await runBinary(['static', 'export', join(staticRoot, 'static')]);

  let site = await readFile(join(REPO_ROOT, 'deploy/nginx/synergeia.conf'), 'utf8');
  const replace = (from, to) => {
    if (!from.test(site)) throw new Error(`deploy/nginx/synergeia.conf no longer has ${from}`);
    site = site.replace(from, to);
  };
  replace(/(upstream synergeia \{\n)(?:\s*server [^\n]*\n)+/, (_, head) =>
    head + upstreams.map((p) => `    server 127.0.0.1:${p} max_fails=0;\n`).join(''));
  replace(/listen 443 ssl http2;/, `listen 127.0.0.1:${httpsPort} ssl http2;`);
  replace(/\n\s*listen \[::\]:443 ssl http2;/, '');
  replace(/listen 80;/, `listen 127.0.0.1:${httpPort};`);
  replace(/\n\s*listen \[::\]:80;/, '');
  replace(/ssl_certificate [^;]+;/, `ssl_certificate ${join(dir, 'cert.pem')};`);
  replace(/ssl_certificate_key [^;]+;/, `ssl_certificate_key ${join(dir, 'key.pem')};`);
  site = site.replaceAll('root /usr/share/synergeia;', `root ${staticRoot};`);
  if (rate) replace(/rate=\d+r\/s/, `rate=${rate}`);
  await writeFile(join(dir, 'site.conf'), site);

  const temp = join(dir, 'temp');
  await mkdir(temp);
  await writeFile(join(dir, 'nginx.conf'), `
${process.getuid?.() === 0 ? 'user root;' : ''}
worker_processes ${workers};
pid ${join(dir, 'nginx.pid')};
error_log ${join(dir, 'error.log')} warn;
events { worker_connections 1024; }
http {
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path ${temp}/body;
  proxy_temp_path ${temp}/proxy;
  fastcgi_temp_path ${temp}/fastcgi;
  uwsgi_temp_path ${temp}/uwsgi;
  scgi_temp_path ${temp}/scgi;
  include ${join(dir, 'site.conf')};
}
`);
  await execFileP('nginx', ['-t', '-q', '-p', dir, '-c', join(dir, 'nginx.conf')]);
  const proc = trackChild(spawn('nginx', ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'],
    { stdio: ['ignore', 'ignore', 'pipe'] }));
  let stderr = '';
  proc.stderr.setEncoding('utf8').on('data', (d) => { stderr += d; });
  const exited = new Promise((r) => proc.once('exit', r));
  const httpsUrl = `https://127.0.0.1:${httpsPort}`;
  for (let i = 0; ; i += 1) {
    try {
      const res = await fetch(`${httpsUrl}/healthz`);
      await res.arrayBuffer();
      break;
    } catch (err) {
      if (i > 100 || proc.exitCode !== null) throw new Error(`nginx did not start: ${stderr}\n${err}`);
      await sleep(50);
    }
  }
  return {
    httpsUrl,
    httpUrl: `http://127.0.0.1:${httpPort}`,
    errorLog: () => readFile(join(dir, 'error.log'), 'utf8').catch(() => ''),
    async stop() {
      proc.kill('SIGQUIT');
      const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
