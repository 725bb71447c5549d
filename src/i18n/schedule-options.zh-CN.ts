/** 简体中文 messages of one concept (schedule-options), merged into zh-CN.ts; typed against the English keys. */
import type { scheduleOptionsEn } from './schedule-options.en';

export const scheduleOptionsZhCN: Record<keyof typeof scheduleOptionsEn, string> = {
  'scheduleOptions.email': '有需要我处理的行时，给我发送摘要邮件',
  'scheduleOptions.emailHint':
    '仅在定时运行后有需要人工处理的行时发送，包含数量和解决办法，发给设置定时的账号。',
  'scheduleOptions.emailOn': '摘要邮件：已开启（仅在有需要处理的行时发送）。',
  'scheduleOptions.emailOff': '摘要邮件：已关闭。',
  'scheduleOptions.acceptance': '每次定时运行后也刷新接受情况',
  'scheduleOptions.acceptanceHint':
    '定时运行发送完所有行后，会再读取每门课程一次并更新“已接受”列；若本次仍有行未发送完，则留到之后的定时运行再更新。',
  'scheduleOptions.acceptanceOn': '接受情况：每次定时运行时刷新。',
  'scheduleOptions.acceptanceOff': '接受情况：仅从侧边栏刷新。',
};
