/** 简体中文 messages of one feature area (history), merged into zh-CN.ts; typed against the English keys. */
import type { historyEn } from './history.en';

export const historyZhCN: Record<keyof typeof historyEn, string> = {
  'history.col.when': '时间',
  'history.col.kind': '类型（send 发送 / acceptance 接受情况）',
  'history.col.source': '启动方式',
  'history.col.user': '执行者',
  'history.col.sheet': '名单工作表',
  'history.col.ok': 'OK（已发送）',
  'history.col.alreadyExists': 'ALREADY_EXISTS（已存在）',
  'history.col.needsAction': '需要处理',
  'history.col.willRetry': '将重试',
  'history.col.withdrawn': '已撤回',
  'history.col.reinvited': '已重新邀请',
  'history.col.allCodes': '全部结果',
  'history.col.rowsLeft': '剩余行数',
  'history.col.duration': '用时（秒）',
  'history.col.stoppedBecause': '停止原因',
  'history.col.message': '说明',
  'history.col.runId': '运行 ID',

  'history.emailSubjectRows': '{title}：“{spreadsheet}”中有 {count} 行需要您处理',
  'history.emailSubjectStopped': '{title}：“{sheet}”的定时运行已停止，需要您处理',
  'history.emailSubjectStoppedBook': '{title}：“{spreadsheet}”中的定时运行已停止，需要您处理',
  'history.emailSubjectSheetMissing': '{title}：“{spreadsheet}”中定时运行的名单工作表已不存在',
  'history.emailIntro': '{time} 在“{spreadsheet}”的工作表“{sheet}”上的定时运行结果：',
  'history.emailIntroNoSheet': '{time} 在“{spreadsheet}”上的定时运行结果：',
  'history.emailStopped': '运行因一个只能由人解决的问题而停止。解决后，下一次运行会继续。',
  'history.emailCountsHeading': '本次运行写入的结果：',
  'history.emailCountLine': '{code} · {label}：{count}',
  'history.emailNoCounts': '本次运行没有写入任何行。',
  'history.emailRemaining': '仍待发送的行：{count}。',
  'history.emailNeedsHeading': '需要您处理的行及解决方法：',
  'history.emailNeedsLine': '{what} — {count} 行：{fix}',
  'history.emailNeedsAfter':
    '请在表格中修正这些行：修改了课程、用户、角色或操作的行会在下一次运行时重新发送。若要重新发送未修改的行，请使用侧边栏中的“重试失败的行”。',
  'history.emailDuplicateRow': '这些行与前面某一行的课程和用户相同，只会发送第一行：请删除重复的行。',
  'history.emailLink': '打开表格：{url}',
  'history.emailOff':
    '您收到此邮件，是因为您为此定时运行开启了邮件摘要。如需关闭，请打开表格，依次选择“扩展程序 › Classroom Roster Invites › 打开侧边栏 › 定时运行”，关闭邮件摘要并保存。',

  'history.invalidEmail': '邮件摘要设置只能是开启或关闭（true 或 false）。',
  'history.recordFailed':
    '无法更新运行记录工作表（{error}）：请检查“Roster run history”是否受保护，或删除它以重新开始。',
  'history.emailFailed':
    '无法发送摘要邮件（{error}）：Apps Script 每天大约只允许发送 100 封邮件；下次运行后会再次尝试。',

  'history.formatApplied': '已设置“{sheet}”：{steps}。',
  'history.formatFailed':
    '未能完成“{sheet}”的设置：{error}。如果工作表或某些列受保护，请让所有者允许您编辑，然后重试。',
  'history.formatNothing': '“{sheet}”已经设置好，未做任何更改。',
  'history.formatSkipped': '保持原样：{steps}（该列已有自己的规则，已保留）。',
  'history.step.roleDropdown': '角色下拉列表',
  'history.step.actionDropdown': '操作下拉列表',
  'history.step.statusColours': '状态颜色',
  'history.step.frozenHeader': '冻结标题行',
  'history.listSeparator': '、',
  'history.roleHelp': '请选择 STUDENT、TEACHER 或 OWNER；也可以填写 学生、教师 或 所有者。留空表示 STUDENT。',
  'history.actionHelp':
    '请选择 INVITE（或留空）、WITHDRAW（删除待接受的邀请）或 REINVITE（删除后重新邀请）。',
};
