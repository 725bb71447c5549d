/** 简体中文 messages of one feature area (live), merged into zh-CN.ts; typed against the English keys. */
import type { liveEn } from './live.en';

export const liveZhCN: Record<keyof typeof liveEn, string> = {
  'accepted.note.ACCEPTED': '已接受：已以{member}身份加入课程（检查于 {when}）。',
  'accepted.note.PENDING': '已等待 {days} 天：尚未接受（检查于 {when}）。',
  'accepted.note.pendingOneDay': '已等待 1 天：尚未接受（检查于 {when}）。',
  'accepted.note.pendingToday': '今天发出：尚未接受（检查于 {when}）。',
  'accepted.note.pendingNoDate': '等待中：尚未接受（检查于 {when}）。',
  'accepted.note.reinviteAgain': '此行的“操作”已是 REINVITE 且已完成：清空其“状态”单元格即可再次发送。',
  'accepted.note.pendingOtherRole':
    '待接受的邀请角色是{invited}，而不是{role}：请将“操作”设为 REINVITE，以{role}身份重新邀请。',
  'accepted.note.GONE':
    '已失效：邀请已不在等待中，且对方未以{role}身份加入课程（已拒绝或已撤回）；如需再次邀请，请将“操作”设为 REINVITE（检查于 {when}）。',
  'accepted.note.lowerRole':
    '已失效：对方已以{member}身份在课程中，而不是{role}，且没有待接受的邀请（例如接受了之前的{member}邀请）；如需以{role}身份邀请，请将“操作”设为 REINVITE（检查于 {when}）。',
  'accepted.note.UNKNOWN':
    '未知：对方尚未加入课程；此行没有邀请 ID，而 Google 课堂只按数字用户 ID 列出待接受的邀请，无法判断；将“操作”设为 REINVITE 即可得知（检查于 {when}）。',
  'accepted.note.noEmails':
    '未知：Google 课堂未提供成员的电子邮件地址，无法判断此用户是否已加入；请允许插件查看电子邮件地址后再刷新（检查于 {when}）。',

  'accepted.done':
    '“{sheet}”的接受情况：{accepted} 人已接受，{pending} 人等待中，{gone} 人已失效，{unknown} 人未知，共 {courses} 门课程。',
  'accepted.budget': '为不超过时间限制已暂停：已检查 {courses} 门课程，还剩 {left} 个。请再次刷新以继续。',
  'accepted.nothing': '“{sheet}”中还没有已邀请的行（状态为 OK 或 ALREADY_EXISTS）：无需检查。请先发送邀请。',
  'accepted.rowsChanged':
    '有 {count} 行在检查期间发生了变化（排序、编辑或移动），已保持原样；请再次刷新以检查这些行。',
  'accepted.courseProblems': '有 {count} 门课程无法读取，其行保留原来的“已接受”值；请查看课程列表。',
  'accepted.courseProblem': '无法读取课程 {course}（{code}）：{explanation}',

  'preflight.WOULD_INVITE': '发送时会以{role}身份邀请此用户；对方随后须在 Google 课堂中接受。',
  'preflight.CourseProvisioned':
    '发送时会以{role}身份邀请此用户，但课程尚未启用：课程教师须先在 Google 课堂中接受该课程，其他人才能加入。',
  'preflight.ALREADY_MEMBER':
    '已以{member}身份在课程中：发送会失败（FAILED_PRECONDITION）；请删除此行，或先在 Google 课堂中将其移出。',
  'preflight.HasHigherRole':
    '已以{member}身份在课程中，高于{role}：发送会失败（FAILED_PRECONDITION）；请删除此行。',
  'preflight.ALREADY_INVITED':
    '此用户已有待接受的邀请（{pendingRole}）：发送会将此行标为 ALREADY_EXISTS；如需更改角色或重新发送，请将“操作”设为 REINVITE。',
  'preflight.WOULD_WITHDRAW': '发送时会撤回待接受的邀请 {id}。',
  'preflight.withdrawLookup':
    '发送时会查找此用户待接受的邀请（Google 课堂只按数字用户 ID 列出邀请，因此检查时看不到），如有则撤回。',
  'preflight.NOTHING_TO_WITHDRAW':
    '此用户没有待接受的邀请：发送时无可撤回；请删除此行，或将“操作”改为 INVITE。',
  'preflight.nothingMember':
    '已以{member}身份在课程中，且没有待接受的邀请：无可撤回；如需让其离开，请在 Google 课堂中将其移出。',
  'preflight.WOULD_REINVITE': '发送时会撤回此用户待接受的邀请（如有），并以{role}身份重新邀请。',
  'preflight.reinviteProvisioned':
    '发送时会以{role}身份重新邀请此用户，但课程尚未启用：课程教师须先在 Google 课堂中接受该课程，其他人才能加入。',
  'preflight.CourseArchived':
    '课程已归档：发送会失败（CourseNotModifiable）；请先在 Google 课堂中恢复课程，或删除此行。',
  'preflight.NotCoTeacher':
    '只有助理教师才能成为主讲教师：发送会失败（IneligibleOwner）；请先以 TEACHER 身份邀请，对方接受后再以 OWNER 身份邀请。',
  'preflight.MayNotJoinClassFull':
    '发送时会以{role}身份邀请此用户，但课程成员将超过 1,000 人（若此行及此课程之前各行都接受，共 {count} 人）：Google 课堂仍会创建邀请，但课程满员时接受会失败；请在 Google 课堂中移除部分成员腾出名额，或邀请此人加入其他课程。',
  'preflight.MayNotJoinTeacherLimit':
    '发送时会以{role}身份邀请此用户，但课程教师将超过 50 人（若此行、之前各行及待接受的教师邀请都接受，共 {count} 人）：Google 课堂仍会创建邀请，但课程已有 50 位教师时接受会失败；请在 Google 课堂中移除一位教师或撤回一个教师邀请，或以学生身份邀请此人。',
  'preflight.MembersWithoutEmail':
    '发送时会以{role}身份邀请此用户，除非对方已在课程中：Google 课堂未提供成员的电子邮件地址，检查无法判断（若对方已是{role}或更高角色的成员，发送会失败并显示 FAILED_PRECONDITION）；请允许插件查看电子邮件地址以获得确切结果。',
  'preflight.ownerWithoutEmail':
    '只有助理教师才能成为主讲教师，而 Google 课堂未提供成员的电子邮件地址，检查无法判断此用户是否为助理教师：若是，发送时会以 OWNER 身份邀请；若不是，发送会失败（IneligibleOwner），此时请先以 TEACHER 身份邀请；请允许插件查看电子邮件地址以获得确切结果。',
  'preflight.DailyLimit':
    '超出今天的邀请额度（每天约 {limit} 个，还剩 {remaining} 个）：发送会在达到上限时停止，额度重置后（一天内）再发送此行。',
  'preflight.CourseUnreadable': '无法读取课程（{code}）：{explanation}',
  'preflight.summary':
    '实时检查了 {courses} 门课程：{invite} 行会发送邀请，{reinvite} 行会重新邀请，{withdraw} 行会撤回，{member} 行已是成员，{invited} 行已有邀请，{fail} 行会失败，{wait} 行需等待每日额度。',
  'preflight.incomplete': '为不超过时间限制，实时检查在读取剩余 {left} 门课程前停止；请再次运行以检查它们。',
};
