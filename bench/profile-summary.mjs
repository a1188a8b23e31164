// Summarises a V8 .cpuprofile (node --cpu-prof): self time by function and by package, the biggest first.
// Usage: node bench/profile-summary.mjs <file.cpuprofile> [top=40]
import * as fs from 'node:fs';

const [file, topArg] = process.argv.slice(2);
const top = Number(topArg ?? 40);
const profile = JSON.parse(fs.readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map(node => [node.id, node]));
const self = new Map();
const dt = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i];
    self.set(id, (self.get(id) ?? 0) + (dt[i] ?? 0));
}
const byFunction = new Map();
const byPackage = new Map();
let total = 0;
for (const [id, micros] of self) {
    const { callFrame } = byId.get(id);
    const where = callFrame.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/work\/main\//, '');
    const key = `${callFrame.functionName || '(anonymous)'}  ${where}:${callFrame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const pkg = callFrame.url === '' ? callFrame.functionName || '(native)' : where.split('/')[0];
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + micros);
    total += micros;
}
const print = (title, map, n) => {
    console.log(`\n${title} (total ${(total / 1000).toFixed(0)} ms)`);
    for (const [key, micros] of [...map].sort((a, b) => b[1] - a[1]).slice(0, n)) {
        console.log(`${(micros / 1000).toFixed(1).padStart(9)} ms ${((micros / total) * 100).toFixed(1).padStart(5)}%  ${key}`);
    }
};
print('self time by function', byFunction, top);
print('self time by file', byPackage, 15);
