'use strict';
// Preloaded into dynalite (node --require) by Dynalite.java: what a local engine needs and DynamoDB does not.
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
