/** 简体中文 messages of one concept (who-accepted), merged into zh-CN.ts; typed against the English keys. */
import type { whoAcceptedEn } from './who-accepted.en';

export const whoAcceptedZhCN: Record<keyof typeof whoAcceptedEn, string> = {
  'whoAccepted.heading': '谁已接受',
  'whoAccepted.hint': '为已邀请的行填写“已接受”列。每门课程的邀请和成员只读取一次；不会发送任何邀请。',
  'whoAccepted.refresh': '刷新接受情况',
  'whoAccepted.stop': '停止刷新',
  'whoAccepted.progressLabel': '已检查的课程',
  'whoAccepted.progress': '已检查 {done} / {total} 门课程',
  'whoAccepted.progressNone': '没有检查任何课程。',
  'whoAccepted.working': '正在检查谁已接受…',
  'whoAccepted.stopping': '将在当前课程检查完后停止…',
  'whoAccepted.stopped': '已停止。未检查的课程保留之前的“已接受”值；请点击“刷新接受情况”重新检查。',
  'whoAccepted.done': '接受情况已刷新：检查了 {courses} 门课程中的 {rows} 个已邀请行。',
  'whoAccepted.stalled': '刷新已停止：最近几步没有检查任何课程。请点击“刷新接受情况”重试。',
  'whoAccepted.totals': '本次刷新：{courses} 门课程中的 {rows} 行；服务器调用次数：{calls}。',
  'whoAccepted.state': '{state} · {label}：{count}',
  'whoAccepted.label.ACCEPTED': '已接受',
  'whoAccepted.label.PENDING': '尚未回应',
  'whoAccepted.label.GONE': '已失效',
  'whoAccepted.label.UNKNOWN': '未知',
  'whoAccepted.explain.ACCEPTED': '已以所邀请的角色（或更高角色）加入课程。',
  'whoAccepted.explain.PENDING':
    '邀请仍在等待：对方尚未接受。请提醒对方，或将“操作”设为 REINVITE 以重新发送。',
  'whoAccepted.explain.GONE':
    '既没有邀请，也不是成员：对方拒绝了邀请，或邀请已被删除。将“操作”设为 REINVITE 可重新邀请。',
  'whoAccepted.explain.UNKNOWN':
    '此行没有邀请 ID，而 Google 课堂无法按邮箱查找邀请。请将“操作”设为 REINVITE 并发送，以了解其状态。',
  'whoAccepted.pendingHeading': '仍待接受',
  'whoAccepted.goneHeading': '已失效（已拒绝或已删除）',
  'whoAccepted.row': '第 {row} 行 · {user} · {course}',
  'whoAccepted.daysZero': '今天发送',
  'whoAccepted.daysOne': '1 天',
  'whoAccepted.daysMany': '{days} 天',
  'whoAccepted.daysUnknown': '发送日期未知',
  'whoAccepted.rowsTruncated': '这里只列出前 {count} 行；“已接受”列中有全部结果。',
  'whoAccepted.rowsChanged':
    '有 {count} 行在检查期间被更改（排序或编辑），保留了原来的“已接受”值：请再次点击“刷新接受情况”以检查这些行。',
  'whoAccepted.courseProblemsHeading': '未能检查的课程',
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
};
