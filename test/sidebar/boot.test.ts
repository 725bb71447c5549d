import { readBoot } from '../../src/sidebar/boot';

describe('readBoot', () => {
  it('reads the boot data showSidebar bakes into the page', () => {
    expect(readBoot('{"locale":"zh-CN","sheetId":0,"autostart":true}', 'en-US')).toEqual({
      locale: 'zh-CN',
      sheetId: 0,
      autostart: true,
    });
  });

  it('falls back to the browser language, no sheet and no autostart for the empty template', () => {
    expect(readBoot('{}', 'zh-Hans-CN')).toEqual({ locale: 'zh-CN', autostart: false });
    expect(readBoot('{}', 'en-GB')).toEqual({ locale: 'en', autostart: false });
    expect(readBoot(null, undefined)).toEqual({ locale: 'en', autostart: false });
  });

  it('ignores malformed or wrongly typed fields instead of throwing', () => {
    expect(readBoot('{not json', 'fr')).toEqual({ locale: 'en', autostart: false });
    expect(readBoot('[1,2]', 'zh')).toEqual({ locale: 'zh-CN', autostart: false });
    expect(readBoot('{"locale":"fr","sheetId":"7","autostart":"yes"}', 'en')).toEqual({
      locale: 'en',
      autostart: false,
    });
    expect(readBoot('{"sheetId":1.5}', 'en')).toEqual({ locale: 'en', autostart: false });
  });
});
