/** 简体中文 messages of one feature area (sidebar-ops), merged into zh-CN.ts; typed against the English keys. */
import type { sidebarOpsEn } from './sidebar-ops.en';

export const sidebarOpsZhCN: Record<keyof typeof sidebarOpsEn, string> = {
  // Roster counts: pending rows per Action.
  'ops.countActions': '待发送的行中，WITHDRAW：{withdraw}；REINVITE：{reinvite}',

  // The withdrawal confirmation before a send.
  'ops.confirmBoth':
    '本次发送将撤回邀请。WITHDRAW 行：{withdraw}；REINVITE 行（先撤回，再重新邀请）：{reinvite}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'ops.confirmWithdraw':
    '本次发送将撤回邀请。WITHDRAW 行：{withdraw}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'ops.confirmReinvite':
    '本次发送将重新发送邀请（先撤回，再重新邀请）。REINVITE 行：{reinvite}。撤回的行不会超过这些，“操作”为 INVITE 或空白的行绝不会被撤回。',
  'ops.confirmInviteOnlyHint':
    '“仅发送邀请”只发送 INVITE 行，WITHDRAW 和 REINVITE 行保持待处理，留待以后发送。',
  'ops.confirmYes': '撤回并发送',
  'ops.confirmInviteOnly': '仅发送邀请',
  'ops.confirmNo': '取消',
  'ops.confirmCancelled': '已取消：没有发送或撤回任何邀请。',
  'ops.actionTotals':
    '已处理“操作”为 WITHDRAW 的行：{withdraw}；REINVITE 的行：{reinvite}。各行的状态列说明了结果。',
  'ops.held':
    '{count} 个 WITHDRAW 或 REINVITE 行因撤回未经确认而保持待处理。如需处理，请点击“发送邀请”并选择“撤回并发送”。',

  // Who accepted.
  'ops.acceptHeading': '谁已接受',
  'ops.acceptHint': '为已邀请的行填写“已接受”列。每门课程的邀请和成员只读取一次；不会发送任何邀请。',
  'ops.acceptRefresh': '刷新接受情况',
  'ops.acceptStop': '停止刷新',
  'ops.acceptProgressLabel': '已检查的课程',
  'ops.acceptProgress': '已检查 {done} / {total} 门课程',
  'ops.acceptProgressNone': '没有检查任何课程。',
  'ops.acceptWorking': '正在检查谁已接受…',
  'ops.acceptStopping': '将在当前课程检查完后停止…',
  'ops.acceptStopped': '已停止。未检查的课程保留之前的“已接受”值；请点击“刷新接受情况”重新检查。',
  'ops.acceptDone': '接受情况已刷新：检查了 {courses} 门课程中的 {rows} 个已邀请行。',
  'ops.acceptStalled': '刷新已停止：最近几步没有检查任何课程。请点击“刷新接受情况”重试。',
  'ops.acceptTotals': '本次刷新：{courses} 门课程中的 {rows} 行；服务器调用次数：{calls}。',
  'ops.acceptState': '{state} · {label}：{count}',
  'ops.acceptLabel.ACCEPTED': '已接受',
  'ops.acceptLabel.PENDING': '尚未回应',
  'ops.acceptLabel.GONE': '已失效',
  'ops.acceptLabel.UNKNOWN': '未知',
  'ops.acceptExplain.ACCEPTED': '已以所邀请的角色（或更高角色）加入课程。',
  'ops.acceptExplain.PENDING': '邀请仍在等待：对方尚未接受。请提醒对方，或将“操作”设为 REINVITE 以重新发送。',
  'ops.acceptExplain.GONE':
    '既没有邀请，也不是成员：对方拒绝了邀请，或邀请已被删除。将“操作”设为 REINVITE 可重新邀请。',
  'ops.acceptExplain.UNKNOWN':
    '此行没有邀请 ID，而 Google 课堂无法按邮箱查找邀请。请将“操作”设为 REINVITE 并发送，以了解其状态。',
  'ops.pendingHeading': '仍待接受',
  'ops.goneHeading': '已失效（已拒绝或已删除）',
  'ops.acceptRow': '第 {row} 行 · {user} · {course}',
  'ops.daysZero': '今天发送',
  'ops.daysOne': '1 天',
  'ops.daysMany': '{days} 天',
  'ops.daysUnknown': '发送日期未知',
  'ops.rowsTruncated': '这里只列出前 {count} 行；“已接受”列中有全部结果。',
  'ops.acceptRowsChanged':
    '有 {count} 行在检查期间被更改（排序或编辑），保留了原来的“已接受”值：请再次点击“刷新接受情况”以检查这些行。',
  'ops.courseProblemsHeading': '未能检查的课程',

  // Pre-flight against Classroom.
  'ops.checkLive': '对照 Google 课堂检查',
  'ops.checkLiveHint':
    '“对照 Google 课堂检查”还会读取每门课程一次（状态、成员、待接受的邀请），以预测每一行的结果。不写入任何内容。',
  'ops.liveHeading': '对照 Google 课堂',
  'ops.liveNothingWritten': '没有发送任何邀请，也没有写入工作表：只读取了课程。',
  'ops.liveIncomplete':
    '在读取完所有课程前时间已用完，因此部分行没有预测结果。请再次对照 Google 课堂检查以读取其余课程。',
  'ops.liveDailyRemaining': '今天您大约还能发送 {count} 份邀请。',
  'ops.livePrediction': '{prediction} · {label}：{count}',
  'ops.predict.WOULD_INVITE': '将被邀请',
  'ops.predict.ALREADY_MEMBER': '已是成员',
  'ops.predict.ALREADY_INVITED': '已有邀请',
  'ops.predict.WOULD_WITHDRAW': '将被撤回',
  'ops.predict.NOTHING_TO_WITHDRAW': '没有可撤回的邀请',
  'ops.predict.WOULD_REINVITE': '将被重新邀请',
  'ops.predict.WOULD_FAIL': '将会失败',
  'ops.predict.WAITS_FOR_DAILY_LIMIT': '需等待每日上限重置',
  'ops.predictExplain.WOULD_INVITE': '发送时会创建此邀请。',
  'ops.predictExplain.ALREADY_MEMBER': '对方已在课程中：发送时只会标记此行，不会发送邀请。',
  'ops.predictExplain.ALREADY_INVITED':
    '已有一份邀请在等待：发送时会将此行标记为 ALREADY_EXISTS。如需更改角色，请将“操作”设为 REINVITE。',
  'ops.predictExplain.WOULD_WITHDRAW': '发送时会删除待接受的邀请（需您确认）。',
  'ops.predictExplain.NOTHING_TO_WITHDRAW': '没有可撤回的待接受邀请：对方已接受、已拒绝，或邀请已被删除。',
  'ops.predictExplain.WOULD_REINVITE': '发送时会删除待接受的邀请并重新邀请（需您确认）。',
  'ops.predictExplain.WOULD_FAIL': 'Google 课堂会拒绝此邀请：请先修正课程或此行。',
  'ops.predictExplain.WAITS_FOR_DAILY_LIMIT': '会先达到每日邀请上限：此行将在上限重置后发送。',
  'ops.liveCoursesHeading': 'Google 课堂中的课程',
  'ops.liveCourseTitle': '{name}（{id}）',
  'ops.liveCourseState': '状态：{state}',
  'ops.liveFlagArchived': '状态：ARCHIVED（已标记）：已归档的课程不接受邀请。请先恢复该课程。',
  'ops.liveFlagProvisioned':
    '状态：PROVISIONED（已标记）：该课程尚未启用。请先让其教师在 Google 课堂中接受该课程。',
  'ops.liveFlagOther': '状态：{state}（已标记）',
  'ops.liveCourseMembers': '成员：{students} 名学生，{teachers} 名教师；待接受的邀请：{invitations}',
  'ops.liveCourseCounts': '名单行：{counts}',
  'ops.liveCourseCount': '{label} {count}',
  'ops.liveCourseNotRead':
    '未读取：在读取此课程前时间已用完，因此其各行没有预测结果。请再次检查以读取该课程。',
  'ops.liveRowsHeading': '不会直接发送邀请的行',
  'ops.liveRow': '第 {row} 行 · {prediction} · {label}',
  'ops.liveRowWho': '{user} · {course} · {role}',
  'ops.liveNoRows': '所有待发送的行都会直接收到邀请。',
  'ops.liveRowsTruncated':
    '此列表只查看了前 {count} 个待发送的行；上面的总数包含所有行。请先处理这些行，然后再次检查以查看其余的行。',

  // Set up the sheet.
  'ops.format': '设置工作表',
  'ops.formatHint': '添加“角色”和“操作”下拉列表及状态颜色，并冻结标题行。不会更改任何值。',
  'ops.formatStep.roleDropdown': '“角色”下拉列表',
  'ops.formatStep.actionDropdown': '“操作”下拉列表',
  'ops.formatStep.statusColours': '状态颜色',
  'ops.formatStep.frozenHeader': '冻结的标题行',
  'ops.formatApplied': '{step}：已设置',
  'ops.formatAlready': '{step}：原本就有',
  'ops.formatSkipped': '{step}：保持原样（该列已有自己的规则）',

  // The schedule's email summary.
  'ops.scheduleEmail': '有需要我处理的行时，给我发送摘要邮件',
  'ops.scheduleEmailHint': '仅在定时运行后有需要人工处理的行时发送，包含数量和解决办法，发给设置定时的账号。',
  'ops.scheduleEmailOn': '摘要邮件：已开启（仅在有需要处理的行时发送）。',
  'ops.scheduleEmailOff': '摘要邮件：已关闭。',

  // Who accepted, with each scheduled run.
  'ops.scheduleAcceptance': '每次定时运行后也刷新接受情况',
  'ops.scheduleAcceptanceHint':
    '定时运行发送完所有行后，会再读取每门课程一次并更新“已接受”列。还有行要发送的运行会把它留到之后的运行。',
  'ops.scheduleAcceptanceOn': '接受情况：每次定时运行时刷新。',
  'ops.scheduleAcceptanceOff': '接受情况：仅从侧边栏刷新。',
};
