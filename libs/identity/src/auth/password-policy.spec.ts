import { AppException } from '@app/core';
import { assertAcceptablePassword, passwordProblem } from './password-policy.js';

const account = { email: 'maya.lopez@example.com', displayName: 'Maya Lopez' };

describe('password policy', () => {
  it('accepts a long, unpredictable password', () => {
    expect(passwordProblem('tide-lantern-93-orbit', account)).toBeNull();
  });

  it.each([
    ['short1!', /at least 10 characters/],
    ['x'.repeat(257), /at most 256 characters/],
    ['aaaaaaaaaaaa', /repeat/],
    ['Password123', /too common/],
    ['maya.lopez-2026!', /email address/],
    ['i-am-MayaLopez!', /your name/],
  ])('rejects %j', (password, reason) => {
    expect(passwordProblem(password, account)).toMatch(reason);
  });

  it('counts characters, not UTF-16 units', () => {
    expect(passwordProblem('😀😀😀😀😀', account)).toMatch(/at least 10/);
  });

  it('names the field in the error', () => {
    let thrown: unknown;
    try {
      assertAcceptablePassword('short', account, 'newPassword');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppException);
    expect((thrown as AppException).code).toBe('BAD_USER_INPUT');
    expect((thrown as AppException).fields).toEqual([{ field: 'newPassword', message: expect.stringMatching(/^newPassword must be/) }]);
  });
});
