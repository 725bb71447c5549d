/**
 * English messages of one feature area (live), merged into en.ts. Same rules as en.ts: text only,
 * `{name}` parameters, Details texts on one line.
 */
export const liveEn = {} as const satisfies Record<string, string>;
