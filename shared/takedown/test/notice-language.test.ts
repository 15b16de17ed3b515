import { noticeLanguage } from '../src';

describe('the language a notice adds to English', () => {
  it('takes the directory’s language first, else the hosting country’s when it has one official language we write', () => {
    expect(noticeLanguage({ language: 'fr', country: 'DE' })).toBe('fr');
    expect(noticeLanguage({ language: null, country: 'DE' })).toBe('de');
    expect(noticeLanguage({ country: 'nl' })).toBe('nl');
    expect(noticeLanguage({ language: null, country: 'BE' })).toBeNull(); // Dutch or French: the directory must say
    expect(noticeLanguage({ language: null, country: 'US' })).toBeNull();
    expect(noticeLanguage(null)).toBeNull();
  });
});
