import { describe, expect, it } from 'vitest';
import { UPLOAD_SECONDS, uploadAbandoned } from '#shared/domain/document-rules.ts';

describe('an upload that never arrived', () => {
  const createdAt = '2026-11-28T08:00:00.000Z';
  const secondsLater = (seconds: number) => new Date(Date.parse(createdAt) + seconds * 1000);

  it('is still on its way while its presigned URL holds and the object may yet be verified', () => {
    expect(uploadAbandoned({ status: 'pending', createdAt }, secondsLater(UPLOAD_SECONDS))).toBe(false);
    expect(uploadAbandoned({ status: 'pending', createdAt }, secondsLater(UPLOAD_SECONDS + 5 * 60))).toBe(false);
  });

  it('is abandoned once that time has passed, and only while it is pending', () => {
    expect(uploadAbandoned({ status: 'pending', createdAt }, secondsLater(UPLOAD_SECONDS + 5 * 60 + 1))).toBe(true);
    expect(uploadAbandoned({ status: 'verified', createdAt }, secondsLater(86_400))).toBe(false);
    expect(uploadAbandoned({ status: 'rejected', createdAt }, secondsLater(86_400))).toBe(false);
  });
});
