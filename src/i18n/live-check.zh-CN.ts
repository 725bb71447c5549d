/** 简体中文 messages of one concept (live-check), merged into zh-CN.ts; typed against the English keys. */
import type { liveCheckEn } from './live-check.en';

export const liveCheckZhCN: Record<keyof typeof liveCheckEn, string> = {
  'liveCheck.button': '对照 Google 课堂检查',
  'liveCheck.hint':
    '“对照 Google 课堂检查”还会读取每门课程一次（状态、成员、待接受的邀请），以预测每一行的结果。不写入任何内容。',
  'liveCheck.heading': '对照 Google 课堂',
  'liveCheck.nothingWritten': '没有发送任何邀请，也没有写入工作表：只读取了课程。',
  'liveCheck.incomplete':
    '在读取完所有课程前时间已用完，因此部分行没有预测结果。请再次对照 Google 课堂检查以读取其余课程。',
  'liveCheck.dailyRemaining': '今天您大约还能发送 {count} 份邀请。',
  'liveCheck.prediction': '{label}：{count}',
  'liveCheck.predict.WOULD_INVITE': '将被邀请',
  'liveCheck.predict.ALREADY_MEMBER': '已是成员',
  'liveCheck.predict.ALREADY_INVITED': '已有邀请',
  'liveCheck.predict.WOULD_WITHDRAW': '将被撤回',
  'liveCheck.predict.NOTHING_TO_WITHDRAW': '没有可撤回的邀请',
  'liveCheck.predict.WOULD_REINVITE': '将被重新邀请',
  'liveCheck.predict.WOULD_FAIL': '将会失败',
  'liveCheck.predict.WAITS_FOR_DAILY_LIMIT': '需等待每日上限重置',
  'liveCheck.predictExplain.WOULD_INVITE': '发送时会创建此邀请。',
  'liveCheck.predictExplain.ALREADY_MEMBER': '对方已在课程中：发送时只会标记此行，不会发送邀请。',
  'liveCheck.predictExplain.ALREADY_INVITED':
    '已有一份邀请在等待：发送时会将此行标记为 ALREADY_EXISTS。如需更改角色，请将“操作”设为 REINVITE。',
  'liveCheck.predictExplain.WOULD_WITHDRAW': '发送时会删除待接受的邀请（需您确认）。',
  'liveCheck.predictExplain.NOTHING_TO_WITHDRAW':
    '没有可撤回的待接受邀请：对方已接受、已拒绝，或邀请已被删除。',
  'liveCheck.predictExplain.WOULD_REINVITE': '发送时会删除待接受的邀请并重新邀请（需您确认）。',
  'liveCheck.predictExplain.WOULD_FAIL': 'Google 课堂会拒绝此邀请：请先修正课程或此行。',
  'liveCheck.predictExplain.WAITS_FOR_DAILY_LIMIT': '会先达到每日邀请上限：此行将在上限重置后发送。',
  'liveCheck.coursesHeading': 'Google 课堂中的课程',
  'liveCheck.courseTitle': '{name}（{id}）',
  'liveCheck.courseState': '状态：{state}',
  'liveCheck.flagArchived':
    '状态：已归档（已标记）：已归档的课程不接受邀请。请先在 Google 课堂中恢复该课程。',
  'liveCheck.flagProvisioned': '状态：尚未启用（已标记）：请先让其教师在 Google 课堂中接受该课程。',
  'liveCheck.flagOther': '状态：{state}（已标记）',
  'liveCheck.courseMembers': '成员：{students} 名学生，{teachers} 名教师；待接受的邀请：{invitations}',
  'liveCheck.courseCounts': '名单行：{counts}',
  'liveCheck.courseCount': '{label} {count}',
  'liveCheck.courseNotRead':
    '未读取：在读取此课程前时间已用完，因此其各行没有预测结果。请再次检查以读取该课程。',
  'liveCheck.rowsHeading': '不会直接发送邀请的行',
  'liveCheck.row': '第 {row} 行 · {label}',
  'liveCheck.rowWho': '{user} · {course} · {role}',
  'liveCheck.nothingPending': '没有待发送的行，因此无需预测。',
  'liveCheck.noRows': '所有待发送的行都会直接收到邀请。',
  'liveCheck.rowsTruncated':
    '此列表只查看了前 {count} 个待发送的行；上面的总数包含所有行。请先处理这些行，然后再次检查以查看其余的行。',
};
