import { EnrollmentAction, EnrollmentStatus, enrollmentTransition } from './enrollment-status.js';

const LEGAL: [EnrollmentStatus, EnrollmentAction, EnrollmentStatus][] = [
  [EnrollmentStatus.APPLIED, EnrollmentAction.APPROVE, EnrollmentStatus.APPROVED],
  [EnrollmentStatus.APPLIED, EnrollmentAction.REJECT, EnrollmentStatus.REJECTED],
  [EnrollmentStatus.APPLIED, EnrollmentAction.REMOVE, EnrollmentStatus.REMOVED],
  [EnrollmentStatus.APPLIED, EnrollmentAction.LEAVE, EnrollmentStatus.LEFT],
  [EnrollmentStatus.INVITED, EnrollmentAction.ACCEPT, EnrollmentStatus.APPROVED],
  [EnrollmentStatus.INVITED, EnrollmentAction.DECLINE, EnrollmentStatus.DECLINED],
  [EnrollmentStatus.INVITED, EnrollmentAction.REMOVE, EnrollmentStatus.REMOVED],
  [EnrollmentStatus.APPROVED, EnrollmentAction.REMOVE, EnrollmentStatus.REMOVED],
  [EnrollmentStatus.APPROVED, EnrollmentAction.LEAVE, EnrollmentStatus.LEFT],
];

describe('enrollment status machine', () => {
  it.each(LEGAL)('%s --%s--> %s', (from, action, to) => {
    expect(enrollmentTransition('e1', from, action)).toBe(to);
  });

  it('refuses every other pair with CONFLICT, and final statuses allow nothing', () => {
    const illegal = Object.values(EnrollmentStatus).flatMap((from) =>
      Object.values(EnrollmentAction)
        .filter((action) => !LEGAL.some(([f, a]) => f === from && a === action))
        .map((action) => [from, action] as const),
    );
    expect(illegal).toHaveLength(7 * 6 - LEGAL.length);
    for (const [from, action] of illegal) {
      expect(() => enrollmentTransition('e1', from, action)).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    }
    for (const final of [EnrollmentStatus.REJECTED, EnrollmentStatus.DECLINED, EnrollmentStatus.REMOVED, EnrollmentStatus.LEFT]) {
      for (const action of Object.values(EnrollmentAction)) expect(() => enrollmentTransition('e1', final, action)).toThrow(/only a/);
    }
  });
});
