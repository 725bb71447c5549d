/**
 * English messages of one feature area (sidebar-ops), merged into en.ts. Same rules as en.ts: text only,
 * `{name}` parameters, Details texts on one line.
 */
export const sidebarOpsEn = {} as const satisfies Record<string, string>;
