import { domainFlag, editDistance, mainDomain } from '../../../src/core/check/address-domains';

describe('address domains', () => {
  it('takes the domain most addresses use as the main one, personal services aside', () => {
    expect(
      mainDomain(['a@xyschool.edu.cn', 'b@gmail.com', 'c@gmail.com', 'd@XYSchool.edu.cn', '42', 'me']),
    ).toBe('xyschool.edu.cn');
    expect(mainDomain(['42'])).toBe('');
  });

  it('asks "did you mean" for a domain one or two edits from the main one', () => {
    expect(domainFlag('c@xyshcool.edu.cn', 'xyschool.edu.cn')).toEqual({
      reason: 'NearMissDomain',
      domain: 'xyshcool.edu.cn',
      main: 'xyschool.edu.cn',
    });
    expect(domainFlag('c@xyschol.edu.cn', 'xyschool.edu.cn')?.reason).toBe('NearMissDomain');
    expect(domainFlag('c@partner.edu.cn', 'xyschool.edu.cn')?.reason).toBe('OutsideDomain');
    expect(domainFlag('c@gmail.com', 'xyschool.edu.cn')?.reason).toBe('PersonalAccount');
    expect(domainFlag('c@qq.com', '')?.reason).toBe('PersonalAccount');
    expect(domainFlag('c@XYSCHOOL.edu.cn', 'xyschool.edu.cn')).toBeNull();
    expect(domainFlag('12345', 'xyschool.edu.cn')).toBeNull();
  });

  it('counts a swap of two neighbouring letters as one edit, and gives up past the limit', () => {
    expect(editDistance('xyshcool', 'xyschool', 2)).toBe(1);
    expect(editDistance('school', 'scool', 2)).toBe(1);
    expect(editDistance('abcdef', 'uvwxyz', 2)).toBe(3);
    expect(editDistance('a', 'abcdefgh', 2)).toBe(3);
  });
});
