#!/usr/bin/env node
// The IOM command line. The bundle runs through V8's code cache kept beside it (out/host/code-cache.cjs).
const path = require('node:path');
require('../out/host/code-cache.cjs').runWithCodeCache(path.join(__dirname, '..', 'out', 'cli', 'main.cjs'));
