// Start-up over stdio with a file opened right after initialized, as an editor restoring its tabs: the open file's
// diagnostics come first, and they are already those of the whole workspace (a connection bound in a file that is
// not open is not reported unused; one bound nowhere is), so they are not published again with other content.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from 'vitest';
import { serverPerTest } from './helpers/shared-server';

const start = serverPerTest();

const URL = 'https://make.powerautomate.com/environments/Default-1a2b/connections?apiName=shared_commondataserviceforapps&connectionName=c0ffee';

test('the file opened at start-up is published first, with the diagnostics of the whole workspace', async () => {
    const { session, workspace } = await start({
        waitFor: [],
        prepare: copy => {
            fs.appendFileSync(copy.file('connections.iom'), `\nconnection Unused {\n    connector "Microsoft Dataverse"\n    url "${URL}"\n}\n`);
            for (let i = 0; i < 40; i++) fs.writeFileSync(copy.file(`events-${i}.iom`), `event "Event ${i}" {\n    description "Filler ${i}"\n}\n`);
        }
    });
    const opened = workspace.uri('connections.iom');
    await session.open(opened, workspace.read('connections.iom'));
    const files = fs
        .readdirSync(workspace.dir)
        .filter(name => name.endsWith('.iom'))
        .map(name => pathToFileURL(path.join(workspace.dir, name)).toString());
    await session.waitForDiagnosticsOf(files);
    const own = session.publishes.filter(params => files.includes(params.uri));
    expect(own[0]?.uri).toBe(opened);
    // Dataverse is bound in providers.iom (not open); Unused is bound nowhere.
    const first = own[0]!.diagnostics;
    expect(first.map(diagnostic => diagnostic.code)).toEqual(['IOM2007']);
    expect(first[0]!.message).toContain('Unused');
    // The open file's diagnostics never change afterwards.
    for (const params of own.filter(candidate => candidate.uri === opened)) expect(params.diagnostics).toEqual(first);
});
