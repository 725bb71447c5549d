/**
 * English messages of one feature area (history), merged into en.ts. Same rules as en.ts: text only,
 * `{name}` parameters, Details texts on one line.
 */
export const historyEn = {} as const satisfies Record<string, string>;
