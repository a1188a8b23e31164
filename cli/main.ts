// The `iom` command line: runs the program (cli/program.ts) on the process's arguments and streams.
import '../language/groupby-polyfill.mjs';
import { main } from './program.js';

// A closed pipe (`iom … | head`) ends the output quietly.
process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

main(process.argv.slice(2)).then(code => {
    process.exitCode = code;
});
