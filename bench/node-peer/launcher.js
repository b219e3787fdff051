'use strict';
// What ./pwa-users bench runs in a fresh Node.js process, as Lambda's Node.js runtime would run handler.js, writing
// the same result files as the Java launcher (pwausers.bench.child.LambdaLauncher) so that both are read alike:
//   node launcher.js cold EVENT_FILE RESULT_DIR                  one cold start: load the function, invoke it once
//   node launcher.js warm EVENT_FILE RESULT_DIR WARMUP TIMED     warm invocations in one process
// RESULT_DIR gets result.properties (answered_at_ns on the monotonic clock the bench reads too, cpu_us of this
// process, peak_rss_kib), answers.jsonl (every answer, one a line) and, for warm, latencies_ns.txt (the timed calls).
const fs = require('fs');
const path = require('path');

const [mode, eventFile, resultDir, warmupArg = '0', timedArg = '0'] = process.argv.slice(2);

function peakRssKib() {
  const m = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  return m ? m[1] : '-1';
}

function cpuMicros() {
  const u = process.cpuUsage();
  return u.user + u.system;
}

function writeResult(values, answers, latencies) {
  const lines = Object.entries(values).map(([k, v]) => `${k}=${v}`);
  fs.writeFileSync(path.join(resultDir, 'result.properties'), lines.join('\n') + '\n');
  fs.writeFileSync(path.join(resultDir, 'answers.jsonl'), answers.map((a) => JSON.stringify(a)).join('\n') + '\n');
  if (latencies) fs.writeFileSync(path.join(resultDir, 'latencies_ns.txt'), latencies.join('\n') + '\n');
}

(async () => {
  const event = JSON.parse(fs.readFileSync(eventFile, 'utf8'));
  const { handler } = require('./handler');
  if (mode === 'cold') {
    const answer = await handler(event, { awsRequestId: 'cold-start' });
    const answeredAt = process.hrtime.bigint();
    writeResult({ answered_at_ns: answeredAt, cpu_us: cpuMicros(), peak_rss_kib: peakRssKib() }, [answer]);
  } else if (mode === 'warm') {
    const warmup = Number(warmupArg);
    const timed = Number(timedArg);
    const answers = [];
    const latencies = [];
    let cpuBefore = 0;
    for (let i = 0; i < warmup + timed; i++) {
      if (i === warmup) cpuBefore = cpuMicros();
      const start = process.hrtime.bigint();
      const answer = await handler(JSON.parse(JSON.stringify(event)), { awsRequestId: `warm-${i}` });
      const took = process.hrtime.bigint() - start;
      answers.push(answer);
      if (i >= warmup) latencies.push(took);
    }
    writeResult({ timed_cpu_us: cpuMicros() - cpuBefore, peak_rss_kib: peakRssKib() }, answers, latencies);
  } else {
    throw new Error(`unknown mode ${mode}: cold or warm`);
  }
  process.exit(0);
})().catch((e) => {
  console.error(e);
  process.exit(2);
});
