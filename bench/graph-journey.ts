/**
 * The generated journey of the graph benchmark (bench/graph.ts) and of the large-graph layout tests
 * (test/graph/block-layout.test.ts): runs of steps, then Splitter-Merges (three branches) and Condition-Merges
 * (Yes/No) nested two deep, until the journey has `steps` steps.
 */
/** A journey of about `steps` steps: runs of steps, then a Splitter-Merge or a Condition-Merge with nested paths. */
export function journeySource(steps: number): string {
    let count = 0;
    const step = (indent: string) => {
        count++;
        return `${indent}step "Step ${count}" : Custom {\n${indent}    action type "Order Validation"\n${indent}    input events "New Order"\n${indent}}\n`;
    };
    const block = (indent: string, depth: number): string => {
        let text = '';
        for (let i = 0; i < 3 && count < steps; i++) text += step(indent);
        if (count >= steps) return text;
        const kind = depth % 2 === 0 ? 'splitter merge' : 'condition merge';
        text += `${indent}${kind} "Control ${count}" {\n`;
        const paths = depth % 2 === 0 ? ['branch A', 'branch B', 'branch C'] : ['yes', 'no'];
        for (const pathName of paths) {
            text += `${indent}    ${pathName} {\n`;
            if (depth < 2 && count < steps) text += block(indent + '        ', depth + 1);
            else for (let i = 0; i < 2 && count < steps; i++) text += step(indent + '        ');
            text += `${indent}    }\n`;
        }
        return text + `${indent}}\n`;
    };
    let body = '';
    while (count < steps) body += block('    ', 0);
    return `journey "Bench journey" {\n    orchestration type "Order orchestration"\n${body}}\n`;
}
