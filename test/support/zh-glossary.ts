/**
 * The Chinese glossary as tests check it (README, "简体中文"; one term per concept in every
 * catalogue), and the Latin words a Chinese text may hold: canonical codes, Classroom's reason names,
 * Google's product names as Google's Chinese pages write them, units and formats. Shared by the
 * catalogue test and the Chromium test of the Chinese sidebar.
 */
import { ACCEPTED_STATES } from '../../src/contracts/acceptance-report';
import { OUTCOME_CODES } from '../../src/core/roster/outcome';
import { en } from '../../src/i18n/en';

const REASON_NAMES = Object.keys(en)
  .filter((key) => key.startsWith('reason.'))
  .map((key) => key.slice('reason.'.length));

export const LATIN_ALLOWED: ReadonlySet<string> = new Set([
  ...OUTCOME_CODES,
  ...ACCEPTED_STATES,
  ...REASON_NAMES,
  // Roles, actions and schedule periods as the sheet and the API spell them.
  'STUDENT',
  'TEACHER',
  'OWNER',
  'INVITE',
  'WITHDRAW',
  'REINVITE',
  // Stop codes the history puts beside their words; setSchedule's periods (API values, as typed).
  'DONE',
  'HOUR',
  'DAY',
  // Google's product names as Google's Chinese pages write them.
  'Google',
  'Workspace',
  'Apps',
  'Script',
  'Education',
  'Fundamentals',
  'Cloud',
  'API',
  // Units, formats and identifiers a person types or reads as they are.
  'ID',
  'HTTP',
  'UTC',
  'CSV',
  'N',
  'A',
  'd',
  'p',
]);

/** Whole phrases that are names (the add-on's own, a service's identifier), taken out before a scan. */
const NAMES = [
  /Roster run history/g,
  /Classroom Roster Invites/g,
  /Google Classroom API/g,
  /标识符 Classroom/g,
  /\{[A-Za-z][A-Za-z0-9_]*\}/g,
];

/** The Latin words of `text` that a Chinese reader should not meet. */
export function latinWords(text: string): string[] {
  let rest = text;
  for (const name of NAMES) rest = rest.replace(name, ' ');
  const words = rest.match(/[A-Za-z][A-Za-z_]*/g) ?? [];
  return words.filter((word) => !LATIN_ALLOWED.has(word));
}

export interface GlossaryEntry {
  use: string;
  not: RegExp[];
}

/** One term per concept; the variants no catalogue may use. */
export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    use: 'Google 课堂',
    not: [/谷歌课堂/, /(?<!Google )Classroom(?! Roster Invites| API)(?<!标识符 Classroom)/],
  },
  { use: 'N 门课程', not: [/个课程/, /班级/] },
  { use: '教师', not: [/老师/] },
  { use: '助理教师', not: [/协同教师/, /协作教师/] },
  { use: '待接受的邀请', not: [/待处理的邀请/] },
  { use: '撤回邀请', not: [/删除邀请/] },
  { use: '账号', not: [/帐号/, /帐户/] },
  { use: '网域', not: [/域名/] },
  { use: '用户', not: [/成员页/] },
  // One register, as Google's Chinese pages address the reader: 您, never 你.
  { use: '您', not: [/你/] },
];
