import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Command } from 'commander';
import { failureText, runTest, summaryLine, testsOf, type TestResult } from '../../language/simulation/index.js';
import { displayPath } from '../diagnostics-output.js';
import { ExitCode } from '../errors.js';
import { checkFormat } from '../formats.js';
import type { CommandContext } from '../io.js';
import { withFormat, workspaceCommand } from '../workspace-command.js';
import { loadSimulationWorkspace } from './simulation-workspace.js';

const TEST_FORMATS = ['text', 'json', 'junit'] as const;

export function registerTest(program: Command, cli: CommandContext): void {
    withFormat(
        workspaceCommand(
            program,
            'test',
            "Run the workspace's test blocks: sample orders through the simulator, checked against their expectations."
        ).option('--filter <text>', 'run only the tests whose name contains this text (case-insensitive)'),
        TEST_FORMATS
    ).action(async (folder: string, options: { filter?: string; format: string }) => {
        const format = checkFormat(options.format, TEST_FORMATS);
        const loaded = await loadSimulationWorkspace(cli, folder, format === 'text', 'testing');
        if (!loaded) {
            cli.log(summaryLine([]));
            cli.setExitCode(ExitCode.InputErrors);
            return;
        }
        const { workspace, model } = loaded;
        const filter = options.filter?.toLowerCase();
        const tests = testsOf(workspace.documents).filter(test => !filter || test.name.toLowerCase().includes(filter));
        const readFile = (file: string) => fs.readFileSync(file, 'utf8');
        const results = tests.map(test => runTest(test, model, workspace.root, readFile));
        if (format === 'json') {
            cli.io.stdout.write(
                JSON.stringify(
                    {
                        tests: results.map(result => ({
                            name: result.name,
                            source: result.source,
                            passed: result.passed,
                            error: result.error ?? null,
                            durationMs: Math.round(result.durationMs),
                            expectations: result.expectations.map(({ text, passed, expected, actual, source, trace }) => ({
                                text,
                                passed,
                                expected,
                                actual,
                                source,
                                trace: passed ? [] : trace.map(line => line.text)
                            }))
                        })),
                        passed: results.filter(result => result.passed).length,
                        failed: results.filter(result => !result.passed).length,
                        summary: summaryLine(results)
                    },
                    null,
                    2
                ) + '\n'
            );
        } else if (format === 'junit') {
            cli.io.stdout.write(junit(results, path.basename(workspace.root)));
        } else {
            if (results.length === 0) cli.log(filter ? `No test matches "${options.filter}".` : 'No test block in the workspace.');
            for (const result of results) {
                const where = `${displayPath(path.join(workspace.root, result.source.file))}:${result.source.line}`;
                cli.log(`${result.passed ? 'PASS' : 'FAIL'} ${result.name}  (${where})`);
                if (!result.passed) cli.log(failureText(result));
            }
            cli.log(summaryLine(results));
        }
        cli.setExitCode(results.every(result => result.passed) ? ExitCode.Ok : ExitCode.InputErrors);
    });
}

function junit(results: TestResult[], suite: string): string {
    const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
    const failures = results.filter(result => !result.passed).length;
    const seconds = (ms: number) => (ms / 1000).toFixed(3);
    const out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        `<testsuites name="iom test" tests="${results.length}" failures="${failures}">`,
        `  <testsuite name="${escape(suite)}" tests="${results.length}" failures="${failures}" time="${seconds(results.reduce((sum, r) => sum + r.durationMs, 0))}">`
    ];
    for (const result of results) {
        out.push(
            `    <testcase name="${escape(result.name)}" classname="${escape(result.source.file)}" file="${escape(result.source.file)}" line="${result.source.line}" time="${seconds(result.durationMs)}">`
        );
        if (!result.passed) {
            const message =
                result.error ??
                result.expectations
                    .filter(e => !e.passed)
                    .map(e => `${e.text}: expected ${e.expected}, actual ${e.actual}`)
                    .join('; ');
            out.push(`      <failure message="${escape(message)}">${escape(failureText(result, ''))}</failure>`);
        }
        out.push('    </testcase>');
    }
    out.push('  </testsuite>', '</testsuites>', `<!-- ${summaryLine(results)} -->`, '');
    return out.join('\n');
}
