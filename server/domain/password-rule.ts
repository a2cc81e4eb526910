/**
 * The password rule (等保 2.0, GB/T 22239-2019 8.1.4.1 a: "身份标识具有唯一性，身份鉴别信息具有复杂度
 * 要求并定期更换"), stated once: the API (creating an account, an admin's reset, changing one's
 * own), `npm run user:create`, ADMIN_PASSWORD and the sign-in check of passwords set before the
 * rule all call `passwordProblems`.
 *
 * - at least 12 characters;
 * - at least 3 of 4 kinds: lower-case letters, capitals, digits, other characters (punctuation,
 *   spaces, Chinese characters…);
 * - not containing the username (case ignored);
 * - not a common password: the 49,233 of zxcvbn-ts's `passwords-common` list (the package
 *   @zxcvbn-ts/language-common, from leaked-password frequency lists), compared case-ignored and
 *   also with leading and trailing digits and punctuation taken off, so "Password123!" counts
 *   as "password".
 */
import { dictionary } from '@zxcvbn-ts/language-common';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MIN_CLASSES = 3;

export interface PasswordProblem {
  code: 'tooShort' | 'tooFewKinds' | 'containsUsername' | 'common';
  zh: string;
  en: string;
}

let common: Set<string> | undefined;
const commonPasswords = () =>
  (common ??= new Set(
    (dictionary['passwords-common'] as string[]).map((p) => String(p).toLowerCase()),
  ));

const CLASSES = [/\p{Ll}/u, /\p{Lu}/u, /\p{Nd}/u, /[^\p{Ll}\p{Lu}\p{Nd}]/u];

/** What is wrong with a password for this username; empty when it may be used. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH)
    problems.push({
      code: 'tooShort',
      zh: `密码至少 ${PASSWORD_MIN_LENGTH} 个字符（现为 ${length} 个）`,
      en: `at least ${PASSWORD_MIN_LENGTH} characters (this has ${length})`,
    });
  const kinds = CLASSES.filter((c) => c.test(password)).length;
  if (kinds < PASSWORD_MIN_CLASSES)
    problems.push({
      code: 'tooFewKinds',
      zh: '须包含小写字母、大写字母、数字、其他符号中的至少 3 类',
      en: 'use at least 3 of: lower-case letters, capitals, digits, other characters',
    });
  const lower = password.toLowerCase();
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && lower.includes(name))
    problems.push({
      code: 'containsUsername',
      zh: '密码不能包含用户名',
      en: 'must not contain the username',
    });
  const core = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  if (commonPasswords().has(lower) || (core.length >= 4 && commonPasswords().has(core)))
    problems.push({
      code: 'common',
      zh: '这是常见密码，容易被猜中',
      en: 'this is a common password, easily guessed',
    });
  return problems;
}
