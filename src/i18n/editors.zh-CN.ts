/** 简体中文 messages about trust between editors, merged into zh-CN.ts; typed against the English keys. */
import type { editorsEn } from './editors.en';

export const editorsZhCN: Record<keyof typeof editorsEn, string> = {
  'run.heldRoles':
    '有 {count} 个教师或主讲教师邀请等待从侧边栏发送。定时运行只发送学生邀请；请自行发送这些邀请，或在定时运行设置中允许定时运行发送它们。',
  'history.emailHeldRoles': '等待您从侧边栏发送的教师或主讲教师邀请（定时运行只发送学生邀请）：{count} 个',
  'history.stop.HISTORY_SHEET': '已拒绝：运行记录不是名单工作表',
  'run.historySheet':
    '“{sheet}”是插件的运行记录，不是名单工作表：未发送任何邀请，也未写入任何内容。请打开您的名单工作表{roster}，再从那里开始。',
  'run.historySheetRoster': '（“{roster}”）',
  'schedule.invalidTeacherInvites': '“定时运行也可发送教师和主讲教师邀请”设置只能是开启或关闭。',
  'protect.open':
    '以下用户可以编辑名单的课程、用户、角色和操作列：{editors}。定时运行会以设置定时运行者的权限发送这些列中的内容。',
  'protect.closed': '只有 {editors} 可以编辑名单的课程、用户、角色和操作列。',
  'protect.applied':
    '已保护：现在只有 {editors} 可以编辑名单的课程、用户、角色和操作列。其他人仍可从侧边栏发送邀请。',
  'protect.notOwner': '只有设置定时运行的 {owner} 可以保护名单的这些列：请让对方在此侧边栏中操作。',
  'protect.noSchedule': '开启定时运行后才会提供保护：请先设置定时运行。',
  'protect.failed': '无法保护这些列：{error}。未做任何更改；请重试。',
  'protect.unknownEditor': '以下用户不是此电子表格的编辑者，已略过：{editors}。',
  'scheduleOptions.teacherInvites': '定时运行也可发送教师和主讲教师邀请',
  'scheduleOptions.teacherInvitesHint':
    '关闭时：定时运行只发送学生邀请，教师或主讲教师的行会等待您从这里发送。定时运行使用您的权限，而这些行可由任何能编辑此工作表的人填写。',
  'scheduleOptions.teacherInvitesOn': '定时运行也会发送教师和主讲教师邀请。',
  'scheduleOptions.teacherInvitesOff': '定时运行只发送学生邀请；教师和主讲教师邀请等待从侧边栏发送。',
  'schedule.heldRoles':
    '有 {count} 个教师或主讲教师邀请等待从侧边栏发送。请点击“发送邀请”，以您自己的权限发送。',
  'withdrawal.person': '第 {row} 行 {user}（{action}）',
  'withdrawal.people': '涉及的行：{rows}。只会撤回这些行：此后被更改的行会留待以后发送。',
  'withdrawal.peopleMore':
    '涉及的行：{rows}，另有 {count} 行。只会撤回这些行：此后被更改的行会留待以后发送。',
  'protect.heading': '谁可以编辑名单',
  'protect.keep': '同时允许以下编辑者更改名单：',
  'protect.apply': '保护这些列',
  'protect.working': '正在保护名单的列…',
  'protect.ownerOnly': '只有设置定时运行的 {owner} 可以保护这些列。',
};
