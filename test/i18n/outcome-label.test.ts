/** A code's plain label: RESOURCE_EXHAUSTED is a rate limit unless its reason names a daily limit. */
import { outcomeLabel } from '../../src/i18n';

describe('outcomeLabel', () => {
  it('says a rate limit for RESOURCE_EXHAUSTED without a reason, never “limit reached”', () => {
    expect(outcomeLabel('en', 'RESOURCE_EXHAUSTED')).toBe('Too many requests');
    expect(outcomeLabel('zh-CN', 'RESOURCE_EXHAUSTED')).toBe('请求过多');
  });

  it('says the daily limit when the reason is the daily invitation cap, or the user’s join limit', () => {
    expect(outcomeLabel('en', 'RESOURCE_EXHAUSTED', 'UserInvitationQuotaExhausted')).toBe(
      'Daily invitation limit reached',
    );
    expect(outcomeLabel('zh-CN', 'RESOURCE_EXHAUSTED', 'UserInvitationQuotaExhausted')).toBe(
      '已达每日邀请上限',
    );
    expect(outcomeLabel('en', 'RESOURCE_EXHAUSTED', 'UserCourseJoinRateLimitReached')).toMatch(/join limit/);
  });

  it('keeps the code’s label for a reason without one of its own', () => {
    expect(outcomeLabel('en', 'PERMISSION_DENIED', 'CannotInviteUserInUntrustedDomain')).toBe('Not allowed');
  });
});
