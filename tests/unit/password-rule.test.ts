/** The password rule (README "Security"): length, kinds of character, not the username, not common. */
import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../server/domain/password-rule.ts';

const codes = (password: string, username = 'wang.li') =>
  passwordProblems(password, username).map((p) => p.code);

describe('the password rule', () => {
  it.each([
    ['aaaaaaaaaa', ['tooShort', 'tooFewKinds']],
    ['aaaaaaaaaaaaaaaa', ['tooFewKinds']],
    ['Short1!', ['tooShort', 'common']],
    ['xx-wang.li-2024', ['containsUsername']],
    ['XX-WANG.LI-2024', ['containsUsername']],
    ['Password123!', ['common']],
    ['qwerty123456', ['tooFewKinds', 'common']],
    ['1qaz2wsx3edc', ['tooFewKinds', 'common']],
    ['!!Iloveyou2024', ['common']],
  ])('refuses %s: %j', (password, expected) => {
    expect(codes(password)).toEqual(expected);
  });

  it.each(['Lanzhou-river-42', 'correct horse Battery', '医保DRG改革2024q', 'pw-0f3a9c2be1d4a7c6'])(
    'accepts %s',
    (password) => {
      expect(codes(password)).toEqual([]);
    },
  );

  it('the username itself is refused, whatever the rest', () => {
    expect(codes('Admin_admin_2026!', 'admin')).toContain('containsUsername');
  });

  it('counts characters, not bytes: twelve Chinese characters are long enough', () => {
    expect(codes('医保支付方式改革三年行动A1')).not.toContain('tooShort');
  });

  it('every reason has a Chinese and an English message', () => {
    for (const p of passwordProblems('a', 'someone')) {
      expect(p.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(p.en).toMatch(/[a-z]/);
    }
  });
});
