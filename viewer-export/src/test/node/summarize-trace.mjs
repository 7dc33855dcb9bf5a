// Loads a Trace Event Format file (JSON or gzip) with Chrome DevTools' trace engine and prints,
// what it understood: the trace bounds and, per process and thread, the thread name and
// the complete (X) slices it found, counted by name. Usage: node summarize-trace.mjs ENGINE_DIR FILE
import path from 'node:path';
import {pathToFileURL} from 'node:url';

const [engineDir, file] = process.argv.slice(2);
const {analyzeTrace} = await import(
  pathToFileURL(path.join(engineDir, 'node_modules/@paulirish/trace_engine/analyze-trace.mjs')).href);
const {parsedTrace} = await analyzeTrace(file);
const data = parsedTrace.data ?? parsedTrace;
const bounds = data.Meta.traceBounds;
// Output: tab-separated lines, "bounds MIN MAX" (µs), "thread PID TID NAME X_COUNT",
// "slice PID TID NAME COUNT".
const lines = [`bounds\t${Number(bounds.min)}\t${Number(bounds.max)}`];
for (const [pid, proc] of data.Renderer.processes) {
  for (const [tid, thread] of proc.threads) {
    const byName = new Map();
    let n = 0;
    for (const e of thread.entries ?? []) {
      if (e.ph !== 'X') continue;
      byName.set(e.name, (byName.get(e.name) ?? 0) + 1);
      n++;
    }
    lines.push(`thread\t${pid}\t${tid}\t${thread.name ?? ''}\t${n}`);
    for (const [name, count] of byName) lines.push(`slice\t${pid}\t${tid}\t${name}\t${count}`);
  }
}
console.log(lines.join('\n'));
