// The language server over stdio, IPC, a socket or a named pipe (the transports vscode-languageserver offers).
import '../language/groupby-polyfill.mjs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { startLanguageServer } from 'langium/lsp';
import { setInterruptionPeriod } from 'langium';
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { createIomServices } from '../language/iom-module.js';
import { IomNodeHost } from '../host/node-host.js';
import { nodeSnapshotStorage } from '../host/snapshot-storage.js';

declare const __dirname: string;

// The bundle lives in out/server/; the diagnostics documentation ships in docs/.
const documentationBase = pathToFileURL(path.resolve(__dirname, '..', '..', 'docs', 'diagnostics.md')).toString();

// Long builds (the dependants of an edit, the start-up build) give the event loop a turn every 3 ms instead of Langium's
// 10 ms, so the next keystroke's notification is read, and the running build cancelled, sooner.
setInterruptionPeriod(3);
const connection = createConnection(ProposedFeatures.all);
// Start snapshots (in the folder the client names, else the user's cache folder) belong to this very bundle: its
// digest is their build id.
const { shared } = createIomServices({ connection, ...IomNodeHost, documentationBase, snapshotStorage: nodeSnapshotStorage(__filename) });
startLanguageServer(shared);
