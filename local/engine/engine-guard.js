'use strict';
// Preloaded into dynalite (node --require) by Dynalite.java: what a local engine needs and dynalite does not: to stay
// local (it lives no longer than its owner, it answers no web page), and to survive any client.
//
// It lives no longer than the process that started it. That process keeps the write end of a pipe on the engine's
// stdin and never writes to it; when it ends, however it ends (kill -9 included), the kernel closes the pipe and the
// engine reads end-of-file. Without this, an engine whose owner was killed keeps its port and its LevelDB lock, and
// the next ./pwa-users up on the same data cannot start.
const fs = require('fs');

if (fs.fstatSync(0).isFIFO()) {
  const ownerGone = () => {
    console.log('pwa-users engine guard: the process that started this engine is gone (its pipe closed); exiting');
    process.exit(0);
  };
  process.stdin.on('end', ownerGone).on('error', ownerGone).resume();
}

// It answers no web page. dynalite answers every CORS preflight with Access-Control-Allow-Origin: * and the headers
// asked for, and takes any credentials: any page the user opens could read and write the local tables. The aws CLI
// and the SDKs send no Origin; a browser sends one with every cross-origin request, and Sec-Fetch-Site with every
// request. A request from another origin gets 403 and no CORS header (for a preflight, the browser then never sends
// the request itself), before dynalite reads it.
const http = require('http');
const https = require('https');

const guarded = (handler) => function (req, res) {
  const why = fromAnotherOrigin(req);
  if (why) {
    refuse(req, res, why);
  } else {
    survivingItsClient(handler, this, req, res);
  }
};

for (const module of [http, https]) {
  const createServer = module.createServer;
  module.createServer = function (...args) {
    const at = args.findIndex((arg) => typeof arg === 'function');
    if (at >= 0) {
      args[at] = guarded(args[at]);
    }
    return createServer.apply(this, args);
  };
}

function fromAnotherOrigin(req) {
  const origin = req.headers.origin;
  const own = [ 'localhost', '127.0.0.1', '[::1]' ].map((host) => `http://${host}:${req.socket.localPort}`);
  if (origin !== undefined && !own.includes(origin)) {
    return `Origin ${origin}`;
  }
  const site = req.headers['sec-fetch-site'];
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Sec-Fetch-Site ${site}`;
  }
  return null;
}

function refuse(req, res, why) {
  const body = JSON.stringify({
    __type: 'com.amazon.coral.service#AccessDeniedException',
    message: `This local DynamoDB engine does not answer web pages (${why}): use the aws CLI or an AWS SDK`,
  });
  req.resume(); // the body is never read: drop it
  res.writeHead(403, {
    'Content-Type': 'application/x-amz-json-1.0',
    'Content-Length': Buffer.byteLength(body),
    'Connection': 'close',
  });
  res.end(body);
}

// It survives any client. dynalite 4.0.0 rethrows a request's error (index.js: req.on('error', function (err) { throw
// err })), and Node.js gives a request an error ("aborted", ECONNRESET) when its connection closes before the answer
// is sent: half a body then a close, a reset as the body ends, a client's timeout while the engine works. That one
// throw ended the whole engine. The request is lost with its connection whatever the engine does; DynamoDB drops it
// and serves on, and so does this: dynalite's listener is swapped for one that notes the drop in the engine's log.
// Its listeners are all added while its handler runs, before the request can fail (an error is emitted later on).
function survivingItsClient(handler, server, req, res) {
  const before = new Set(req.listeners('error'));
  handler.call(server, req, res);
  for (const listener of req.listeners('error')) {
    if (!before.has(listener)) {
      req.removeListener('error', listener);
    }
  }
  req.on('error', (err) => dropped(req, err));
  res.on('error', (err) => dropped(req, err)); // an answer written to a connection already gone
}

function dropped(req, err) {
  if (req.droppedByGuard) {
    return; // one line per request, though the request and its answer may both fail
  }
  req.droppedByGuard = true;
  console.log(`pwa-users engine guard: dropped a request whose client left before its answer (${err.code || err.message})`);
}
