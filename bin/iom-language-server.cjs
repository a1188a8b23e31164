#!/usr/bin/env node
// Starts the IOM language server. Pass the transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.
// The bundle runs through V8's code cache kept beside it (out/host/code-cache.cjs).
const path = require('node:path');
if (!process.argv.slice(2).some(arg => /^--(stdio|node-ipc|socket|pipe)/.test(arg))) process.argv.push('--stdio');
require('../out/host/code-cache.cjs').runWithCodeCache(path.join(__dirname, '..', 'out', 'server', 'main.cjs'));
