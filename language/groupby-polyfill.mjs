// Object.groupBy / Map.groupBy for Node < 21: chevrotain 13.2 (under Langium 4.4) calls Object.groupBy when it
// builds the parser. A plain script with no imports or exports, loaded first by the server, the CLI, the tests and
// `langium generate`.
if (typeof Object.groupBy !== 'function') {
    Object.groupBy = (items, keyOf) => {
        const groups = Object.create(null);
        let index = 0;
        for (const item of items) (groups[keyOf(item, index++)] ||= []).push(item);
        return groups;
    };
}
if (typeof Map.groupBy !== 'function') {
    Map.groupBy = (items, keyOf) => {
        const groups = new Map();
        let index = 0;
        for (const item of items) {
            const key = keyOf(item, index++);
            if (!groups.has(key)) groups.set(key, []);
            groups.get(key).push(item);
        }
        return groups;
    };
}
