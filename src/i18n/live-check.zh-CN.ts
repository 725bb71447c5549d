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
  'liveCheck.finding.WOULD_INVITE': '发送时会以{role}身份邀请此用户；对方随后须在 Google 课堂中接受。',
  'liveCheck.finding.CourseProvisioned':
    '发送时会以{role}身份邀请此用户，但课程尚未启用：课程教师须先在 Google 课堂中接受该课程，其他人才能加入。',
  'liveCheck.finding.ALREADY_MEMBER':
    '已以{member}身份在课程中：发送会失败（FAILED_PRECONDITION）；请删除此行，或先在 Google 课堂中将其移出。',
  'liveCheck.finding.HasHigherRole':
    '已以{member}身份在课程中，高于{role}：发送会失败（FAILED_PRECONDITION）；请删除此行。',
  'liveCheck.finding.ALREADY_INVITED':
    '此用户已有待接受的邀请（{pendingRole}）：发送会将此行标为 ALREADY_EXISTS；如需更改角色或重新发送，请将“操作”设为 REINVITE。',
  'liveCheck.finding.WOULD_WITHDRAW': '发送时会撤回待接受的邀请 {id}。',
  'liveCheck.finding.withdrawLookup':
    '发送时会查找此用户待接受的邀请（Google 课堂只按数字用户 ID 列出邀请，因此检查时看不到），如有则撤回。',
  'liveCheck.finding.NOTHING_TO_WITHDRAW':
    '此用户没有待接受的邀请：发送时无可撤回；请删除此行，或将“操作”改为 INVITE。',
  'liveCheck.finding.nothingMember':
    '已以{member}身份在课程中，且没有待接受的邀请：无可撤回；如需让其离开，请在 Google 课堂中将其移出。',
  'liveCheck.finding.WOULD_REINVITE': '发送时会撤回此用户待接受的邀请（如有），并以{role}身份重新邀请。',
  'liveCheck.finding.reinviteProvisioned':
    '发送时会以{role}身份重新邀请此用户，但课程尚未启用：课程教师须先在 Google 课堂中接受该课程，其他人才能加入。',
  'liveCheck.finding.CourseArchived':
    '课程已归档：发送会失败（CourseNotModifiable）；请先在 Google 课堂中恢复课程，或删除此行。',
  'liveCheck.finding.NotCoTeacher':
    '只有助理教师才能成为主讲教师：发送会失败（IneligibleOwner）；请先以 TEACHER 身份邀请，对方接受后再以 OWNER 身份邀请。',
  'liveCheck.finding.MayNotJoinClassFull':
    '发送时会以{role}身份邀请此用户，但课程成员将超过 1,000 人（若此行及此课程之前各行都接受，共 {count} 人）：Google 课堂仍会创建邀请，但课程满员时接受会失败；请在 Google 课堂中移除部分成员腾出名额，或邀请此人加入其他课程。',
  'liveCheck.finding.MayNotJoinTeacherLimit':
    '发送时会以{role}身份邀请此用户，但课程教师将超过 50 人（若此行、之前各行及待接受的教师邀请都接受，共 {count} 人）：Google 课堂仍会创建邀请，但课程已有 50 位教师时接受会失败；请在 Google 课堂中移除一位教师或撤回一个教师邀请，或以学生身份邀请此人。',
  'liveCheck.finding.MembersWithoutEmail':
    '发送时会以{role}身份邀请此用户，除非对方已在课程中：Google 课堂未提供成员的电子邮件地址，检查无法判断（若对方已是{role}或更高角色的成员，发送会失败并显示 FAILED_PRECONDITION）；请允许插件查看电子邮件地址以获得确切结果。',
  'liveCheck.finding.ownerWithoutEmail':
    '只有助理教师才能成为主讲教师，而 Google 课堂未提供成员的电子邮件地址，检查无法判断此用户是否为助理教师：若是，发送时会以 OWNER 身份邀请；若不是，发送会失败（IneligibleOwner），此时请先以 TEACHER 身份邀请；请允许插件查看电子邮件地址以获得确切结果。',
  'liveCheck.finding.DailyLimit':
    '超出今天的邀请额度（每天约 {limit} 个，还剩 {remaining} 个）：发送会在达到上限时停止，额度重置后（一天内）再发送此行。',
  'liveCheck.finding.CourseUnreadable': '无法读取课程（{code}）：{explanation}',
  'liveCheck.finding.summary':
    '实时检查了 {courses} 门课程：{invite} 行会发送邀请，{reinvite} 行会重新邀请，{withdraw} 行会撤回，{member} 行已是成员，{invited} 行已有邀请，{fail} 行会失败，{wait} 行需等待每日额度。',
  'liveCheck.finding.incomplete':
    '为不超过时间限制，实时检查在读取剩余 {left} 门课程前停止；请再次运行以检查它们。',
};
