#!/usr/bin/env node
/**
 * Serves the built web page (dist-web, `npm run build:web`) over plain http on
 * localhost, for development (`npm run demo`); the folder also works opened
 * from disk without any server.
 *
 *   node scripts/serve-demo.js [--port 3001] [--root dist-web]
 *
 * Tries the next ports when the port is taken. The e2e test uses
 * `serveDemo({ port: 0 })` for a free port.
 */
'use strict';
const http = require('http');
const fs = require('fs');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

const DEFAULT_ROOT = path.resolve(__dirname, '..', 'dist-web');

function handler(root) {
  return (req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    if (pathname.endsWith('/')) pathname += 'index.html';
    const file = path.resolve(root, `.${pathname}`);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) {
        res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('404 Not Found');
        return;
      }
      res.writeHead(200, {
        'Content-Type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
        'Content-Length': st.size,
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
      });
      if (req.method === 'HEAD') res.end();
      else fs.createReadStream(file).pipe(res);
    });
  };
}

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    const onError = (e) => { server.off('listening', onListening); reject(e); };
    const onListening = () => { server.off('error', onError); resolve(server.address().port); };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

/**
 * Starts the server. `port: 0` takes a free port; otherwise up to `tries`
 * ports from `port` on. Resolves to `{ server, port, url, close }`.
 */
async function serveDemo({ root = DEFAULT_ROOT, port = 3001, host = '127.0.0.1', tries = 20, page = 'index.html' } = {}) {
  const dir = path.resolve(root);
  if (!fs.existsSync(path.join(dir, page))) {
    throw new Error(`${path.relative(process.cwd(), dir) || dir}/${page} is missing: run \`npm run build:web\` first.`);
  }
  const server = http.createServer(handler(dir));
  for (let i = 0; ; i++) {
    try {
      const actual = await listen(server, port === 0 ? 0 : port + i, host);
      const url = `http://localhost:${actual}/`;
      const close = () => new Promise((resolve) => { server.closeAllConnections?.(); server.close(() => resolve()); });
      return { server, port: actual, url, close };
    } catch (e) {
      if (e.code !== 'EADDRINUSE' || port === 0 || i + 1 >= tries) throw e;
    }
  }
}

module.exports = { serveDemo };

if (require.main === module) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const port = Number(opt('--port') ?? process.env.PORT ?? 3001);
  const root = opt('--root') ?? DEFAULT_ROOT;
  serveDemo({ root, port }).then(({ url }) => {
    console.log(`自评表校验助手 网页版: ${url}（按 Ctrl+C 停止）`);
  }, (e) => {
    console.error(e.message);
    process.exit(1);
  });
}
