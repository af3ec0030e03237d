import { expect } from 'vitest';
import { RuleViolationError } from '#shared/domain/errors.ts';

/** What a use case's promise was refused with, or undefined when it was not refused. */
export const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (e: unknown) => e,
  );

/** The rule codes a use case refused under; the test fails unless it refused under the measures' rules. */
export const codesOf = async (promise: Promise<unknown>) => {
  const error = await refusal(promise);
  expect(error).toBeInstanceOf(RuleViolationError);
  return (error as RuleViolationError).violations.map((v) => v.code);
};
