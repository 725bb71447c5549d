/** 简体中文 messages of one concept (task), merged into zh-CN.ts; typed against the English keys. */
import type { taskEn } from './task.en';

export const taskZhCN: Record<keyof typeof taskEn, string> = {
  'task.detailsHeading': '名单详情',
  'task.rosterLine': '{sheet}：{parts}',
  'task.separator': '，',
  'task.nothing': '没有要发送的行',
  'task.toSend.one': '待发送 1 行',
  'task.toSend.other': '待发送 {count} 行',
  'task.needYou.one': '1 行需要您处理',
  'task.needYou.other': '{count} 行需要您处理',
  'task.tryAgain.one': '1 行将再次尝试',
  'task.tryAgain.other': '{count} 行将再次尝试',
  'task.done.one': '已完成 1 行',
  'task.done.other': '已完成 {count} 行',
  'next.finished.one': '完成：已处理 1 行。',
  'next.finished.other': '完成：已处理 {count} 行。',
  'next.invited.one': '已发出 1 份邀请。',
  'next.invited.other': '已发出 {count} 份邀请。',
  'next.needYou.one': '1 行需要您处理：请按该行“详情”中的说明修正。',
  'next.needYou.other': '{count} 行需要您处理：请按各行“详情”中的说明修正。',
  'next.leftToSend.one': '还有 1 行尚未发送。',
  'next.leftToSend.other': '还有 {count} 行尚未发送。',
  'next.afterCap': '{time} 起，Google 课堂的每日上限允许继续发送。',
  'next.tryAgain.one': '1 行将于 {time} 起再次尝试。',
  'next.tryAgain.other': '{count} 行将于 {time} 起再次尝试。',
  'next.bySchedule': '定时运行会在那之后的第一次运行中发送这些行。',
  'next.byNobody': '不会自动发送：请到时点击“再次发送”，或开启定时运行。',
  'next.allDone': '没有剩下要做的事。',
  'next.showRows': '在工作表中选中这些行',
  'next.sendAgain': '再次发送',
  'next.turnOnSchedule': '开启定时运行',
  'cap.question':
    '按今天的上限，这 {count} 份邀请中现在大约只能发出 {room} 份（每天约 {limit} 份；过去 24 小时已发出 {sent} 份）。',
  'cap.restAt': '其余 {rest} 份可从 {time} 起发送，届时今天最早的邀请将移出 24 小时计数。',
  'cap.restLater': '其余 {rest} 份可在接下来 24 小时内陆续发送，随着今天的邀请移出计数。',
  'cap.bySchedule': '本工作表的定时运行届时会发送这些邀请。',
  'cap.byNobody': '开启定时运行后，届时无需您操作即可发送。',
  'cap.byYou':
    '定时运行不会发送这些邀请（它从不重新邀请，只有在其选项允许时才发送教师和主讲教师邀请）：请到时再点击“发送邀请”。',
  'cap.someBySchedule':
    '本工作表的定时运行届时只会发送其中的新邀请，不会重新邀请（除非其选项允许，也不会发送教师和主讲教师邀请）：其余的请到时再点击“发送邀请”。',
  'cap.someByNobody':
    '开启定时运行后，届时只会自动发送其中的新邀请，不会重新邀请（除非其选项允许，也不会发送教师和主讲教师邀请）：其余的请到时再点击“发送邀请”。',
  'cap.sendNow': '发送今天能发的邀请',
  'cap.cancel': '取消',
  'cap.cancelled': '已取消：没有发送任何邀请。',
  'select.none': '目前没有需要您处理的行，未选择任何行。',
  'select.partial':
    '已选中需要您处理的 {count} 行中的前 {shown} 行（一次最多只能选中 100 段不相连的行）：请先修正并重试这些行，然后再次点击“在工作表中选中这些行”查看其余的行。',
  'select.done.one': '已在工作表中选中该行：请按“详情”中的说明修正课程、邮箱或角色，然后重试。',
  'select.done.other':
    '已在工作表中选中 {count} 行：请按各行“详情”中的说明逐一修正，然后在“失败的行”中重试。',
};
