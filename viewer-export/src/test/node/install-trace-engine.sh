#!/bin/sh
# Installs Chrome DevTools' trace engine (an independent Trace Event Format consumer) under
# viewer-export/target/node, once. Called by ChromeJsonExporterTest; needs node and npm.
set -eu
prefix="$1"
if [ -f "$prefix/node_modules/@paulirish/trace_engine/analyze-trace.mjs" ]; then
  exit 0
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error @paulirish/trace_engine@0.0.65
