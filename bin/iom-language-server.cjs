#!/usr/bin/env node
// Starts the IOM language server. Pass the transport: --stdio, --node-ipc, --socket=<port> or --pipe=<name>.
if (!process.argv.slice(2).some(arg => /^--(stdio|node-ipc|socket|pipe)/.test(arg))) process.argv.push('--stdio');
require('../out/server/main.cjs');
