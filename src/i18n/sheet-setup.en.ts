/**
 * English messages of one concept, "Set up the sheet": its button and the steps it reports. Merged
 * into en.ts. Same rules as en.ts: text only, `{name}` parameters, one line each.
 */
export const sheetSetupEn = {
  'sheetSetup.button': 'Set up the sheet',
  'sheetSetup.hint':
    'Adds Role and Action dropdowns and Status colours, and freezes the header row. Changes no value.',
  'sheetSetup.step.roleDropdown': 'Role dropdown',
  'sheetSetup.step.actionDropdown': 'Action dropdown',
  'sheetSetup.step.statusColours': 'Status colours',
  'sheetSetup.step.frozenHeader': 'Frozen header row',
  'sheetSetup.applied': '{step}: set up now',
  'sheetSetup.already': '{step}: already there',
  'sheetSetup.skipped': '{step}: left as it was (the column already has a rule of its own)',
} as const satisfies Record<string, string>;
