/**
 * English messages of one feature area (actions), merged into en.ts. Same rules as en.ts: text only,
 * `{name}` parameters, Details texts on one line.
 */
export const actionsEn = {} as const satisfies Record<string, string>;
